from __future__ import annotations

from typing import ClassVar

from aura.audit.artifacts import Artifacts, HttpExchange
from aura.audit.base import Audit, AuditResult


class HttpStatusCode(Audit):
    id = "http-status-code"
    title = "Page has a successful HTTP status code"
    failure_title = "Page has an unsuccessful HTTP status code"
    description = "Pages answering an error status may not be indexed."
    category = "seo"
    requires: ClassVar[tuple[type[object], ...]] = (HttpExchange,)

    def audit(self, artifacts: Artifacts) -> AuditResult:
        status = artifacts.get(HttpExchange).status_code
        return AuditResult.binary(200 <= status < 300, f"HTTP {status}", status_code=status)
