"""Repeated renders of one page: the median run, and the spread of every lab metric.

One load of a page is one sample: on a shared machine its timings swing from run to run.
With ``runs`` > 1 the page is rendered that many times; as Lighthouse's guidance on
variability recommends, the run reported is the median one, by the lab performance score
(ties broken by Largest Contentful Paint), and the values of every run are kept as the
spread, so that a comparison can treat a difference inside it as no difference.
"""

from __future__ import annotations

import statistics
from collections.abc import Sequence
from typing import Any

from aura.audit import scoring
from aura.audit.base import log_normal_score
from aura.audit.browser.artifacts import LabMetrics, ProfileRun

#: The lab metrics of Lighthouse's score: curve name, the audit that weighs it, the field.
LAB_METRICS: tuple[tuple[str, str, str], ...] = (
    ("fcp", "first-contentful-paint", "fcp_ms"),
    ("si", "speed-index", "speed_index_ms"),
    ("lcp", "largest-contentful-paint", "lcp_ms"),
    ("tbt", "total-blocking-time", "tbt_ms"),
    ("cls", "cumulative-layout-shift", "cls"),
)


def profile_score(run: ProfileRun) -> float | None:
    """Lighthouse's performance score (0-100) of one profile's load; None when nothing of
    it was measured."""
    weights = scoring.CATEGORIES["performance"].lab_weights or {}
    total = weight_sum = 0.0
    for curve, audit_id, field in LAB_METRICS:
        value = getattr(run, field)
        if value is None or curve not in run.curves:
            continue
        p10, median = run.curves[curve]
        weight = float(weights.get(audit_id, 0.0))
        total += log_normal_score(float(value), p10=p10, median=median) * weight
        weight_sum += weight
    return None if weight_sum == 0 else round(100 * total / weight_sum, 1)


def render_score(metrics: LabMetrics) -> float | None:
    """The mean of the profiles' scores: the browser-mode performance score of one render."""
    scores = [score for run in metrics.runs if (score := profile_score(run)) is not None]
    return round(sum(scores) / len(scores), 1) if scores else None


def _lcp(metrics: LabMetrics) -> float:
    values = [run.lcp_ms for run in metrics.runs if run.lcp_ms is not None]
    return sum(values) / len(values) if values else float("inf")


def median_run(measured: Sequence[LabMetrics | None]) -> int | None:
    """The index of the median render among those measured (by score, then LCP); None
    when none was."""
    ranked = [
        (score, -_lcp(metrics), index)
        for index, metrics in enumerate(measured)
        if metrics is not None and (score := render_score(metrics)) is not None
    ]
    if not ranked:
        return next((index for index, metrics in enumerate(measured) if metrics), None)
    ranked.sort()
    return ranked[len(ranked) // 2][2]


def spread(measured: Sequence[LabMetrics | None], chosen: int | None) -> dict[str, Any]:
    """``lab_spread`` of the result: every render's value of each lab metric (keys as in
    ``metrics``: ``lcp_mobile``, ``performance_score``...), with min, max and median."""
    series: dict[str, list[float | None]] = {}

    def add(key: str, index: int, value: float | None) -> None:
        series.setdefault(key, [None] * len(measured))[index] = value

    for index, metrics in enumerate(measured):
        if metrics is None:
            continue
        add("performance_score", index, render_score(metrics))
        for run in metrics.runs:
            add(f"performance_score_{run.profile}", index, profile_score(run))
            for curve, _audit, field in LAB_METRICS:
                value = getattr(run, field)
                add(f"{curve}_{run.profile}", index, None if value is None else float(value))
    summary: dict[str, Any] = {}
    for key, values in series.items():
        present = [value for value in values if value is not None]
        if not present:
            continue
        summary[key] = {
            "values": values,
            "min": min(present),
            "max": max(present),
            "median": statistics.median(present),
        }
    return {
        "runs": len(measured),
        "measured_runs": sum(1 for metrics in measured if metrics is not None),
        "median_run": chosen,
        "metrics": summary,
    }
