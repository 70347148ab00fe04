from __future__ import annotations

from typing import ClassVar

from aura.audit.artifacts import Artifacts, Document
from aura.audit.audits.accessibility._shared import node_check
from aura.audit.base import Audit, AuditResult


class TableHeaders(Audit):
    id = "table-headers"
    title = "Data tables have header cells"
    failure_title = "Data tables have no header cells"
    description = (
        "Header cells (`<th>`) let screen readers say which row and column a cell belongs "
        'to. Layout tables should say `role="presentation"` instead.'
    )
    category = "accessibility"
    requires: ClassVar[tuple[type[object], ...]] = (Document,)
    reads_rendered_dom = True

    def audit(self, artifacts: Artifacts) -> AuditResult:
        tables = [
            node
            for node in artifacts.get(Document).css("table")
            if (node.attributes.get("role") or "") not in ("presentation", "none")
            and len(node.css("tr")) > 1
        ]
        return node_check(
            tables,
            lambda node: node.css_first("th, [role=columnheader], [role=rowheader]") is None,
            nothing="no data tables",
            noun="table",
        )
