"""What every format shares: site labels, score formatting, the grid, file names."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from typing import Concatenate, ParamSpec, TypeVar

from aura.comparison.document import ComparisonDocument, MetricRow, Ranking, Recommendation, Site
from aura.comparison.metrics import format_value
from aura.comparison.names import host_label
from aura.reports.model import Report

#: Shown where there is no value.
MISSING = "\u2013"

#: Recommendations shown per site in the text formats.
TOP_RECOMMENDATIONS = 10


#: The names of the sites of the report being written (``naming_sites``), by URL.
_SITE_NAMES: ContextVar[Mapping[str, str] | None] = ContextVar("site_names", default=None)

_P = ParamSpec("_P")
_R = TypeVar("_R")


def site_label(url: str) -> str:
    """What to call a site: its name in the comparison (``Site.name``: og:site_name, the
    title's brand, the host) while a report is written, else its host and port."""
    names = _SITE_NAMES.get()
    return (names or {}).get(url) or host_label(url)


@contextmanager
def sites_named(names: Mapping[str, str]) -> Iterator[None]:
    """Within the block, ``site_label`` calls each site of ``names`` by its name."""
    token = _SITE_NAMES.set(names)
    try:
        yield
    finally:
        _SITE_NAMES.reset(token)


def naming_sites(
    render: Callable[Concatenate[Report, _P], _R],
) -> Callable[Concatenate[Report, _P], _R]:
    """Writes a report with its sites called by their names (every ``site_label`` inside)."""

    def named(report: Report, /, *args: _P.args, **kwargs: _P.kwargs) -> _R:
        names = {site.url: site.name for site in report.comparison.sites if site.name}
        token = _SITE_NAMES.set(names)
        try:
            return render(report, *args, **kwargs)
        finally:
            _SITE_NAMES.reset(token)

    return named


def score_text(score: float | None) -> str:
    return MISSING if score is None else f"{score:g}"


def metric_text(row: MetricRow, url: str) -> str:
    value = row.values.get(url)
    return MISSING if value is None else format_value(value, row.unit)


def compared_sites(document: ComparisonDocument) -> list[Site]:
    return [site for site in document.sites if site.compared]


def category_titles(document: ComparisonDocument) -> dict[str, str]:
    return {ranking.category: ranking.title for ranking in document.rankings.categories}


@dataclass(frozen=True)
class GridRow:
    category: str
    title: str
    scores: dict[str, float | None]
    leaders: list[str]


def category_grid(document: ComparisonDocument) -> list[GridRow]:
    """Overall first, then each ranked category: the scores of every compared site."""
    sites = compared_sites(document)
    rankings: list[Ranking] = [document.rankings.overall, *document.rankings.categories]
    rows: list[GridRow] = []
    for ranking in rankings:
        scores = {entry.url: entry.score for entry in ranking.entries}
        rows.append(
            GridRow(
                category=ranking.category,
                title=ranking.title,
                scores={site.url: scores.get(site.url) for site in sites},
                leaders=ranking.leaders if len(ranking.entries) > 1 else [],
            )
        )
    return [row for row in rows if any(score is not None for score in row.scores.values())]


@dataclass(frozen=True)
class HealthRow:
    url: str
    status: str
    failed: str
    reasons: str
    unreliable: str


def render_health_rows(document: ComparisonDocument) -> list[HealthRow]:
    """How each compared site rendered; empty when no site has a verdict (older results)."""
    titles = category_titles(document)
    rows: list[HealthRow] = []
    for site in compared_sites(document):
        health = site.render_health
        if health is None:
            continue
        rows.append(
            HealthRow(
                url=site.url,
                status=health.status,
                failed=f"{health.failed} of {health.requested}" if health.requested else "none",
                reasons="; ".join(health.reasons),
                unreliable=", ".join(
                    titles.get(name, name.capitalize()) for name in health.unreliable
                ),
            )
        )
    return rows


def top_recommendations(
    document: ComparisonDocument, limit: int = TOP_RECOMMENDATIONS
) -> list[tuple[str, list[Recommendation]]]:
    """The recommendations per site (only the primary's when there is one), best first."""
    return [(entry.url, entry.items[:limit]) for entry in document.recommendations if entry.items]


def title_of(report: Report) -> str:
    return report.batch.name or "Competitive analysis"


def file_name(report: Report, extension: str) -> str:
    """``aura-<name>-<id prefix>.<ext>``: safe in a Content-Disposition header and on disk."""
    slug = re.sub(r"[^a-z0-9]+", "-", (report.batch.name or "").lower()).strip("-")[:40]
    stem = "-".join(part for part in ("aura", slug, str(report.batch.id)[:8]) if part)
    return f"{stem}.{extension}"


def possible_technologies(document: ComparisonDocument) -> list[tuple[str, str]]:
    """Per site, what it possibly uses (detections below the confidence floor), as text."""
    return [
        (
            url,
            ", ".join(
                tech.name + (f" ({tech.confidence:g}%)" if tech.confidence is not None else "")
                for tech in possible
            ),
        )
        for url, possible in document.technology.possible.items()
        if possible
    ]
