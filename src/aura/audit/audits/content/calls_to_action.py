from __future__ import annotations

import re
from collections.abc import Iterable
from typing import ClassVar

from selectolax.lexbor import LexborNode

from aura.audit.artifacts import Artifacts, Document
from aura.audit.base import Audit, AuditResult, plural
from aura.audit.dom import ancestors, text_of
from aura.audit.text import hidden

_PROMINENT_CLASS = re.compile(r"\b(?:btn|button|cta)\b|btn-|button-|-cta", re.I)
#: Labels of controls that work the page (menus, carousels, players, dialogs, forms of
#: navigation), not actions a visitor is invited to take.
_UI_LABEL = re.compile(
    r"^(?:(?:open|close|toggle|show|hide|expand|collapse)\b.*"
    r"|.*\b(?:menu|navigation|nav)\b"
    r"|(?:next|prev|previous|back|forward|play|pause|stop|replay|mute|unmute|search|go|ok"
    r"|cancel|dismiss|skip|more|less|x|\u00d7|\u2715|\+|-|o|share|print|copy|top|back to top"
    r"|scroll to top|accept|reject|decline|got it|settings|options|language|[a-z]{2}"
    r"|\d+|\u2039|\u203a|«|»|<|>)"
    r")[\s.!…»]*$",
    re.I,
)
#: Classes and attributes of such controls.
_UI_CLASS = re.compile(
    r"toggle|toggler|hamburger|burger|close|carousel|slick|swiper|slider|dropdown|tab\b|"
    r"accordion|pagination|page-link|lightbox|modal-close|skip",
    re.I,
)
_UI_TOGGLES = ("collapse", "dropdown", "tab", "pill", "offcanvas", "tooltip", "popover")

#: The elements that may be calls to action.
CANDIDATES = "a[href], button, input[type=submit], [role=button]"


class CallsToAction(Audit):
    id = "calls-to-action"
    title = "Page has calls to action"
    failure_title = "Page has no clear call to action"
    description = (
        'Buttons and button-styled links ("Start free trial", "Buy now") tell visitors '
        "what to do next. Controls that work the page (menu toggles, carousel arrows, "
        "players, tabs, accordion questions, search) and hidden elements are not counted."
    )
    category = "content"
    requires: ClassVar[tuple[type[object], ...]] = (Document,)

    def audit(self, artifacts: Artifacts) -> AuditResult:
        texts = calls_to_action(artifacts.get(Document).css(CANDIDATES))
        if not texts:
            return AuditResult(0.0, "None found", {"ctas": []}, facts={"ctas": []})
        return AuditResult(
            1.0,
            plural(len(texts), "call") + " to action",
            {"ctas": texts[:30]},
            metrics={"cta_count": len(texts)},
            facts={"ctas": texts[:15]},
        )


def calls_to_action(candidates: Iterable[LexborNode]) -> list[str]:
    """The distinct texts of the visible, prominent ones among ``candidates`` (elements
    matching ``CANDIDATES``): buttons, and links styled or marked as buttons."""
    texts: list[str] = []
    for node in candidates:
        if hidden(node) or is_control(node):
            continue
        classes = node.attributes.get("class") or ""
        marked = bool(_PROMINENT_CLASS.search(classes))
        # Menu entries are navigation, however they are painted, unless marked as buttons.
        in_menu = any(parent.tag == "li" for parent in ancestors(node))
        prominent = node.tag != "a" or marked or (_styled_as_button(classes) and not in_menu)
        if node.tag == "a" and (node.attributes.get("role") or "") == "button":
            prominent = True
        text = text_of(node) or (node.attributes.get("value") or "").strip()
        if (
            prominent
            and text
            and 1 <= len(text.split()) <= 8
            and not _UI_LABEL.match(text)
            and not any(char in text for char in "{}")  # an SVG's stylesheet, not words
            and text not in texts
        ):
            texts.append(text)
    return texts


def is_control(node: LexborNode) -> bool:
    """A control that works the page (a menu toggle, a carousel arrow, a tab, a search or
    reset button, an accordion question) rather than an invitation to act."""
    attributes = node.attributes
    if (attributes.get("type") or "").lower() in ("reset", "search"):
        return True
    if "aria-expanded" in attributes or "aria-controls" in attributes:
        return True
    if "aria-haspopup" in attributes:
        return True
    toggle = (attributes.get("data-bs-toggle") or attributes.get("data-toggle") or "").lower()
    if toggle in _UI_TOGGLES:
        return True
    if _UI_CLASS.search((attributes.get("class") or "") + " " + (attributes.get("id") or "")):
        return True
    # Controls of a search form, and buttons inside navigation menus other than links.
    return any(
        parent.tag == "form" and (parent.attributes.get("role") or "") == "search"
        for parent in ancestors(node)
    )


_FILLED = re.compile(r"(?:^|\s)bg-(?!transparent|none|opacity)[a-z]", re.I)
_PADDED_OR_ROUND = re.compile(r"(?:^|\s)(?:[a-z0-9]+:)*(?:rounded|px-|py-|p-)", re.I)


def _styled_as_button(classes: str) -> bool:
    """A link painted as a button with utility classes (Tailwind: a filled, padded or
    rounded box)."""
    return bool(_FILLED.search(classes) and _PADDED_OR_ROUND.search(classes))
