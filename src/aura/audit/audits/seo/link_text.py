from __future__ import annotations

from typing import ClassVar

from aura.audit.artifacts import Artifacts, Document
from aura.audit.base import Audit, AuditResult, plural
from aura.audit.dom import text_of

GENERIC_TEXTS = frozenset(
    {
        "click here",
        "click this",
        "go",
        "here",
        "this",
        "start",
        "right here",
        "more",
        "learn more",
        "read more",
        "more info",
        "more information",
        "link",
        "continue",
        "details",
    }
)


class LinkText(Audit):
    id = "link-text"
    title = "Links have descriptive text"
    failure_title = "Links do not have descriptive text"
    description = (
        'Link text like "click here" or "read more" tells neither people nor search '
        "engines where the link goes."
    )
    category = "seo"
    requires: ClassVar[tuple[type[object], ...]] = (Document,)
    reads_rendered_dom = True

    def audit(self, artifacts: Artifacts) -> AuditResult:
        links = [
            node
            for node in artifacts.get(Document).css("a[href]")
            if not (node.attributes.get("href") or "").strip().startswith(("javascript:", "#"))
        ]
        if not links:
            return AuditResult.not_applicable_because("no links")
        generic = [
            {"href": node.attributes.get("href"), "text": text}
            for node in links
            if (text := text_of(node).lower().strip(" .!?\u00bb\u203a\u2192")) in GENERIC_TEXTS
        ]
        if generic:
            return AuditResult.failed(plural(len(generic), "link"), items=generic[:50])
        return AuditResult.passed(links=len(links))
