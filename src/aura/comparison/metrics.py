"""Every comparable metric side by side: value per site, leader, median, distance to leader.

Which metrics compare, and which way is better, is data (``CATALOG``). Metrics the catalog does
not know are compared when their name says what they are (``*_ms`` and ``*_bytes`` are better
low); the rest (counts whose direction is a matter of taste, such as word or heading counts)
are shown elsewhere but not ranked. Category scores are ranked in ``rankings``, not here.
Browser metrics come per device profile (``lcp_mobile``, ``load_desktop_ms``).
"""

from __future__ import annotations

import statistics
from dataclasses import dataclass

from aura.comparison.document import Direction, MetricRow, Unit
from aura.comparison.inputs import Contest
from aura.comparison.noise import PROFILES, noise_of, split_profile, within_noise
from aura.comparison.rankings import competition_ranks
from aura.formatting import format_value as format_value


@dataclass(frozen=True)
class MetricSpec:
    label: str
    unit: Unit
    direction: Direction
    #: A zero means nothing was measured (a page that shows text has at least one colour and
    #: one font): it is left out rather than compared.
    zero_is_absent: bool = False


CATALOG: dict[str, MetricSpec] = {
    # Browser tier: lab metrics of the rendered page, one value per device profile.
    "lcp": MetricSpec("Largest Contentful Paint", "ms", "lower"),
    "fcp": MetricSpec("First Contentful Paint", "ms", "lower"),
    "si": MetricSpec("Speed Index", "ms", "lower"),
    "cls": MetricSpec("Cumulative Layout Shift", "unitless", "lower"),
    "tbt": MetricSpec("Total Blocking Time", "ms", "lower"),
    "load_ms": MetricSpec("Load event", "ms", "lower"),
    "requests": MetricSpec("Requests made", "count", "lower"),
    "transfer_bytes": MetricSpec("Bytes transferred", "bytes", "lower"),
    "javascript_errors": MetricSpec("JavaScript errors", "count", "lower"),
    "axe_violations": MetricSpec("axe-core violations", "count", "lower"),
    "axe_critical": MetricSpec("Critical axe-core violations", "count", "lower"),
    "axe_serious": MetricSpec("Serious axe-core violations", "count", "lower"),
    # The HTTP exchange and the static audits.
    "response_time_ms": MetricSpec("Response time", "ms", "lower"),
    "ttfb_ms": MetricSpec("Time to first byte", "ms", "lower"),
    "html_bytes": MetricSpec("HTML size", "bytes", "lower"),
    "total_bytes": MetricSpec("Page weight", "bytes", "lower"),
    "request_count": MetricSpec("Requests", "count", "lower"),
    "failed_requests": MetricSpec("Failed requests", "count", "lower"),
    "redirect_count": MetricSpec("Redirects", "count", "lower"),
    "uncompressed_text_resources": MetricSpec("Uncompressed text resources", "count", "lower"),
    "oversized_images": MetricSpec("Oversized images", "count", "lower"),
    "third_party_request_share": MetricSpec("Third-party share of requests", "ratio", "lower"),
    "third_party_byte_share": MetricSpec("Third-party share of bytes", "ratio", "lower"),
    "dom_elements": MetricSpec("DOM elements", "count", "lower"),
    "dom_depth": MetricSpec("DOM depth", "count", "lower"),
    "http2": MetricSpec("Served over HTTP/2 or newer", "bool", "higher"),
    "https": MetricSpec("Served over HTTPS", "bool", "higher"),
    "observatory_score": MetricSpec("Observatory score", "score", "higher"),
    "reading_ease": MetricSpec("Reading ease", "score", "higher"),
    "text_to_html_ratio": MetricSpec("Text-to-HTML ratio", "ratio", "higher"),
    "distinct_colors": MetricSpec("Distinct colours", "count", "lower", zero_is_absent=True),
    "distinct_font_sizes": MetricSpec("Distinct font sizes", "count", "lower", zero_is_absent=True),
    "font_family_count": MetricSpec("Font families", "count", "lower", zero_is_absent=True),
}


def spec_of(metric_id: str) -> MetricSpec | None:
    base, profile = split_profile(metric_id)
    spec = _base_spec(base)
    if spec is None or profile is None:
        return spec
    return MetricSpec(f"{spec.label} ({profile})", spec.unit, spec.direction, spec.zero_is_absent)


def _base_spec(metric_id: str) -> MetricSpec | None:
    if metric_id in CATALOG:
        return CATALOG[metric_id]
    if metric_id.endswith("_score"):
        return None  # category scores live in rankings; other scores are not known to compare
    if metric_id.endswith("_ms"):
        return MetricSpec(_humanise(metric_id.removesuffix("_ms")), "ms", "lower")
    if metric_id.endswith("_bytes"):
        return MetricSpec(_humanise(metric_id.removesuffix("_bytes")), "bytes", "lower")
    return None


def _humanise(stem: str) -> str:
    return stem.replace("_", " ").strip().capitalize() or stem


def _sort_key(metric_id: str) -> tuple[int, int, str]:
    base, profile = split_profile(metric_id)
    catalog = list(CATALOG)
    position = catalog.index(base) if base in catalog else len(catalog)
    return position, PROFILES.index(profile) + 1 if profile else 0, metric_id


def build_metrics(contest: Contest) -> list[MetricRow]:
    ids = {metric_id for site in contest.sites for metric_id in site.metrics}
    rows: list[MetricRow] = []
    for metric_id in sorted(ids, key=_sort_key):
        spec = spec_of(metric_id)
        if spec is None:
            continue
        values = {
            site.url: value
            for site in contest.sites
            if (value := site.metrics.get(metric_id)) is not None
            and not (spec.zero_is_absent and value == 0)
        }
        if not values:
            continue
        unreliable = {
            site.url
            for site in contest.sites
            if site.url in values and not site.reliable_metric(metric_id)
        }
        rows.append(metric_row(metric_id, spec, values, unreliable))
    return rows


def metric_row(
    metric_id: str, spec: MetricSpec, values: dict[str, float], unreliable: set[str] | None = None
) -> MetricRow:
    """Best, worst and median over the reliable values (all values when none is); the
    leaders are the reliable sites within the metric's noise of the best."""
    unreliable = unreliable or set()
    lower = spec.direction == "lower"
    reliable = {url: value for url, value in values.items() if url not in unreliable}
    judged = reliable or values
    best = min(judged.values()) if lower else max(judged.values())
    worst = max(judged.values()) if lower else min(judged.values())
    noise = noise_of(metric_id, spec.unit)
    leaders = [url for url, value in reliable.items() if within_noise(value, best, noise)]
    return MetricRow(
        id=metric_id,
        label=spec.label,
        unit=spec.unit,
        direction=spec.direction,
        values=values,
        leaders=leaders,
        leader=leaders[0] if len(leaders) == 1 else None,
        best=best,
        worst=worst,
        median=statistics.median(judged.values()),
        distance_to_leader={url: round(abs(value - best), 6) for url, value in values.items()},
        ranks=competition_ranks(values, higher_is_better=not lower),
        unreliable=[url for url in values if url in unreliable],
    )


def better(direction: Direction, a: float, b: float) -> bool:
    """Whether ``a`` is strictly better than ``b``."""
    return a < b if direction == "lower" else a > b
