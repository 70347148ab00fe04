"""The content snapshot: what a page says, as text, so that two runs can be compared.

Change tracking diffs these texts between runs of a comparison set. Noise is kept out in two
ways here: parts of a page that change by themselves (carousels, marquees, tickers) or that
nobody sees (hidden elements, scripts) are left out, and so are the elements matching the
site's ignore selectors. Normalising dates and counters is the diff's job, not this one's.

The snapshot reads the document the audits use without changing it: left-out elements are
skipped while walking the tree, never removed from it. Page text is untrusted data, so every
string is capped.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Literal

from selectolax.lexbor import LexborHTMLParser, LexborNode, SelectolaxError

from aura.audit.artifacts import Document
from aura.audit.audits.content.calls_to_action import CANDIDATES, calls_to_action
from aura.audit.audits.content.headline import first_headline
from aura.audit.dom import clean, hides_itself, text_of

TITLE_LIMIT = 300
ITEM_LIMIT = 200
LIST_LIMIT = 100
MAIN_TEXT_LIMIT = 20_000
#: Longer selectors are refused: nobody writes them by hand.
SELECTOR_LIMIT = 500

#: Elements whose content is not shown as text on the page.
UNRENDERED = frozenset(
    {
        "head",
        "script",
        "style",
        "template",
        "noscript",
        "svg",
        "math",
        "iframe",
        "object",
        "embed",
        "canvas",
        "audio",
        "video",
        "select",
        "datalist",
    }
)

#: Elements that start a new line of text.
BLOCKS = frozenset(
    {
        "html",
        "body",
        "address",
        "article",
        "aside",
        "blockquote",
        "br",
        "caption",
        "dd",
        "details",
        "dialog",
        "div",
        "dl",
        "dt",
        "fieldset",
        "figcaption",
        "figure",
        "footer",
        "form",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "header",
        "hgroup",
        "hr",
        "li",
        "main",
        "nav",
        "ol",
        "p",
        "pre",
        "section",
        "summary",
        "table",
        "thead",
        "tbody",
        "tfoot",
        "tr",
        "td",
        "th",
        "ul",
    }
)

#: The page's frame around its content: left out of the main text when there is no <main>.
_CHROME_TAGS = frozenset({"header", "nav", "footer", "aside"})
_CHROME_ROLES = frozenset({"banner", "navigation", "contentinfo", "complementary"})
#: Menus: in the page header, their links are navigation.
_LISTS = frozenset({"ul", "ol", "menu"})
_MENUS = frozenset({"menu", "menubar"})

#: Class names that hide an element in the common CSS frameworks.
_HIDING_CLASSES = frozenset(
    {
        "hidden",
        "d-none",
        "hide",
        "is-hidden",
        "invisible",
        "sr-only",
        "visually-hidden",
        "screen-reader-text",
    }
)
#: A responsive class that shows an element hidden by default (Tailwind's ``hidden md:block``).
_RESPONSIVE_SHOW = re.compile(
    r"^[\w-]+:(?:block|flex|grid|inline|inline-block|inline-flex|table|contents)$"
)
#: Class-name parts of carousels, sliders and tickers: their text changes by itself.
_ROTATING_CLASS = re.compile(
    r"(?:^|[\s_-])(?:carousel|slider|slideshow|slick|swiper|marquee|ticker|splide|glide|"
    r"flickity|rotator|rotating)(?:$|[\s_-])",
    re.I,
)
_ROTATING_ROLES = frozenset({"marquee", "timer"})
#: Never left out for their class: a page whose <body> says "has-slider" still has content.
_CONTAINERS = frozenset({"html", "body", "main"})

Step = Literal["enter", "leave", "text"]


def walk(root: LexborNode, skip: Callable[[LexborNode], bool]) -> Iterator[tuple[Step, LexborNode]]:
    """The elements and text nodes under ``root`` (included) in document order, without the
    subtrees of elements ``skip`` refuses. Iterative: pages may nest a thousand levels deep."""
    if skip(root):
        return
    yield "enter", root
    stack: list[tuple[LexborNode, Iterator[LexborNode]]] = [
        (root, iter(root.iter(include_text=True)))
    ]
    while stack:
        node, children = stack[-1]
        child = next(children, None)
        if child is None:
            stack.pop()
            yield "leave", node
        elif child.is_text_node:
            yield "text", child
        elif child.is_element_node and not skip(child):
            yield "enter", child
            stack.append((child, iter(child.iter(include_text=True))))


def is_unshown(node: LexborNode) -> bool:
    """Not shown on the page: not rendered as text, or hidden by its markup or classes."""
    return _unshown(node.tag or "", node.attributes)


def is_left_out(node: LexborNode) -> bool:
    """Left out of the snapshot by design (the site's ignore selectors come on top): not
    shown, or a carousel, marquee or ticker (what it shows changes by itself)."""
    tag, attributes = node.tag or "", node.attributes  # each read builds a new dict
    return _unshown(tag, attributes) or _rotating(tag, attributes)


def _unshown(tag: str, attributes: Mapping[str, str | None]) -> bool:
    if tag in UNRENDERED or hides_itself(attributes):
        return True
    if tag == "dialog" and "open" not in attributes:
        return True
    classes = (attributes.get("class") or "").split()
    return bool(_HIDING_CLASSES.intersection(classes)) and not any(
        _RESPONSIVE_SHOW.match(name) for name in classes
    )


def _rotating(tag: str, attributes: Mapping[str, str | None]) -> bool:
    if tag == "marquee":
        return True
    if tag in _CONTAINERS:
        return False
    if (attributes.get("role") or "").strip().lower() in _ROTATING_ROLES:
        return True
    if "carousel" in (attributes.get("aria-roledescription") or "").lower():
        return True
    for name in ("data-ride", "data-bs-ride"):
        if (attributes.get(name) or "").strip().lower() == "carousel":
            return True
    return bool(_ROTATING_CLASS.search(attributes.get("class") or ""))


class Lines:
    """Visible text, one block (paragraph, heading, list item, cell) per line, capped."""

    def __init__(self, limit: int = MAIN_TEXT_LIMIT) -> None:
        self.lines: list[str] = []
        self.limit = limit
        self._size = 0
        self._pieces: list[str] = []

    def add(self, text: str) -> None:
        if self._size < self.limit:
            self._pieces.append(text)

    def end(self) -> None:
        """End the current line (a block starts or ends)."""
        if not self._pieces:
            return  # blocks in a row: most ends have no text to make a line of
        line = clean("".join(self._pieces))
        self._pieces.clear()
        if line and self._size < self.limit:
            line = line[: self.limit - self._size]
            self.lines.append(line)
            self._size += len(line) + 1  # and the newline that joins it to the next

    @property
    def text(self) -> str:
        return "\n".join(self.lines)


def visible_lines(root: LexborNode, skip: Callable[[LexborNode], bool] = is_unshown) -> list[str]:
    """The lines of text ``root`` shows."""
    lines = Lines()
    for step, node in walk(root, skip):
        if step == "text":
            lines.add(node.text_content or "")
        elif node.tag in BLOCKS:
            lines.end()
    lines.end()
    return lines.lines


@dataclass(frozen=True)
class ContentSnapshot:
    title: str | None
    meta_description: str | None
    headline: str | None
    calls_to_action: tuple[str, ...]
    navigation: tuple[str, ...]
    main_text: str
    #: The site's ignore selectors that were applied, and those that are not valid CSS.
    ignored_selectors: tuple[str, ...]
    invalid_selectors: tuple[str, ...]

    def as_json(self) -> dict[str, Any]:
        return {
            "title": self.title,
            "meta_description": self.meta_description,
            "headline": self.headline,
            "calls_to_action": list(self.calls_to_action),
            "navigation": list(self.navigation),
            "main_text": self.main_text,
            "ignored_selectors": list(self.ignored_selectors),
            "invalid_selectors": list(self.invalid_selectors),
        }


def content_snapshot(document: Document, ignore_selectors: Sequence[str] = ()) -> ContentSnapshot:
    """The snapshot of ``document``, without what ``ignore_selectors`` match."""
    valid, invalid, ignored = match_selectors(document.tree, ignore_selectors)

    def skip(node: LexborNode) -> bool:
        return node.mem_id in ignored or is_left_out(node)

    reader = _Reader()
    root = document.tree.body or document.tree.root
    if root is not None:
        for step, node in walk(root, skip):
            reader.feed(step, node)
    kept = reader.kept
    headline = first_headline(node for node in document.css("h1") if node.mem_id in kept)
    actions = calls_to_action(node for node in document.css(CANDIDATES) if node.mem_id in kept)
    title = document.first("title")
    return ContentSnapshot(
        title=_capped(text_of(title) if title is not None else None, TITLE_LIMIT),
        meta_description=_capped(clean(document.meta("description")), TITLE_LIMIT),
        headline=_capped(text_of(headline) if headline is not None else None, TITLE_LIMIT),
        calls_to_action=_items(actions),
        navigation=_items(reader.navigation),
        main_text=reader.main_text,
        ignored_selectors=tuple(valid),
        invalid_selectors=tuple(invalid),
    )


def match_selectors(
    tree: LexborHTMLParser, selectors: Iterable[str]
) -> tuple[list[str], list[str], set[int]]:
    """(valid selectors, invalid ones, the ids of the elements the valid ones match)."""
    valid: list[str] = []
    invalid: list[str] = []
    matched: set[int] = set()
    for raw in selectors:
        selector = raw.strip()
        if not selector or selector in valid or selector in invalid:
            continue
        usable = len(selector) <= SELECTOR_LIMIT and len(valid) < LIST_LIMIT
        nodes = _select(tree, selector) if usable else None
        if nodes is None:
            if len(invalid) < LIST_LIMIT:
                # Reported back as JSON text, which cannot carry lone surrogates.
                invalid.append(selector[:ITEM_LIMIT].encode("utf-8", "replace").decode())
            continue
        valid.append(selector)
        matched.update(node.mem_id for node in nodes)
    return valid, invalid, matched


def _select(tree: LexborHTMLParser, selector: str) -> list[LexborNode] | None:
    """The elements ``selector`` matches; None when it is not valid CSS."""
    try:
        return tree.css(selector)
    except (SelectolaxError, ValueError):  # ValueError: not encodable (lone surrogates)
        return None


class _Reader:
    """Reads one walk of the page: its main text, its navigation links, what was kept."""

    def __init__(self) -> None:
        self.kept: set[int] = set()
        self.navigation: list[str] = []
        self._main = Lines()  # inside the first <main>
        self._page = Lines()  # outside header, nav, footer and aside
        self._main_id: int | None = None
        #: How many open elements start each region the walk is in.
        self._inside = dict.fromkeys(("main", "chrome", "navigation", "header", "list"), 0)
        self._opened: list[tuple[str, ...]] = []
        self._link: list[str] | None = None

    @property
    def main_text(self) -> str:
        return (self._main if self._main_id is not None else self._page).text

    def feed(self, step: Step, node: LexborNode) -> None:
        if step == "text":
            self._text(node.text_content or "")
        elif step == "enter":
            self._enter(node)
        else:
            self._leave(node)

    def _text(self, text: str) -> None:
        if self._inside["main"]:
            self._main.add(text)
        if not self._inside["chrome"]:
            self._page.add(text)
        if self._link is not None:
            self._link.append(text)

    def _enter(self, node: LexborNode) -> None:
        self.kept.add(node.mem_id)
        tag = node.tag or ""
        if tag in BLOCKS:
            self._end_lines()
        attributes = node.attributes
        regions = self._regions(node.mem_id, tag, (attributes.get("role") or "").strip().lower())
        self._opened.append(regions)
        for region in regions:
            self._inside[region] += 1
        if tag == "a" and "href" in attributes and self._in_navigation():
            self._link = []

    def _leave(self, node: LexborNode) -> None:
        tag = node.tag or ""
        if tag in BLOCKS:
            self._end_lines()
        for region in self._opened.pop():
            self._inside[region] -= 1
        if tag == "a" and self._link is not None:
            text = clean("".join(self._link))
            if text and text not in self.navigation:
                self.navigation.append(text)
            self._link = None

    def _regions(self, node_id: int, tag: str, role: str) -> tuple[str, ...]:
        regions: list[str] = []
        if self._main_id is None and (tag == "main" or role == "main"):
            self._main_id = node_id
            regions.append("main")
        if tag in _CHROME_TAGS or role in _CHROME_ROLES:
            regions.append("chrome")
        if tag == "nav" or role == "navigation":
            regions.append("navigation")
        if tag == "header" or role == "banner":
            regions.append("header")
        if tag in _LISTS or role in _MENUS:
            regions.append("list")
        return tuple(regions)

    def _in_navigation(self) -> bool:
        """In a <nav>, or in a menu of the page header (not its logo or buttons)."""
        if len(self.navigation) >= LIST_LIMIT:
            return False
        inside = self._inside
        return bool(inside["navigation"] or (inside["header"] and inside["list"]))

    def _end_lines(self) -> None:
        self._main.end()
        self._page.end()


def _capped(text: str | None, limit: int) -> str | None:
    return text[:limit] if text else None


def _items(texts: Iterable[str]) -> tuple[str, ...]:
    capped: list[str] = []
    for text in texts:
        item = clean(text)[:ITEM_LIMIT]
        if item and item not in capped:
            capped.append(item)
            if len(capped) == LIST_LIMIT:
                break
    return tuple(capped)
