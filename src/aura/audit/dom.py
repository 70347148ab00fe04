"""DOM helpers shared by audits: accessible names, visibility, short node descriptions."""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping

from selectolax.lexbor import LexborNode

from aura.audit.artifacts import Document

_SPACES = re.compile(r"\s+")
# Whole property names only: ``backface-visibility: hidden`` hides nothing.
_HIDDEN_STYLE = re.compile(r"(?:^|[;{\s])(?:display\s*:\s*none|visibility\s*:\s*hidden)\b", re.I)


def clean(text: str | None) -> str:
    return _SPACES.sub(" ", text or "").strip()


def attr(node: LexborNode, name: str) -> str | None:
    value = node.attributes.get(name)
    return None if value is None else value.strip()


def ancestors(node: LexborNode) -> Iterator[LexborNode]:
    parent = node.parent
    while parent is not None and parent.tag not in ("-document", "#document", None):
        yield parent
        parent = parent.parent


def depth(node: LexborNode) -> int:
    return sum(1 for _ in ancestors(node))


def is_hidden(node: LexborNode) -> bool:
    """Hidden from everyone by markup (``hidden``, inline ``display:none``, ``aria-hidden``)."""
    return any(hides_itself(current.attributes) for current in (node, *ancestors(node)))


def hides_itself(attributes: Mapping[str, str | None]) -> bool:
    """Whether an element's own attributes hide it (its ancestors are not looked at)."""
    if "hidden" in attributes or (attributes.get("aria-hidden") or "").strip() == "true":
        return True
    return bool(_HIDDEN_STYLE.search(attributes.get("style") or ""))


def hidden_style(style: str | None) -> bool:
    """Whether an inline ``style`` says ``display: none`` or ``visibility: hidden``."""
    return bool(_HIDDEN_STYLE.search(style or ""))


def text_of(node: LexborNode) -> str:
    return clean(node.text(deep=True, separator=" "))


def accessible_name(node: LexborNode, document: Document) -> str:
    """A simplified accessible-name computation (ARIA label, labelledby, content, title)."""
    label = attr(node, "aria-label")
    if label:
        return clean(label)
    labelledby = attr(node, "aria-labelledby")
    if labelledby:
        parts = [_text_by_id(document, ref) for ref in labelledby.split()]
        joined = clean(" ".join(part for part in parts if part))
        if joined:
            return joined
    content = _content_name(node)
    if content:
        return content
    return clean(attr(node, "title"))


def _content_name(node: LexborNode) -> str:
    pieces: list[str] = []
    text = text_of(node)
    if text:
        pieces.append(text)
    for image in node.css("img[alt], [role=img][aria-label], svg title"):
        if image.tag == "title":
            pieces.append(text_of(image))
        else:
            pieces.append(clean(image.attributes.get("alt") or image.attributes.get("aria-label")))
    return clean(" ".join(pieces))


def _text_by_id(document: Document, ident: str) -> str:
    node = document.ids.get(ident)
    if node is None:
        return ""
    # Referenced elements contribute their label or text; following their own references
    # could loop, and the specification stops there too.
    return clean(attr(node, "aria-label")) or text_of(node)


def control_label(node: LexborNode, document: Document, labels: dict[str, str]) -> str:
    """The label of a form control: ARIA, ``<label for>``, wrapping label, title, placeholder.

    ``labels`` maps ids to the text of the ``<label for=id>`` elements of the document.
    """
    for name in ("aria-label", "title", "placeholder"):
        value = clean(attr(node, name))
        if value:
            return value
    labelledby = attr(node, "aria-labelledby")
    if labelledby and any(_text_by_id(document, ref) for ref in labelledby.split()):
        return "labelledby"
    ident = attr(node, "id")
    if ident and labels.get(ident):
        return labels[ident]
    for parent in ancestors(node):
        if parent.tag == "label":
            return text_of(parent) or "label"
    return ""


def describe(node: LexborNode, limit: int = 120) -> str:
    """A short, readable snippet of the element's opening tag (for details tables)."""
    parts = [node.tag or "?"]
    for key, value in list(node.attributes.items())[:5]:
        if value is None:
            parts.append(key)
        else:
            shown = value if len(value) <= 40 else value[:37] + "…"
            parts.append(f'{key}="{shown}"')
    snippet = "<" + " ".join(parts) + ">"
    return snippet if len(snippet) <= limit else snippet[: limit - 1] + "…"


def heading_level(node: LexborNode) -> int:
    tag = node.tag or ""
    return int(tag[1]) if len(tag) == 2 and tag[0] == "h" and tag[1].isdigit() else 0
