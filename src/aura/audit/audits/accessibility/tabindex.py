from __future__ import annotations

from typing import ClassVar

from aura.audit.artifacts import Artifacts, Document
from aura.audit.audits.accessibility._shared import node_check
from aura.audit.base import Audit, AuditResult


def _positive(value: str | None) -> bool:
    text = (value or "").strip()
    return text.isdigit() and int(text) > 0


class Tabindex(Audit):
    id = "tabindex"
    title = "No element has a [tabindex] value greater than 0"
    failure_title = "Some elements have a [tabindex] value greater than 0"
    description = "A positive tabindex reorders keyboard navigation in surprising ways."
    category = "accessibility"
    requires: ClassVar[tuple[type[object], ...]] = (Document,)
    reads_rendered_dom = True

    def audit(self, artifacts: Artifacts) -> AuditResult:
        nodes = artifacts.get(Document).css("[tabindex]")
        return node_check(
            nodes,
            lambda node: _positive(node.attributes.get("tabindex")),
            nothing="no tabindex attributes",
        )
