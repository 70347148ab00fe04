from __future__ import annotations

import re
from typing import ClassVar

from selectolax.lexbor import LexborNode

from aura.audit.artifacts import Artifacts, Document, Stylesheets
from aura.audit.audits.accessibility._shared import node_check
from aura.audit.base import Audit, AuditResult

FOCUSABLE = "a[href], button, input, select, textarea, iframe, [tabindex], [contenteditable]"
_HIDDEN_STYLE = re.compile(r"(?:^|;)\s*(?:display\s*:\s*none|visibility\s*:\s*hidden)\b", re.I)


def focusable(node: LexborNode) -> bool:
    if "disabled" in node.attributes:
        return False
    if node.tag == "input" and (node.attributes.get("type") or "").lower() == "hidden":
        return False
    tabindex = (node.attributes.get("tabindex") or "").strip()
    return not tabindex.lstrip("-").isdigit() or int(tabindex) >= 0


def css_hidden_ids(document: Document, selectors: tuple[str, ...]) -> set[int]:
    """The elements the page's stylesheets always hide (``a.anchor { display: none }``)."""
    hidden: set[int] = set()
    for selector in selectors:
        try:
            nodes = document.css(selector)
        except Exception:  # selectolax raises on selectors it cannot parse
            continue
        hidden.update(node.mem_id for node in nodes)
    return hidden


def not_rendered(node: LexborNode, css_hidden: set[int]) -> bool:
    """Whether ``node`` or an ancestor is not displayed (the ``hidden`` attribute, an inline
    ``display: none``, a stylesheet rule): what is not displayed cannot take focus."""
    current: LexborNode | None = node
    while current is not None and current.tag not in ("-document", "#document", None):
        attributes = current.attributes
        if "hidden" in attributes or _HIDDEN_STYLE.search(attributes.get("style") or ""):
            return True
        if current.mem_id in css_hidden:
            return True
        current = current.parent
    return False


class AriaHiddenFocus(Audit):
    id = "aria-hidden-focus"
    title = '[aria-hidden="true"] elements do not contain focusable descendants'
    failure_title = '[aria-hidden="true"] elements contain focusable descendants'
    description = (
        "Keyboard users can still tab to focusable content inside `aria-hidden`, but screen "
        "readers say nothing about it. Content the page does not display (the `hidden` "
        "attribute, `display: none` or `visibility: hidden` inline or in a stylesheet rule "
        "that applies at every width and in every state) cannot take focus and is not "
        "counted."
    )
    category = "accessibility"
    requires: ClassVar[tuple[type[object], ...]] = (Document,)
    optional: ClassVar[tuple[type[object], ...]] = (Stylesheets,)
    reads_rendered_dom = True

    def audit(self, artifacts: Artifacts) -> AuditResult:
        document = artifacts.get(Document)
        sheets = artifacts.find(Stylesheets)
        css_hidden = css_hidden_ids(document, sheets.hiding_selectors) if sheets else set()
        return node_check(
            document.css("[aria-hidden=true]"),
            lambda node: any(
                focusable(child) and not not_rendered(child, css_hidden)
                for child in node.css(FOCUSABLE)
            ),
            nothing="no aria-hidden elements",
        )
