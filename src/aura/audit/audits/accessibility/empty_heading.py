from __future__ import annotations

from typing import ClassVar

from aura.audit.artifacts import Artifacts, Document
from aura.audit.audits.accessibility._shared import node_check
from aura.audit.base import Audit, AuditResult
from aura.audit.dom import accessible_name, is_hidden


class EmptyHeading(Audit):
    id = "empty-heading"
    title = "All heading elements contain content"
    failure_title = "Heading elements do not contain content"
    description = "An empty heading is announced with nothing to say and breaks navigation."
    category = "accessibility"
    requires: ClassVar[tuple[type[object], ...]] = (Document,)
    reads_rendered_dom = True

    def audit(self, artifacts: Artifacts) -> AuditResult:
        document = artifacts.get(Document)
        headings = [
            node
            for node in document.css("h1, h2, h3, h4, h5, h6, [role=heading]")
            if not is_hidden(node)
        ]
        return node_check(
            headings,
            lambda node: not accessible_name(node, document),
            nothing="no headings",
            noun="heading",
        )
