from __future__ import annotations

from typing import ClassVar

from aura.audit.artifacts import Artifacts, HttpExchange
from aura.audit.base import Audit, AuditResult, plural


class Redirects(Audit):
    id = "redirects"
    title = "Avoids page redirects"
    failure_title = "Avoid multiple page redirects"
    description = "Each redirect costs a round trip before the page can start loading."
    category = "performance"
    requires: ClassVar[tuple[type[object], ...]] = (HttpExchange,)

    def audit(self, artifacts: Artifacts) -> AuditResult:
        hops = artifacts.get(HttpExchange).redirects
        score = {0: 1.0, 1: 0.9}.get(len(hops), 0.5 if len(hops) == 2 else 0.0)
        chain = [{"url": hop.url, "status_code": hop.status_code} for hop in hops]
        return AuditResult(score, plural(len(hops), "redirect"), {"chain": chain})
