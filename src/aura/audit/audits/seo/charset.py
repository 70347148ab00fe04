from __future__ import annotations

import re
from typing import ClassVar

from aura.audit.artifacts import Artifacts, Document, HttpExchange
from aura.audit.base import Audit, AuditResult

#: Browsers look for a ``<meta charset>`` in the first 1024 bytes of the page only.
PRESCAN_BYTES = 1024
_META_CHARSET = re.compile(rb"<meta[^>]+charset[^<]+>", re.I)
_HEADER_CHARSET = re.compile(r";\s*charset\s*=\s*[\"']?[\w.:-]+", re.I)


class Charset(Audit):
    id = "charset"
    title = "The character set is declared early"
    failure_title = "The character set is not declared, or declared too late"
    description = (
        "A browser must know the page's encoding before it reads text: from the "
        "`Content-Type` header, a byte-order mark or a `<meta charset>` within the first "
        f"{PRESCAN_BYTES} bytes. Declared later, or not at all, the page may be shown (and "
        "indexed) with garbled characters. Read from the HTML the server sent."
    )
    category = "seo"
    requires: ClassVar[tuple[type[object], ...]] = (HttpExchange, Document)

    def audit(self, artifacts: Artifacts) -> AuditResult:
        exchange = artifacts.get(HttpExchange)
        document = artifacts.get(Document)
        header = exchange.headers.get("content-type") or ""
        if _HEADER_CHARSET.search(header):
            return AuditResult.passed("Content-Type header", source="header")
        if document.html.startswith("\ufeff") or document.charset.startswith("utf-16"):
            return AuditResult.passed("Byte-order mark", source="bom")
        body = document.html.encode(document.charset, errors="replace")
        match = _META_CHARSET.search(body)
        if match is None:
            return AuditResult.failed("No charset declared", source=None)
        if match.end() > PRESCAN_BYTES:
            return AuditResult.failed(
                f"<meta charset> ends at byte {match.end():,}, after the first {PRESCAN_BYTES:,}",
                source="meta",
                position=match.end(),
            )
        return AuditResult.passed("<meta charset>", source="meta", position=match.end())
