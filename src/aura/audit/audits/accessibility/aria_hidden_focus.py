from __future__ import annotations

import re
from typing import ClassVar

from selectolax.lexbor import LexborNode

from aura.audit.artifacts import Artifacts, Document, Stylesheets
from aura.audit.audits.accessibility._axe import rule_result
from aura.audit.audits.accessibility._shared import node_check
from aura.audit.base import Audit, AuditResult
from aura.audit.browser.artifacts import AxeReport
from aura.audit.dom import hidden_style

FOCUSABLE = "a[href], button, input, select, textarea, iframe, [tabindex], [contenteditable]"
#: Classes that mean ``display: none`` or ``visibility: hidden`` in the common frameworks
#: (Bootstrap, Tailwind, Bulma). Screen-reader-only classes are left out: what they hide
#: from the eye can still take the focus.
_NOT_DISPLAYED_CLASSES = frozenset({"d-none", "hidden", "hide", "is-hidden", "invisible"})


#: Words in the role or class of a component that scripts open and close (a modal, a menu,
#: a drawer): its stylesheet hides it while closed, which only a browser sees.
_TOGGLED = re.compile(
    r"\b(?:modal|dialog|menu|drawer|offcanvas|off-canvas|dropdown|collapse|popup|popover)\b",
    re.I,
)


def toggled_component(node: LexborNode) -> bool:
    attributes = node.attributes
    return bool(_TOGGLED.search(f"{attributes.get('role') or ''} {attributes.get('class') or ''}"))


def focusable(node: LexborNode, css_hidden: frozenset[int] = frozenset()) -> bool:
    if "disabled" in node.attributes:
        return False
    if node.tag == "input" and (node.attributes.get("type") or "").lower() == "hidden":
        return False
    tabindex = (node.attributes.get("tabindex") or "").strip()
    if tabindex.lstrip("-").isdigit() and int(tabindex) < 0:
        return False
    return not out_of_focus_order(node, css_hidden)


def out_of_focus_order(node: LexborNode, css_hidden: frozenset[int] = frozenset()) -> bool:
    """Whether the markup takes the element out of the focus order: it or an ancestor is
    ``hidden``, ``inert``, a closed ``<dialog>``, styled ``display: none`` or
    ``visibility: hidden`` inline, carries a framework class that hides it, or is among
    ``css_hidden`` (what a stylesheet rule always hides). A rule that hides it only in some
    state (a closed modal) is seen only by a browser."""
    current: LexborNode | None = node
    while current is not None and current.tag not in ("-document", "#document", None):
        if current.mem_id in css_hidden:
            return True
        attributes = current.attributes
        if "hidden" in attributes or "inert" in attributes:
            return True
        if current.tag == "dialog" and "open" not in attributes:
            return True
        if hidden_style(attributes.get("style")):
            return True
        classes = (attributes.get("class") or "").split()
        # A responsive class ("hidden md:flex", "d-none d-md-block") shows it at some width.
        if _NOT_DISPLAYED_CLASSES.intersection(classes) and not any(
            ":" in name or (name.startswith("d-") and name != "d-none") for name in classes
        ):
            return True
        current = current.parent
    return False


def css_hidden_ids(document: Document, selectors: tuple[str, ...]) -> frozenset[int]:
    """The elements the page's stylesheets always hide (``a.anchor { display: none }``: a
    top-level rule with no pseudo-class, so it holds at every width and in every state)."""
    hidden: set[int] = set()
    for selector in selectors:
        try:
            nodes = document.css(selector)
        except Exception:  # selectolax raises on selectors it cannot parse
            continue
        hidden.update(node.mem_id for node in nodes)
    return frozenset(hidden)


class AriaHiddenFocus(Audit):
    id = "aria-hidden-focus"
    title = '[aria-hidden="true"] elements do not contain focusable descendants'
    failure_title = '[aria-hidden="true"] elements contain focusable descendants'
    description = (
        "Keyboard users can still tab to focusable content inside `aria-hidden`, but screen "
        "readers say nothing about it. In browser mode axe-core decides on the rendered page "
        "(content that styles hide, such as a closed modal, cannot take the focus); without "
        "a browser what the markup hides, and what a stylesheet rule hides at every width and "
        "in every state, is out of the focus order, and modals and menus, which stylesheets "
        "show and hide, are left undecided."
    )
    category = "accessibility"
    requires: ClassVar[tuple[type[object], ...]] = (Document,)
    optional: ClassVar[tuple[type[object], ...]] = (AxeReport, Stylesheets)
    reads_rendered_dom = True

    def audit(self, artifacts: Artifacts) -> AuditResult:
        report = artifacts.find(AxeReport)
        if report is not None and (
            report.ran(self.id) or self.id in report.inapplicable or self.id in report.incomplete
        ):
            return rule_result(report, self.id, "element")
        document = artifacts.get(Document)
        hidden = document.css("[aria-hidden=true]")
        sheets = artifacts.find(Stylesheets)
        css_hidden = css_hidden_ids(document, sheets.hiding_selectors) if sheets else frozenset()
        # Without a browser, a closed modal or menu cannot be told from an open one.
        decidable = [node for node in hidden if not toggled_component(node)]
        if hidden and not decidable:
            return AuditResult.not_applicable_because(
                f"needs a browser: {len(hidden)} aria-hidden modals or menus, which their "
                "stylesheets show and hide"
            )
        return node_check(
            decidable,
            lambda node: any(focusable(child, css_hidden) for child in node.css(FOCUSABLE)),
            nothing="no aria-hidden elements",
        )
