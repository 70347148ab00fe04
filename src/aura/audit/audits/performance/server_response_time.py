from __future__ import annotations

from typing import ClassVar

from aura.audit.artifacts import Artifacts, HttpExchange
from aura.audit.base import Audit, AuditResult, log_normal_score


class ServerResponseTime(Audit):
    id = "server-response-time"
    title = "Initial server response time was short"
    failure_title = "Reduce initial server response time"
    description = (
        "Time to first byte of the page: how long the server took to start answering. "
        "Under 600 ms is good; slow responses delay everything else."
    )
    category = "performance"
    requires: ClassVar[tuple[type[object], ...]] = (HttpExchange,)

    def audit(self, artifacts: Artifacts) -> AuditResult:
        ttfb = artifacts.get(HttpExchange).timings.ttfb_ms
        if ttfb is None:
            return AuditResult.not_applicable_because("no timing was recorded")
        return AuditResult(
            log_normal_score(ttfb, p10=200, median=600),
            f"Root document took {ttfb:,.0f} ms",
            {"ttfb_ms": ttfb},
        )
