from __future__ import annotations

from typing import ClassVar

from selectolax.lexbor import LexborNode

from aura.audit.artifacts import Artifacts, Document
from aura.audit.audits.accessibility._shared import node_check
from aura.audit.base import Audit, AuditResult

FOCUSABLE = "a[href], button, input, select, textarea, iframe, [tabindex], [contenteditable]"


def focusable(node: LexborNode) -> bool:
    if "disabled" in node.attributes:
        return False
    if node.tag == "input" and (node.attributes.get("type") or "").lower() == "hidden":
        return False
    tabindex = (node.attributes.get("tabindex") or "").strip()
    return not tabindex.lstrip("-").isdigit() or int(tabindex) >= 0


class AriaHiddenFocus(Audit):
    id = "aria-hidden-focus"
    title = '[aria-hidden="true"] elements do not contain focusable descendants'
    failure_title = '[aria-hidden="true"] elements contain focusable descendants'
    description = (
        "Keyboard users can still tab to focusable content inside `aria-hidden`, but screen "
        "readers say nothing about it."
    )
    category = "accessibility"
    requires: ClassVar[tuple[type[object], ...]] = (Document,)
    reads_rendered_dom = True

    def audit(self, artifacts: Artifacts) -> AuditResult:
        hidden = artifacts.get(Document).css("[aria-hidden=true]")
        return node_check(
            hidden,
            lambda node: any(focusable(child) for child in node.css(FOCUSABLE)),
            nothing="no aria-hidden elements",
        )
