from __future__ import annotations

from typing import ClassVar

from aura.audit.artifacts import Artifacts
from aura.audit.audits.performance._lab import seconds
from aura.audit.base import Audit, AuditResult, log_normal_score
from aura.audit.browser.artifacts import LoadDiagnostics

#: What each group of work is (``browser/trace.py``'s groups, Lighthouse's task groups).
GROUP_TITLES = {
    "script_evaluation": "Script evaluation",
    "script_parsing": "Script parsing & compilation",
    "style_layout": "Style & layout",
    "rendering": "Rendering",
    "parse_html_css": "Parsing HTML & CSS",
    "garbage_collection": "Garbage collection",
    "other": "Other",
}
#: Lighthouse's curve for the main thread's work on mobile: 2 s scores 0.9, 4 s scores 0.5.
P10_MS = 2017.0
MEDIAN_MS = 4000.0


class MainThreadWork(Audit):
    id = "main-thread-work"
    title = "Main-thread work is small"
    failure_title = "Minimise main-thread work"
    description = (
        "The time the page's main thread spent on the phone's load (CPU slowed down), by "
        "kind of work: running and compiling scripts, style and layout, painting, parsing. "
        "A busy main thread answers input late. Read from a trace of the load, the work "
        "grouped as Lighthouse groups it; when the phone is simulated, the unthrottled "
        "load's times multiplied by its CPU slowdown, as Lighthouse's mobile run does."
    )
    category = "performance"
    requires: ClassVar[tuple[type[object], ...]] = (LoadDiagnostics,)

    def audit(self, artifacts: Artifacts) -> AuditResult:
        diagnostics = artifacts.get(LoadDiagnostics)
        work = diagnostics.main_thread
        if work is None:
            reason = diagnostics.missing.get("main_thread", "the browser did not trace it")
            return AuditResult.not_applicable_because(reason)
        groups = [
            {"group": group, "title": GROUP_TITLES.get(group, group), "ms": ms}
            for group, ms in work.groups
        ]
        return AuditResult(
            log_normal_score(work.total_ms, p10=P10_MS, median=MEDIAN_MS),
            seconds(work.total_ms),
            {
                "profile": diagnostics.profile,
                "total_ms": work.total_ms,
                "groups": groups,
                "cpu_multiplier": work.cpu_multiplier,
            },
            metrics={"main_thread_ms": work.total_ms},
        )
