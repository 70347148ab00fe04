"""Decoding HTML with the right charset."""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass

#: What a fetched page may be to be read as HTML (no Content-Type: sniffed as HTML).
HTML_TYPES = frozenset({"text/html", "application/xhtml+xml", ""})


def page_problem(status_code: int, content_type: str) -> str | None:
    """Why a fetched response is not a page Aura reads (an error status, another type of
    content), or None. The analysed page and the pricing page it links to are held to it."""
    if status_code >= 400:
        return f"the server answered HTTP {status_code}"
    if content_type not in HTML_TYPES:
        return f"not an HTML page (Content-Type: {content_type})"
    return None


_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([\w.:-]+)""", re.I)

_BOMS = (
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


def detect_charset(body: bytes, declared: str | None) -> str:
    """The page's encoding: byte-order mark, then HTTP header, then ``<meta>``, then UTF-8."""
    for bom, name in _BOMS:
        if body.startswith(bom):
            return name
    for candidate in (declared, _meta_charset(body[:4096])):
        if candidate and _known(candidate):
            return codecs.lookup(candidate).name
    return "utf-8"


def decode_html(body: bytes, declared: str | None) -> tuple[str, str]:
    """Decode ``body``; returns the text and the encoding used (bad bytes are replaced)."""
    charset = detect_charset(body, declared)
    return body.decode(charset, errors="replace"), charset


def _meta_charset(head: bytes) -> str | None:
    match = _META_CHARSET.search(head)
    return match.group(1).decode("ascii", "replace") if match else None


def _known(name: str) -> bool:
    try:
        codecs.lookup(name)
    except LookupError:
        return False
    return True


# --- Bounds checked before parsing ----------------------------------------------------------
#
# lexbor parses most pages in time linear in their size, but not all: bench/parser_shapes.py
# measures every shape HTML allows, and these grew faster than the page (figures on two
# cores, 2026-12): nesting depth (quadratic), attributes on one element (10,000: 1.2 s;
# 40,000: 34 s), distinct attribute names and distinct tag names in a page (150,000 of
# either in 2 MB: 14 s and 22 s) and options in one <select> (14,000: 2.4 s). Each is
# counted by one linear scan of the page before it is parsed, and a page over a limit is
# refused with the reason. The limits are far above what real pages use (the shared sites'
# largest figures are in tests/audit/test_nesting.py) and bound each shape to well under a
# second.

#: Deeper than any real page; the parser's cost grows with the square of nesting depth.
MAX_NESTING_DEPTH = 1000
#: 2,000 attributes on one element parse in 30 ms, 5,000 in 0.5 s.
MAX_ATTRIBUTES_PER_ELEMENT = 1000
#: 8,000 distinct names parse in 0.4 s (with 100,000 elements); growth is quadratic beyond.
MAX_DISTINCT_ATTRIBUTE_NAMES = 10_000
MAX_DISTINCT_TAG_NAMES = 10_000
#: The cost of a <select> grows with the square of its options: 5,000 take 0.5 s.
MAX_OPTIONS_PER_SELECT = 5000
MAX_OPTIONS_IN_SELECTS = 10_000

# One token of the page: a comment, or a start or end tag with its attributes. As in the
# HTML tokenizer, a quote opens a value only after "=", a quoted value may hold ">" and
# "<!--", and what is never closed runs to the end of the page. The loop is possessive and
# every token ends at ">" or the end of the page, so the scan never backtracks: it is
# linear in the size of the page (the former pattern took 24 s on "<a " repeated 10,000 times).
_ATTRIBUTES = r"""(?:[^>=]++|=\s*+(?:"[^"]*+(?:"|\Z)|'[^']*+(?:'|\Z))?)*+"""
_TOKEN = re.compile(
    r"<!--(?:-?>|.*?(?:--!?>|\Z))|<(/?)([a-zA-Z][^\s/>]*)(" + _ATTRIBUTES + r")(?:>|\Z)",
    re.DOTALL,
)
_VALUE = re.compile(r"""=\s*(?:"[^"]*"?|'[^']*'?|[^\s>]*)""")
_ATTRIBUTE_NAME = re.compile(r"[^\s/=]+")

# Elements whose content is text, never tags (outside SVG and MathML, where they are
# ordinary elements); <plaintext> is text to the end of the page.
_TEXT_ONLY = frozenset(
    {"script", "style", "title", "textarea", "xmp", "iframe", "noembed", "noframes"}
)
_TEXT_END = {name: re.compile(rf"</{name}[\s/>]", re.IGNORECASE) for name in _TEXT_ONLY}

# Elements that never have content, and those whose end tag may be left out: neither is
# counted as an open level.
_NOT_NESTING = frozenset(
    {
        *("area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta"),
        *("source", "track", "wbr", "param", "keygen", "basefont", "bgsound", "frame"),
        *("p", "li", "dt", "dd", "option", "optgroup", "tr", "td", "th", "thead", "tbody"),
        *("tfoot", "colgroup", "rb", "rt", "rp", "rtc", "caption", "html", "head", "body"),
    }
)
# A start tag of these closes an open element of the same name first.
_CLOSES_ITS_OWN = frozenset({"a", "nobr", "button", "select", "form"})
# The formatting elements: an end tag of one that has a block opened inside it leaves the
# block open (the adoption agency), so misnesting them builds depth.
_FORMATTING = frozenset(
    {"a", "b", "big", "code", "em", "font", "i", "nobr", "s", "small", "strike", "strong"}
    | {"tt", "u"}
)
_HEADINGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})


@dataclass
class PageShape:
    """What one scan of a page counted (the depth stops at the limit)."""

    depth: int = 0
    attributes_on_one_element: int = 0
    attribute_names: int = 0
    tag_names: int = 0
    options_in_one_select: int = 0
    options_in_selects: int = 0

    def refusal(self) -> str | None:
        """Why a page of this shape is not parsed, or None."""
        if self.depth >= MAX_NESTING_DEPTH:
            return f"nests elements {MAX_NESTING_DEPTH} or more levels deep"
        if self.attributes_on_one_element > MAX_ATTRIBUTES_PER_ELEMENT:
            return (
                f"has an element with {self.attributes_on_one_element:,} attributes "
                f"(more than {MAX_ATTRIBUTES_PER_ELEMENT:,})"
            )
        if self.attribute_names > MAX_DISTINCT_ATTRIBUTE_NAMES:
            return (
                f"uses {self.attribute_names:,} different attribute names "
                f"(more than {MAX_DISTINCT_ATTRIBUTE_NAMES:,})"
            )
        if self.tag_names > MAX_DISTINCT_TAG_NAMES:
            return (
                f"uses {self.tag_names:,} different element names "
                f"(more than {MAX_DISTINCT_TAG_NAMES:,})"
            )
        if self.options_in_one_select > MAX_OPTIONS_PER_SELECT:
            return (
                f"has a <select> list of {self.options_in_one_select:,} options "
                f"(more than {MAX_OPTIONS_PER_SELECT:,})"
            )
        if self.options_in_selects > MAX_OPTIONS_IN_SELECTS:
            return (
                f"has {self.options_in_selects:,} options in its <select> lists "
                f"(more than {MAX_OPTIONS_IN_SELECTS:,})"
            )
        return None


class _OpenElements:
    """A rough model of the parser's stack of open elements, enough to count depth.

    It errs towards counting too deep: an end tag closes only an element that is open,
    as the parser does, so stray end tags (``<b></i>`` repeated, which the parser ignores and
    which once fooled a plain counter) cannot hide real nesting.
    """

    def __init__(self) -> None:
        self.stack: list[str] = []
        self.open: dict[str, int] = {}

    def push(self, name: str) -> None:
        if name in _CLOSES_ITS_OWN and self.open.get(name):
            self.close(name)
        self.stack.append(name)
        self.open[name] = self.open.get(name, 0) + 1

    def close(self, name: str) -> None:
        if not self.open.get(name):
            return  # not open: the parser ignores the end tag
        stack = self.stack
        index = len(stack) - 1 - stack[::-1].index(name)
        keep_from = len(stack)
        if name in _FORMATTING:
            # The adoption agency keeps the first block opened inside the element open,
            # with everything after it.
            for position in range(index + 1, len(stack)):
                if stack[position] not in _FORMATTING:
                    keep_from = position
                    break
        for removed in stack[index:keep_from]:
            self.open[removed] -= 1
        del stack[index:keep_from]

    @property
    def in_foreign_content(self) -> bool:
        return bool(self.open.get("svg") or self.open.get("math"))


def page_shape(html: str, stop_at: int = MAX_NESTING_DEPTH) -> PageShape:
    """Count, in one linear scan of the tags, what makes parsing super-linear."""
    shape = PageShape()
    elements = _OpenElements()
    attribute_names: set[str] = set()
    tag_names: set[str] = set()
    in_select = False
    options = 0
    position, end = 0, len(html)
    while position < end:
        match = _TOKEN.search(html, position)
        if match is None:
            break
        position = match.end()
        closing, raw_name, attributes = match.groups()
        if raw_name is None:
            continue  # a comment
        name = raw_name.lower()
        if name in _HEADINGS:
            name = "h1"  # any heading's end tag closes any open heading
        tag_names.add(name)
        if closing:
            elements.close(name)
            if name == "select":
                in_select = False
            continue
        if attributes.strip(" \t\n\f\r/"):
            names = {n.lower() for n in _ATTRIBUTE_NAME.findall(_VALUE.sub(" ", attributes))}
            attribute_names |= names
            shape.attributes_on_one_element = max(shape.attributes_on_one_element, len(names))
        foreign = elements.in_foreign_content
        if name == "select" and not foreign:
            in_select, options = True, 0
        elif name in ("option", "optgroup") and in_select:
            options += 1
            shape.options_in_selects += 1
            shape.options_in_one_select = max(shape.options_in_one_select, options)
        if name == "plaintext" and not foreign:
            break  # the rest of the page is text
        if name in _TEXT_ONLY and not foreign:
            text_end = _TEXT_END[name].search(html, position)
            position = text_end.start() if text_end is not None else end
        # "/>" closes an element only in SVG and MathML: <div/> opens a <div>.
        if name in _NOT_NESTING or (foreign and attributes.endswith("/")):
            continue
        elements.push(name)
        shape.depth = max(shape.depth, len(elements.stack))
        if shape.depth >= stop_at:
            break
    shape.attribute_names = len(attribute_names)
    shape.tag_names = len(tag_names)
    return shape


def max_nesting_depth(html: str, stop_at: int = MAX_NESTING_DEPTH) -> int:
    """How deep elements nest (an estimate from the tags; stops counting at ``stop_at``)."""
    return page_shape(html, stop_at).depth


def parse_refusal(html: str) -> str | None:
    """Why ``html`` is not parsed (its parsing would be super-linear), or None."""
    return page_shape(html).refusal()
