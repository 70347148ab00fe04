"""A fast, forgiving CSS scanner for design facts.

A full CSS parser costs hundreds of milliseconds on a framework stylesheet, far over the
engine's CPU budget, and the design audits only need declarations, at-rules and ``url()``
references. So this scans with regular expressions over comment-free text; colour values
are parsed by tinycss2 (cached, since stylesheets repeat the same few values).
"""

from __future__ import annotations

import itertools
import re
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache

import tinycss2.color3  # type: ignore[import-untyped]

_COMMENT = re.compile(r"/\*.*?\*/", re.S)
# A declaration's name runs to the end of a word, so it can only match where that word is
# followed by a colon: checking that once at the word's start (the lookahead) keeps long
# words that are not property names, such as base64 data URIs, from being rescanned from
# every position (quadratic: seconds on a large inline stylesheet). The matches are the
# same as those of the plain ``(--[\w-]+|-?[a-zA-Z][\w-]*)\s*:\s*([^;{}]+)``.
_DECLARATION = re.compile(
    r"(?<![\w-])(?=[\w-]*+\s*:)[\w-]*?(--[\w-]+|-?[a-zA-Z][\w-]*+)\s*:\s*([^;{}]+)"
)
_MEDIA = re.compile(r"@media\s*([^{]+)\{", re.I)
_FONT_FACE = re.compile(r"@font-face\s*\{([^}]*)\}", re.I)
_IMPORT = re.compile(r"""@import\s+(?:url\(\s*)?["']?([^"')\s;]+)""", re.I)
_URL = re.compile(r"""url\(\s*["']?([^"')]+?)["']?\s*\)""", re.I)
_COLOR_TOKEN = re.compile(r"#[0-9a-fA-F]{3,8}\b|(?:rgba?|hsla?)\([^()]*\)|\b[a-zA-Z]{3,20}\b", re.I)
_SIZE = re.compile(
    r"^-?\d*\.?\d+(?:px|rem|em|pt|%|vw|vh)$|^(?:x{0,2}-?small|medium|x{0,3}-?large)$"
)

COLOR_PROPERTIES = frozenset(
    {
        "color",
        "background",
        "background-color",
        "border",
        "border-color",
        "border-top",
        "border-right",
        "border-bottom",
        "border-left",
        "border-top-color",
        "border-right-color",
        "border-bottom-color",
        "border-left-color",
        "outline",
        "outline-color",
        "fill",
        "stroke",
        "box-shadow",
        "text-shadow",
        "text-decoration-color",
        "caret-color",
        "accent-color",
    }
)

GENERIC_FAMILIES = frozenset(
    {
        "serif",
        "sans-serif",
        "monospace",
        "cursive",
        "fantasy",
        "system-ui",
        "ui-serif",
        "ui-sans-serif",
        "ui-monospace",
        "ui-rounded",
        "emoji",
        "math",
        "fangsong",
        "inherit",
        "initial",
        "unset",
        "revert",
        "-apple-system",
        "blinkmacsystemfont",
    }
)


@dataclass(frozen=True)
class FontFace:
    family: str
    display: str | None
    sources: tuple[str, ...]


@dataclass
class CssFacts:
    """What the design and performance audits want to know about a page's CSS."""

    colors: Counter[str] = field(default_factory=Counter)
    font_families: Counter[str] = field(default_factory=Counter)
    font_sizes: Counter[str] = field(default_factory=Counter)
    font_faces: list[FontFace] = field(default_factory=list)
    media_queries: Counter[str] = field(default_factory=Counter)
    imports: list[str] = field(default_factory=list)
    urls: list[str] = field(default_factory=list)
    declaration_count: int = 0
    uses_color_scheme: bool = False

    @property
    def has_dark_mode(self) -> bool:
        return self.uses_color_scheme or any(
            "prefers-color-scheme" in query and "dark" in query for query in self.media_queries
        )


def strip_comments(css: str) -> str:
    return _COMMENT.sub("", css)


@dataclass
class CssReferences:
    """What a stylesheet refers to: enough to discover its subresources."""

    imports: list[str] = field(default_factory=list)
    urls: list[str] = field(default_factory=list)
    font_faces: list[FontFace] = field(default_factory=list)


def references(css: str) -> CssReferences:
    """The ``@import``s, ``url()``s and ``@font-face`` rules of ``css`` (no declarations)."""
    return _references(strip_comments(css))


def _references(text: str) -> CssReferences:
    return CssReferences(
        imports=_IMPORT.findall(text),
        urls=[url for url in _URL.findall(text) if not url.startswith("data:")],
        font_faces=[_font_face(match.group(1)) for match in _FONT_FACE.finditer(text)],
    )


def scan(css: str, facts: CssFacts | None = None) -> CssFacts:
    """Add what ``css`` holds to ``facts`` (a new one when None) and return it."""
    facts = facts if facts is not None else CssFacts()
    text = strip_comments(css)
    found = _references(text)
    facts.imports.extend(found.imports)
    facts.urls.extend(found.urls)
    for match in _MEDIA.finditer(text):
        facts.media_queries[" ".join(match.group(1).split()).lower()] += 1
    facts.font_faces.extend(found.font_faces)
    for raw_name, raw_value in _DECLARATION.findall(text):
        value = raw_value.strip()
        if value.endswith("}"):
            continue
        facts.declaration_count += 1
        name = raw_name.lower()
        # Most declarations (margins, display, …) say nothing the audits read.
        if name in _READ_PROPERTIES or name.startswith("--"):
            _declaration(facts, name, value)
    return facts


_READ_PROPERTIES = COLOR_PROPERTIES | {"font-family", "font-size", "color-scheme"}


def _declaration(facts: CssFacts, name: str, value: str) -> None:
    value = value.replace("!important", "").strip()
    if name in COLOR_PROPERTIES or (name.startswith("--") and _looks_like_color(value)):
        for color in colors_in(value):
            facts.colors[color] += 1
    elif name == "font-family":
        for family in families_in(value):
            facts.font_families[family] += 1
    elif name == "font-size":
        if _SIZE.match(value.lower()):
            facts.font_sizes[value.lower()] += 1
    elif name == "color-scheme" and "dark" in value.lower():
        facts.uses_color_scheme = True


def _looks_like_color(value: str) -> bool:
    lowered = value.lower()
    return lowered.startswith(("#", "rgb", "hsl"))


def colors_in(value: str) -> list[str]:
    """The concrete colours in a declaration value, as ``#rrggbb`` (transparent skipped)."""
    found: list[str] = []
    for token in _COLOR_TOKEN.findall(value):
        color = parse_color(token)
        if color is not None:
            found.append(color)
    return found


@lru_cache(maxsize=4096)
def parse_color(token: str) -> str | None:
    lowered = token.lower()
    if lowered in {"transparent", "currentcolor", "inherit", "initial", "unset", "none"}:
        return None
    try:
        color = tinycss2.color3.parse_color(lowered)
    except (ValueError, TypeError):
        return None
    if not isinstance(color, tinycss2.color3.RGBA) or color.alpha == 0:
        return None
    red, green, blue = (round(channel * 255) for channel in color[:3])
    return f"#{red:02x}{green:02x}{blue:02x}"


def families_in(value: str) -> list[str]:
    families = []
    for raw in value.split(","):
        family = raw.strip().strip("\"'").strip()
        if family and not family.startswith("var(") and family.lower() not in GENERIC_FAMILIES:
            families.append(family)
    return families


def _font_face(body: str) -> FontFace:
    family, display = "", None
    for match in _DECLARATION.finditer(body):
        name, value = match.group(1).lower(), match.group(2).strip()
        if name == "font-family":
            family = value.strip("\"' ")
        elif name == "font-display":
            display = value.lower()
    return FontFace(family, display, tuple(_URL.findall(body)))


_CSS_PUNCTUATION = frozenset("{}:;,>")
_JS_LINE_COMMENT = re.compile(r"(?m)^\s*//[^\n]*$")
_JS_INDENT = re.compile(r"(?m)^[ \t]+")
_JS_BLANK_LINES = re.compile(r"\n\s*\n+")


def minified_savings(source: str, *, kind: str) -> int:
    """How many bytes a simple minifier would remove from a CSS or JS text (an estimate).

    Removes comments, leading indentation and blank lines, and (for CSS) spaces around
    punctuation. Real minifiers do more; this is the conservative floor Lighthouse-style
    audits need to tell minified from unminified files.
    """
    if kind == "stylesheet":
        return max(0, len(source.encode()) - _minified_css_bytes(_COMMENT.sub("", source)))
    reduced = _COMMENT.sub("", source)
    reduced = _JS_LINE_COMMENT.sub("", reduced)
    reduced = _JS_INDENT.sub("", reduced)
    reduced = _JS_BLANK_LINES.sub("\n", reduced)
    return max(0, len(source.encode()) - len(reduced.encode()))


def _minified_css_bytes(css: str) -> int:
    """The UTF-8 size of ``css`` with the whitespace next to ``{}:;,>`` removed and every
    other run of whitespace made one space (counted, not built: this runs on whole
    framework stylesheets). ``str.split`` and the regex class for whitespace agree on what
    whitespace is.
    """
    tokens = css.split()
    if not tokens:
        return 1 if css else 0  # only whitespace: one space is left
    punctuation = _CSS_PUNCTUATION
    spaces = sum(
        1
        for before, after in itertools.pairwise(tokens)
        if before[-1] not in punctuation and after[0] not in punctuation
    )
    spaces += css[0].isspace() and tokens[0][0] not in punctuation
    spaces += css[-1].isspace() and tokens[-1][-1] not in punctuation
    return len("".join(tokens).encode()) + spaces
