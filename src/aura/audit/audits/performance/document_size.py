from __future__ import annotations

from typing import ClassVar

from aura.audit.artifacts import Artifacts, HttpExchange
from aura.audit.base import Audit, AuditResult, kib, log_normal_score


class DocumentSize(Audit):
    id = "document-size"
    title = "HTML document is lean"
    failure_title = "HTML document is heavy"
    description = (
        "Size of the page's HTML after decompression. Large documents take longer to "
        "download and parse; inline data and markup bloat are the usual causes."
    )
    category = "performance"
    requires: ClassVar[tuple[type[object], ...]] = (HttpExchange,)

    def audit(self, artifacts: Artifacts) -> AuditResult:
        size = artifacts.get(HttpExchange).body_bytes
        score = log_normal_score(size, p10=60 * 1024, median=250 * 1024)
        return AuditResult(score, kib(size), {"bytes": size})
