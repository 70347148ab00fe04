from __future__ import annotations

import re
from dataclasses import dataclass
from typing import ClassVar
from urllib.parse import urlsplit

from selectolax.lexbor import LexborNode

from aura.audit.artifacts import Artifacts, Document
from aura.audit.base import Audit, AuditResult
from aura.audit.dom import ancestors, clean, is_hidden, text_of

#: Where a site's own logo sits: the page header and the top navigation.
HEADER_REGIONS = (
    "header, [role=banner], #header, .header, .site-header, .masthead, nav, [role=navigation], "
    ".navbar, [class*=navbar-header]"
)
#: Classes and ids that name a logo or a brand mark (not "logos", a row of client logos).
_LOGO_NAME = re.compile(
    r"(?:^|[\s_./-])(?:logo|brand|wordmark|site-title|site-name)(?:$|[\s_./-])", re.I
)
_WORDMARK_WORDS = 6
#: Badges beside a wordmark (pkgdown's version label "0.12.0", a "beta" tag) are not the name.
_BADGE = re.compile(r"(?:^|\s)(?:badge|label|version|tag)(?:$|[\s-])", re.I)


@dataclass(frozen=True)
class Found:
    kind: str  # "image" | "svg" | "wordmark"
    element: LexborNode
    source: str | None = None
    text: str = ""


def _names(node: LexborNode) -> str:
    attributes = node.attributes
    return " ".join(
        attributes.get(name) or "" for name in ("class", "id", "alt", "src", "data-text")
    )


def _is_home_link(node: LexborNode, document: Document) -> bool:
    href = (node.attributes.get("href") or "").strip()
    if not href or href in ("#", "#!"):
        return False
    if href.startswith("#"):
        return href.lower() in ("#top", "#page-top", "#home")
    target = urlsplit(document.resolve(href))
    page = urlsplit(document.url)
    return target.netloc == page.netloc and target.path in ("", "/", "/index.html", page.path)


def _mark_in(node: LexborNode, document: Document) -> Found | None:
    """What ``node`` (a logo element or a home link) shows: an image, an SVG, or text."""
    images = [node] if node.tag in ("img", "svg") else node.css("img, svg")
    for image in images:
        if is_hidden(image):
            continue
        if image.tag == "img":
            source = image.attributes.get("src") or image.attributes.get("data-src")
            if source:
                return Found("image", image, document.resolve(source))
        else:
            return Found("svg", image, None, _svg_name(image, node))
    text = wordmark_text(node)
    if text and len(text.split()) <= _WORDMARK_WORDS and len(text) <= 60:
        return Found("wordmark", node, None, text)
    return None


def wordmark_text(node: LexborNode) -> str:
    """The text of a brand element without the badges it carries (a version label)."""
    pieces: list[str] = []
    stack = [node]
    while stack:
        current = stack.pop()
        if current.tag == "-text":
            pieces.append(current.text_content or "")
            continue
        if current is not node and _BADGE.search(current.attributes.get("class") or ""):
            continue
        children = []
        child = current.child
        while child is not None:
            children.append(child)
            child = child.next
        stack.extend(reversed(children))
    return clean(" ".join(pieces))


def _svg_name(svg: LexborNode, holder: LexborNode) -> str:
    title = svg.css_first("title")
    for candidate in (
        holder.attributes.get("aria-label"),
        svg.attributes.get("aria-label"),
        text_of(title) if title is not None else None,
        text_of(holder),
    ):
        if candidate and candidate.strip():
            return " ".join(candidate.split())[:80]
    return ""


def find_logo(document: Document) -> Found | None:
    """The site's logo: a logo-named element or the home link in the header, else a
    logo-named image anywhere outside the footer."""
    regions = [node for node in document.css(HEADER_REGIONS) if not is_hidden(node)]
    for region in regions:
        first_link = True
        for node in region.css("*"):
            if is_hidden(node):
                continue
            named = bool(_LOGO_NAME.search(_names(node)))
            home = node.tag == "a" and _is_home_link(node, document)
            # The header's first link outside its menu lists, showing a picture: the mark.
            leading = False
            if (
                node.tag == "a"
                and first_link
                and not any(parent.tag in ("ul", "ol") for parent in ancestors(node))
            ):
                first_link = False
                leading = node.css_first("img, svg") is not None
            if named or home or leading:
                found = _mark_in(node, document)
                if found is not None:
                    return found
    # Outside the header, only an element named "logo" — and not one of a row of them
    # (client or partner logos).
    marks = []
    for node in document.css("img, svg, [class*=logo], [id*=logo]"):
        if is_hidden(node) or not _OWN_LOGO_NAME.search(_names(node)):
            continue
        if any(parent.tag == "footer" for parent in ancestors(node)):
            continue
        found = _mark_in(node, document)
        if found is not None and found.kind != "wordmark":
            marks.append(found)
    return marks[0] if len(marks) == 1 else None


_OWN_LOGO_NAME = re.compile(r"(?:^|[\s_./-])logo(?:$|[\s_./-])", re.I)


class Logo(Audit):
    id = "logo"
    title = "Shows a logo"
    failure_title = "No logo found"
    description = (
        "A logo anchors the brand: an image or SVG marked as the logo or linking home from "
        "the page header, or a text wordmark there. A logo the CSS draws as a background "
        "image is not seen without a browser."
    )
    category = "design"
    requires: ClassVar[tuple[type[object], ...]] = (Document,)

    def audit(self, artifacts: Artifacts) -> AuditResult:
        document = artifacts.get(Document)
        found = find_logo(document)
        if found is None:
            return AuditResult(
                0.0,
                "No logo image, SVG or wordmark in the header",
                {"kind": None},
                facts={"logo": None},
            )
        if found.kind == "image":
            shown = f"Image {found.source}"
        elif found.kind == "svg":
            shown = "Inline SVG" + (f" “{found.text}”" if found.text else "")
        else:
            shown = f"Text wordmark “{found.text}”"
        return AuditResult(
            1.0,
            shown,
            {"kind": found.kind, "src": found.source, "text": found.text or None},
            facts={"logo": found.source or found.text or found.kind},
        )
