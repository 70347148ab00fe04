from __future__ import annotations

from typing import ClassVar

from aura.audit.artifacts import Artifacts, Document
from aura.audit.audits.accessibility._shared import node_check
from aura.audit.base import Audit, AuditResult
from aura.audit.dom import accessible_name, is_hidden


class LinkName(Audit):
    id = "link-name"
    title = "Links have a discernible name"
    failure_title = "Links do not have a discernible name"
    description = "Link text (or an alternative for a linked image) says where a link goes."
    category = "accessibility"
    requires: ClassVar[tuple[type[object], ...]] = (Document,)
    reads_rendered_dom = True

    def audit(self, artifacts: Artifacts) -> AuditResult:
        document = artifacts.get(Document)
        links = [node for node in document.css("a[href]") if not is_hidden(node)]
        return node_check(
            links,
            lambda node: not accessible_name(node, document),
            nothing="no links",
            noun="link",
        )
