from __future__ import annotations

import re
from typing import ClassVar

from aura.audit.artifacts import Artifacts, Document
from aura.audit.base import Audit, AuditResult

# What may come before the doctype: a byte-order mark, white space and comments.
_LEADING = re.compile(r"^(?:\ufeff|\s|<!--.*?-->)*", re.S)
_DOCTYPE = re.compile(
    r"<!doctype\s+([^\s>]+)(?:\s+(?:public\s+(\"[^\"]*\"|'[^']*'))?\s*(\"[^\"]*\"|'[^']*')?)?[^>]*>",
    re.I,
)


class Doctype(Audit):
    id = "doctype"
    title = "Page has the HTML doctype"
    failure_title = "Page lacks the HTML doctype, so the browser renders it in quirks mode"
    description = (
        "`<!DOCTYPE html>` first in the page keeps browsers out of quirks mode, where layout "
        "follows the bugs of old browsers. A doctype with a public or system identifier "
        "(HTML 4, XHTML 1) selects a quirks or limited-quirks mode. Read from the HTML the "
        "server sent."
    )
    category = "seo"
    requires: ClassVar[tuple[type[object], ...]] = (Document,)

    def audit(self, artifacts: Artifacts) -> AuditResult:
        html = artifacts.get(Document).html
        start = _LEADING.match(html)
        rest = html[start.end() if start else 0 :]
        match = _DOCTYPE.match(rest)
        if match is None:
            return AuditResult.failed("No doctype", doctype=None)
        declared = match.group(0)[:200]
        name, public_id, system_id = match.groups()
        if name.lower() != "html":
            return AuditResult.failed(f"Doctype name is {name!r}", doctype=declared)
        public_id = (public_id or "").strip("\"'")
        system_id = (system_id or "").strip("\"'")
        if public_id or (system_id and system_id != "about:legacy-compat"):
            return AuditResult.failed(
                "A legacy doctype (quirks or limited quirks)", doctype=declared
            )
        return AuditResult.passed(doctype=declared)
