"""Which of a page's CSS fonts and colours its visible elements use (static mode).

A stylesheet declares far more than a page shows: a framework's theme colours, styles for
components the page does not have, hover states, a breakpoint name in ``head``. A rule
counts here only when its selector matches an element a visitor can see (not in ``head``,
not hidden by markup, not inside ``noscript`` or ``template``). States that need the
visitor to act (``:hover``, ``:focus``…) and pseudo-elements that are not the page's
content (``::selection``, ``::placeholder``…) are left out, and fonts set on ``::before``
and ``::after`` (where icon fonts draw) are not text fonts.

What this cannot know without a browser: which rule wins the cascade, and what scripts
add. So the result is an estimate; browser mode measures the rendered page instead.
"""

from __future__ import annotations

import re
import threading
import weakref
from collections import Counter
from dataclasses import dataclass, field

from selectolax.lexbor import LexborNode

from aura.audit import css
from aura.audit.artifacts import Document
from aura.audit.browser.artifacts import RenderedDesign
from aura.audit.css import CssFacts
from aura.audit.dom import hides_itself
from aura.audit.text import classes_hide

_SKIPPED_PSEUDO = re.compile(
    r"::?(?:hover|focus|focus-within|focus-visible|active|visited|target|checked|disabled|"
    r"invalid|valid|indeterminate|placeholder-shown|autofill|user-invalid)\b|"
    r"::?(?:selection|placeholder|backdrop|marker|cue|file-selector-button|"
    r"-webkit-[\w-]+|-moz-[\w-]+|-ms-[\w-]+)",
    re.I,
)
_GENERATED = re.compile(r"::?(?:before|after)\b", re.I)
_PSEUDO = re.compile(r"(?<!\\)::?[\w-]+(?:\((?:[^()]|\([^()]*\))*\))?")
_TRAILING_COMBINATOR = re.compile(r"[\s>+~]+$")
_NOT_RENDERED = frozenset({"head", "noscript", "template", "script", "style", "title", "meta"})


@dataclass
class UsedStyles:
    #: First family of each used font stack → characters of text its rules style.
    fonts: Counter[str] = field(default_factory=Counter)
    #: Colour (``#rrggbb``) → visible elements its rules paint, plus their characters.
    colors: Counter[str] = field(default_factory=Counter)
    #: Some used stack starts with a generic family (the visitor's system font).
    system_font: bool = False


_CACHE: weakref.WeakKeyDictionary[Document, tuple[CssFacts, UsedStyles]] = (
    weakref.WeakKeyDictionary()
)
_LOCK = threading.Lock()


def used_styles(document: Document, facts: CssFacts) -> UsedStyles:
    """The fonts and colours of ``facts`` that the visible elements of ``document`` use."""
    with _LOCK:
        cached = _CACHE.get(document)
    if cached is not None and cached[0] is facts:
        return cached[1]
    used = _measure(document, facts)
    with _LOCK:
        _CACHE[document] = (facts, used)
    return used


def _measure(document: Document, facts: CssFacts) -> UsedStyles:
    used = UsedStyles()
    text_sizes: dict[int, int] = {}
    rendered: dict[int, bool] = {}
    names = _names_in(document)
    for rule in facts.style_rules:
        for selector in split_selectors(rule.selector):
            if _SKIPPED_PSEUDO.search(selector):
                continue
            generated = bool(_GENERATED.search(selector))
            nodes = _visible_matches(document, selector, rendered, names)
            if not nodes:
                continue
            chars = sum(_text_size(node, text_sizes) for node in nodes)
            for color in rule.colors:
                # An element painted counts once, and each character of text it holds again
                # (the body's colour is the colour of most of the text).
                used.colors[color] += len(nodes) + chars
            if rule.font_family is None or generated or not chars:
                continue
            family = css.first_family(rule.font_family)
            if family is not None:
                used.fonts[family] += chars
            elif _starts_generic(rule.font_family):
                used.system_font = True
    return used


def split_selectors(selector_list: str) -> list[str]:
    """The selectors of a list, split at the commas outside parentheses."""
    if "(" not in selector_list:  # most lists: every comma splits, no need to walk them
        return [part for part in (raw.strip() for raw in selector_list.split(",")) if part]
    parts: list[str] = []
    current: list[str] = []
    depth = 0
    for char in selector_list:
        if char == "(":
            depth += 1
        elif char == ")":
            depth = max(0, depth - 1)
        if char == "," and depth == 0:
            parts.append("".join(current).strip())
            current = []
        else:
            current.append(char)
    parts.append("".join(current).strip())
    return [part for part in parts if part]


def matchable(selector: str) -> str:
    """``selector`` without its pseudo-classes and pseudo-elements (a wider match)."""
    plain = _TRAILING_COMBINATOR.sub("", _PSEUDO.sub("", selector)).strip()
    return plain or "*"


#: Elements a selector's weight counts at most (a rule for every <div> weighs no more).
_MOST_MATCHES = 200


_ATTRIBUTE = re.compile(r"\[[^\]]*\]")
_CLASS_OR_ID = re.compile(r"([.#])(-?[_a-zA-Z][\w-]*)")


def _names_in(document: Document) -> tuple[frozenset[str], frozenset[str]]:
    """The class names and ids the document's elements carry."""
    classes: set[str] = set()
    for node in document.css("[class]"):
        classes.update((node.attributes.get("class") or "").split())
    return frozenset(classes), frozenset(document.ids)


def _could_match(plain: str, names: tuple[frozenset[str], frozenset[str]]) -> bool:
    """False when the selector's subject needs a class or id no element has (most rules of
    a framework): a set lookup instead of a pass over the tree."""
    subject = re.split(r"[\s>+~]+", _ATTRIBUTE.sub("", plain).strip())[-1]
    if "\\" in subject:
        return True  # escaped names (Tailwind's .md\:flex) are left to the matcher
    classes, ids = names
    for kind, name in _CLASS_OR_ID.findall(subject):
        if name not in (classes if kind == "." else ids):
            return False
    return True


def _visible_matches(
    document: Document,
    selector: str,
    rendered: dict[int, bool],
    names: tuple[frozenset[str], frozenset[str]],
) -> list[LexborNode]:
    plain = matchable(selector)
    if not _could_match(plain, names):
        return []
    try:
        nodes = document.css(plain)
    except Exception:  # selectolax raises on selectors it cannot parse
        return []
    visible: list[LexborNode] = []
    for node in nodes:
        if _rendered(node, rendered):
            visible.append(node)
            if len(visible) == _MOST_MATCHES:
                break
    return visible


def _rendered(node: LexborNode, known: dict[int, bool]) -> bool:
    """Whether nothing hides ``node`` or an ancestor (remembered per element)."""
    path: list[LexborNode] = []
    current: LexborNode | None = node
    answer = True
    while current is not None and current.tag not in ("-document", "#document", None):
        found = known.get(current.mem_id)
        if found is not None:
            answer = found
            break
        if current.tag in _NOT_RENDERED or css_hidden(current):
            answer = False
            path.append(current)
            break
        path.append(current)
        current = current.parent
    # Everything below a hidden element is hidden; below a shown one, as that one is.
    for element in path:
        known[element.mem_id] = answer
    return answer


def css_hidden(node: LexborNode) -> bool:
    attributes = node.attributes
    return hides_itself(attributes) or classes_hide(attributes.get("class"))


def _text_size(node: LexborNode, sizes: dict[int, int]) -> int:
    key = node.mem_id
    if key not in sizes:
        sizes[key] = len("".join(node.text(deep=True).split()))
    return sizes[key]


def _starts_generic(stack: str) -> bool:
    first = stack.split(",", 1)[0].strip().strip("\"'").lower()
    return first in css.GENERIC_FAMILIES and first not in ("inherit", "initial", "unset")


#: The browser's own colours for unstyled links, text, form fields and buttons: not colours
#: the page chose, unless its CSS declares them too.
USER_AGENT_COLORS = frozenset({"#0000ee", "#551a8b", "#000000", "#ffffff", "#efefef"})


def rendered_palette(design: RenderedDesign, facts: CssFacts) -> list[tuple[str, float]]:
    """The colours of the rendered page, heaviest first: text colours weighted by the share
    of the text they draw, background colours by the share of the painted area they cover,
    colours that look the same merged. The browser's defaults count only when the page's
    CSS declares them."""
    weights: dict[str, float] = {}
    pairs: tuple[tuple[str, float], ...]
    for every in (design.text_colors, design.surface_colors):
        pairs = tuple(
            (color, weight)
            for color, weight in every
            if color not in USER_AGENT_COLORS or color in facts.colors
        )
        total = sum(weight for _color, weight in pairs)
        for color, weight in pairs:
            weights[color] = weights.get(color, 0.0) + (weight / total if total else 0.0)
    return [
        (color, round(weight, 4))
        for color, weight in css.merge_similar(weights)
        if weight >= MIN_COLOR_SHARE
    ]


#: A colour covering less than this share of the text or the painted area is a detail
#: (an icon, a badge), not part of the palette.
MIN_COLOR_SHARE = 0.005


def rendered_fonts(design: RenderedDesign, facts: CssFacts) -> list[str] | None:
    """The rendered page's text fonts, most text first; None when the render showed no text.

    A font drawing under 1 % of the text (a code sample, a widget) is left out, and so are
    the browser's default fonts (Chromium computes unstyled text as "Times New Roman" and
    form controls as "Arial") unless the page's CSS asks for them.
    """
    if not design.text_fonts and not design.system_font:
        return None
    declared = {family.lower() for family in facts.font_families}
    total = sum(chars for _family, chars in design.text_fonts) or 1
    return [
        family
        for family, chars in design.text_fonts
        if chars / total >= MIN_FONT_SHARE
        and (family.lower() not in USER_AGENT_FONTS or family.lower() in declared)
    ]


#: The share of the visible text a font must draw to count as one of the page's fonts.
MIN_FONT_SHARE = 0.01
#: Chromium's default families (standard, sans-serif, monospace settings).
USER_AGENT_FONTS = frozenset({"times new roman", "arial", "courier new"})
