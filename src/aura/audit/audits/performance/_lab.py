"""Shared by the lab-metric audits (browser mode): one score per device profile (not an audit)."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from aura.audit.base import AuditResult, log_normal_score
from aura.audit.browser.artifacts import LabMetrics, ProfileRun


def seconds(value: float) -> str:
    return f"{value / 1000:,.1f} s"


def milliseconds(value: float) -> str:
    return f"{value:,.0f} ms"


def lab_metric(
    metrics: LabMetrics,
    key: str,
    read: Callable[[ProfileRun], float | None],
    show: Callable[[float], str],
    extra: Mapping[str, Any] | None = None,
) -> AuditResult:
    """Score ``key`` on each profile with its log-normal curve; the audit is their mean.
    ``extra`` joins the details (what each profile saw beside the number)."""
    more = dict(extra or {})
    scores: list[float] = []
    shown: list[str] = []
    profiles: dict[str, dict[str, float | str | None]] = {}
    flat: dict[str, float | int | None] = {}
    for run in metrics.runs:
        value = read(run)
        if value is None or key not in run.curves:
            profiles[run.profile] = {"value": None, "score": None}
            continue
        p10, median = run.curves[key]
        score = log_normal_score(value, p10=p10, median=median)
        scores.append(score)
        disturbed = run.disturbed(key)
        busy = " (host busy)" if disturbed else ""
        shown.append(f"{run.profile.capitalize()} {show(value)}{busy}")
        profiles[run.profile] = {"value": value, "score": score, "p10": p10, "median": median}
        if disturbed:
            profiles[run.profile]["disturbed"] = disturbed
        flat[f"{key}_{run.profile}"] = value
    if not scores:
        return AuditResult.not_applicable_because("the browser did not record it", **more)
    return AuditResult(
        round(sum(scores) / len(scores), 3),
        " · ".join(shown),
        {"profiles": profiles, **more},
        metrics=flat,
    )
