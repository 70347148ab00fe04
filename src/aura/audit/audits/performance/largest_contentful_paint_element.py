from __future__ import annotations

from typing import Any, ClassVar

from aura.audit.artifacts import Artifacts
from aura.audit.audits.performance._lab import milliseconds
from aura.audit.base import Audit, AuditResult
from aura.audit.browser.artifacts import LabMetrics, LcpBreakdown

PHASES = (
    ("ttfb_ms", "time to first byte"),
    ("load_delay_ms", "resource load delay"),
    ("load_time_ms", "resource load time"),
    ("render_delay_ms", "element render delay"),
)


class LargestContentfulPaintElement(Audit):
    id = "largest-contentful-paint-element"
    title = "Largest Contentful Paint element"
    failure_title = "Largest Contentful Paint element"
    description = (
        "The element painted as the Largest Contentful Paint on each profile, its image, "
        "and where the time went: the document's first byte, the wait before the image "
        "was requested (load delay), its download (load time) and the wait until it was "
        "painted (render delay). Text has no load phases. The longest phase is the one to "
        "work on."
    )
    category = "performance"
    requires: ClassVar[tuple[type[object], ...]] = (LabMetrics,)
    informative = True

    def audit(self, artifacts: Artifacts) -> AuditResult:
        runs = [run for run in artifacts.get(LabMetrics).runs if run.lcp is not None]
        if not runs:
            return AuditResult.not_applicable_because("the browser recorded no LCP element")
        profiles: dict[str, dict[str, Any]] = {}
        shown: list[str] = []
        for run in runs:
            lcp = run.lcp
            assert lcp is not None
            profiles[run.profile] = {"lcp_ms": run.lcp_ms, **lcp.summary()}
            longest = _longest_phase(lcp)
            element = lcp.selector or lcp.kind
            more = f", mostly {longest[1]} ({milliseconds(longest[0])})" if longest else ""
            shown.append(f"{run.profile.capitalize()} {element}{more}")
        return AuditResult(None, " · ".join(shown), {"profiles": profiles})


def _longest_phase(lcp: LcpBreakdown) -> tuple[float, str] | None:
    phases = [(value, name) for key, name in PHASES if (value := getattr(lcp, key)) is not None]
    return max(phases, default=None)
