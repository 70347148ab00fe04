from __future__ import annotations

import re
from typing import ClassVar

from aura.audit.artifacts import Artifacts, HttpExchange
from aura.audit.base import Audit, AuditResult

DISCLOSING_HEADERS = (
    "server",
    "x-powered-by",
    "x-aspnet-version",
    "x-aspnetmvc-version",
    "x-generator",
)
_VERSION = re.compile(r"\d+\.\d+")


class ServerHeader(Audit):
    id = "server-header"
    title = "Response headers do not disclose software versions"
    failure_title = "Response headers disclose software versions"
    description = (
        "Headers like `Server: Apache/2.4.41` or `X-Powered-By: PHP/7.4` tell attackers "
        "which known vulnerabilities to try."
    )
    category = "security"
    requires: ClassVar[tuple[type[object], ...]] = (HttpExchange,)

    def audit(self, artifacts: Artifacts) -> AuditResult:
        headers = artifacts.get(HttpExchange).headers
        disclosed = {
            name: value
            for name in DISCLOSING_HEADERS
            if (value := headers.get(name)) is not None and _VERSION.search(value)
        }
        if disclosed:
            return AuditResult.failed(
                ", ".join(f"{k}: {v}" for k, v in disclosed.items()), headers=disclosed
            )
        return AuditResult.passed(headers={})
