from __future__ import annotations

from typing import ClassVar

from aura.audit.artifacts import Artifacts, HttpExchange
from aura.audit.base import Audit, AuditResult


class IsOnHttps(Audit):
    id = "is-on-https"
    title = "Uses HTTPS"
    failure_title = "Does not use HTTPS"
    description = (
        "HTTPS protects visitors' data and the page's integrity; browsers flag plain HTTP "
        "pages as not secure."
    )
    category = "security"
    requires: ClassVar[tuple[type[object], ...]] = (HttpExchange,)

    def audit(self, artifacts: Artifacts) -> AuditResult:
        exchange = artifacts.get(HttpExchange)
        tls = exchange.tls
        details = {"final_url": exchange.final_url, "tls_version": tls.version if tls else None}
        if not exchange.is_https:
            return AuditResult(0.0, "Served over plain HTTP", details, metrics={"https": 0})
        return AuditResult(
            1.0, tls.version if tls and tls.version else "", details, metrics={"https": 1}
        )
