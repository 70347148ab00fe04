"""Ranking the sites of a batch on the metrics their analyses recorded.

Pure functions: no database, no IO. The input is what the analyses stored; the output is
the JSON document served by ``GET /api/v1/competitive/{id}/comparison``.
"""

from __future__ import annotations

import statistics
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, Literal

COMPARISON_VERSION = "0.1"

Direction = Literal["lower", "higher"]


@dataclass(frozen=True)
class MetricSpec:
    id: str
    label: str
    unit: str
    direction: Direction


METRICS: tuple[MetricSpec, ...] = (
    MetricSpec("response_time_ms", "Response time", "ms", "lower"),
    MetricSpec("ttfb_ms", "Time to first byte", "ms", "lower"),
    MetricSpec("html_bytes", "HTML size", "bytes", "lower"),
    MetricSpec("redirect_count", "Redirects", "count", "lower"),
    MetricSpec("has_title", "Has a title", "bool", "higher"),
)


@dataclass(frozen=True)
class SiteInput:
    url: str
    status: str
    is_primary: bool
    error: str | None
    result: dict[str, Any] | None


def _metric_values(site: SiteInput) -> dict[str, float]:
    assert site.result is not None
    values: dict[str, float] = {}
    for key, value in (site.result.get("metrics") or {}).items():
        if isinstance(value, int | float) and not isinstance(value, bool):
            values[key] = float(value)
    values["has_title"] = 1.0 if site.result.get("title") else 0.0
    return values


def _competition_ranks(scores: dict[str, float], higher_is_better: bool) -> dict[str, int]:
    """Standard competition ranking ("1224"): equal values share a rank."""
    ordered = sorted(scores.values(), reverse=higher_is_better)
    return {url: ordered.index(value) + 1 for url, value in scores.items()}


def _relative_score(value: float, best: float, worst: float) -> float:
    """100 for the best value in the field, 0 for the worst, linear in between."""
    if best == worst:
        return 100.0
    return 100.0 * (worst - value) / (worst - best)


def _version_key(version: str) -> tuple[int, ...]:
    return tuple(int(part) if part.isdigit() else 0 for part in version.split("."))


def _analysis_version(site: SiteInput) -> str:
    return str((site.result or {}).get("analysis_version"))


def compare(sites: Sequence[SiteInput], primary_url: str | None = None) -> dict[str, Any]:
    completed = [site for site in sites if site.status == "completed" and site.result]
    # Results of different analysis versions measure different things: only the newest
    # version is compared, and the others are listed with the reason they are left out.
    version = max((_analysis_version(s) for s in completed), key=_version_key, default=None)
    analysed = [site for site in completed if _analysis_version(site) == version]
    excluded = {
        site.url: f"analysed with version {_analysis_version(site)}, compared at {version}"
        for site in completed
        if _analysis_version(site) != version
    }
    values = {site.url: _metric_values(site) for site in analysed}

    metric_rows: list[dict[str, Any]] = []
    score_parts: dict[str, list[float]] = {site.url: [] for site in analysed}
    for spec in METRICS:
        row_values = {url: v[spec.id] for url, v in values.items() if spec.id in v}
        if not row_values:
            continue
        lower = spec.direction == "lower"
        best = min(row_values.values()) if lower else max(row_values.values())
        worst = max(row_values.values()) if lower else min(row_values.values())
        leaders = sorted(url for url, value in row_values.items() if value == best)
        for url, value in row_values.items():
            score_parts[url].append(_relative_score(value, best, worst))
        metric_rows.append(
            {
                "id": spec.id,
                "label": spec.label,
                "unit": spec.unit,
                "direction": spec.direction,
                "values": row_values,
                "leader": leaders[0] if len(leaders) == 1 else None,
                "leaders": leaders,
                "median": statistics.median(row_values.values()),
                "distance_to_leader": {url: abs(value - best) for url, value in row_values.items()},
            }
        )

    overall = {
        url: round(statistics.fmean(parts), 1) if parts else 0.0
        for url, parts in score_parts.items()
    }
    ranks = _competition_ranks(overall, higher_is_better=True)
    ranking = sorted(
        ({"rank": ranks[url], "url": url, "score": score} for url, score in overall.items()),
        key=lambda entry: (entry["rank"], entry["url"]),
    )
    firsts = [url for url, rank in ranks.items() if rank == 1]
    return {
        "comparison_version": COMPARISON_VERSION,
        "analysis_version": version,
        "primary_url": primary_url,
        "sites": [
            {
                "url": site.url,
                "status": "excluded" if site.url in excluded else site.status,
                "error": excluded.get(site.url, site.error),
                "is_primary": site.is_primary,
                "final_url": (site.result or {}).get("final_url"),
                "title": (site.result or {}).get("title"),
                "metrics": values.get(site.url, {}),
                "score": overall.get(site.url),
                "rank": ranks.get(site.url),
            }
            for site in sites
        ],
        "ranking": ranking,
        "metrics": metric_rows,
        # The leader is the single site ranked first; a tie for first leaves no leader.
        "leader": firsts[0] if len(firsts) == 1 else None,
    }
