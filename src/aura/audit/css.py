"""A fast, forgiving CSS scanner for design facts.

A full CSS parser costs hundreds of milliseconds on a framework stylesheet, far over the
engine's CPU budget, and the design audits only need declarations, at-rules and ``url()``
references. So this scans with regular expressions over comment-free text; colour values
are parsed by tinycss2 (cached, since stylesheets repeat the same few values).
"""

from __future__ import annotations

import itertools
import math
import re
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

import tinycss2.color4  # type: ignore[import-untyped]

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
_COLOR_TOKEN = re.compile(
    r"#[0-9a-fA-F]{3,8}\b|(?:rgba?|hsla?|hwb)\([^()]*\)|\b[a-zA-Z]{3,20}\b", re.I
)
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


@dataclass(frozen=True)
class StyleRule:
    """One rule's selector and the font and colour declarations it holds (values raw)."""

    selector: str
    font_family: str | None = None
    colors: tuple[str, ...] = ()


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
    uses_color_scheme: bool = False
    #: Custom properties (``--name``) and their last declared value, to resolve ``var()``.
    variables: dict[str, str] = field(default_factory=dict)
    #: Every rule that sets a font family or a colour: what the design audits weigh
    #: against the elements of the page (see ``aura.audit.used_styles``).
    style_rules: list[StyleRule] = field(default_factory=list)

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
    for raw_name, raw_value in _DECLARATION.findall(text):  # a value stops before any brace
        name = raw_name.lower()
        # Most declarations (margins, display, …) say nothing the audits read.
        if name in _READ_PROPERTIES or name.startswith("--"):
            _declaration(facts, name, raw_value)  # it strips the value
    _scan_rules(text, facts)
    return facts


_HIDES = re.compile(
    r"(?:^|;)\s*(?:display\s*:\s*none|visibility\s*:\s*hidden)\s*(?:!important\s*)?(?:;|$)", re.I
)


def hiding_selectors(css: str) -> list[str]:
    """The selectors of the rules that hide what they match at every width and in every
    state: top-level rules (not inside ``@media``, ``@supports``…) that declare
    ``display: none`` or ``visibility: hidden``, split at their commas, and only those
    without pseudo-classes (``h1:hover .anchor`` shows, ``:not()`` narrows)."""
    text = strip_comments(css)
    found: list[str] = []
    depth = 0  # of the blocks open; an unmatched "}" closes nothing
    prelude = ""  # before the open top-level block
    # The text between braces, cut by str.split (a third faster than a regex on the
    # shared sites' CSS); which brace ends each piece is read from the text.
    position = -1
    for piece in text.replace("}", "{").split("{")[:-1]:  # the tail ends no block
        position += len(piece) + 1
        if text[position] == "{":
            if depth == 0:
                prelude = piece
            depth += 1
            continue
        if depth == 0:
            continue
        depth -= 1
        # The text since the last brace: the top-level rule's block, or what follows its
        # last nested block.
        if depth or not _HIDES.search(piece):
            continue
        # Normalised only here: few blocks hide, and most preludes are never read.
        selectors = " ".join(prelude.split())
        if not selectors or selectors.startswith("@"):
            continue
        found.extend(
            part.strip() for part in selectors.split(",") if part.strip() and ":" not in part
        )
    return found


#: An innermost rule: its prelude (selector) and its block. ``@media`` blocks hold rules,
#: so the innermost blocks are the rules themselves. A prelude starts at the text's start or
#: just after a brace or semicolon: the plain ``([^{};]*)\{([^{}]*)\}`` finds the same rules,
#: but tries again from every character of each declaration, scanning it to its end (2.5
#: times the time on the shared sites' CSS).
_RULE = re.compile(r"(?:\A|(?<=[{};]))([^{};]*)\{([^{}]*)\}")
_VAR = re.compile(r"var\(\s*(--[\w-]+)\s*(?:,\s*((?:[^()]|\([^()]*\))*))?\)")
#: What a block must hold to set a font or a colour (one search, half the time of asking for
#: each word in turn).
_STYLE_WORD = re.compile(r"font|color|background|border|outline|fill|stroke|--")
#: Selectors whose custom properties apply to the whole document.
_ROOT_SELECTOR = re.compile(r"^\s*(?::root|html|body|\*|:host)\b", re.I)
#: ``font`` shorthand: the family list follows the size (and line height).
_FONT_SHORTHAND = re.compile(
    r"(?:^|\s)(?P<size>-?[\d.]+(?:px|r?em|%|pt|vw|vh|ex|ch)?|(?:xx?-|x{3}-)?(?:small|large)"
    r"|medium|smaller|larger)(?:\s*/\s*[^\s,]+)?\s+(?P<family>[^\d\s/][^/]*)$",
    re.I,
)


def _scan_rules(text: str, facts: CssFacts) -> None:
    """Collect the rules that set fonts or colours, with ``var()`` resolved.

    A custom property holding a colour counts as a colour of the rule that declares it when
    some colour property reads that property (Bootstrap's ``.btn-primary { --bs-btn-bg: … }``
    paints ``.btn { background-color: var(--bs-btn-bg) }``); theme variables nothing reads
    are not colours of the page.
    """
    raw: list[tuple[str, list[tuple[str, str]]]] = []
    read_by_colors: set[str] = set()
    for prelude, block in _RULE.findall(text):
        if _STYLE_WORD.search(block) is None:
            continue
        selector = " ".join(prelude.split())
        if not selector or selector.startswith("@"):
            continue
        declarations: list[tuple[str, str]] = []
        document_wide = _ROOT_SELECTOR.match(selector) is not None
        for raw_name, raw_value in _DECLARATION.findall(block):
            name = raw_name.lower()
            custom = name.startswith("--")
            if not custom and name not in _RULE_PROPERTIES:
                continue  # margins, display…: their values are not read
            value = raw_value.replace("!important", "").strip()
            if custom:
                if document_wide:
                    # The document's variables: their colours count where a rule reads them.
                    facts.variables[raw_name] = value
                else:
                    declarations.append((raw_name, value))
            else:
                declarations.append((name, value))
                if name in _PAINT_PROPERTIES and "var(" in value:
                    read_by_colors.update(match.group(1) for match in _VAR.finditer(value))
        if declarations:
            raw.append((selector, declarations))
    for selector, declarations in raw:
        local = {name: value for name, value in declarations if name.startswith("--")}
        family: str | None = None
        colors: list[str] = []
        for name, value in declarations:
            if name.startswith("--"):
                if name in read_by_colors:
                    colors.extend(_shown_colors(resolve_variables(value, local, facts.variables)))
            elif name == "font-family":
                family = resolve_variables(value, local, facts.variables)
            elif name == "font":
                family = shorthand_family(resolve_variables(value, local, facts.variables))
            else:
                colors.extend(_shown_colors(resolve_variables(value, local, facts.variables)))
        if family is not None or colors:
            facts.style_rules.append(StyleRule(selector, family, tuple(colors)))


#: Properties whose colours paint the element itself (shadows, focus outlines and carets
#: tint, but are not colours of the design).
_PAINT_PROPERTIES = COLOR_PROPERTIES - {
    "box-shadow",
    "text-shadow",
    "outline",
    "outline-color",
    "caret-color",
}
#: The properties a style rule keeps (custom properties aside).
_RULE_PROPERTIES = _PAINT_PROPERTIES | {"font-family", "font"}


@lru_cache(maxsize=4096)
def _shown_colors(value: str) -> tuple[str, ...]:
    """The colours of a value that are mostly opaque (a 15 % black overlay is a shade, not
    black). Cached: a stylesheet repeats the same few values (a third of them distinct on
    the shared sites)."""
    return tuple(
        color for token in _COLOR_TOKEN.findall(value) if (color := _shown_color(token)) is not None
    )


def _shown_color(token: str) -> str | None:
    parsed = _parsed_color(token)
    return parse_color(token) if parsed is not None and parsed[3] >= 0.5 else None


def resolve_variables(
    value: str, local: dict[str, str], variables: dict[str, str], depth: int = 0
) -> str:
    """``value`` with each ``var(--x, fallback)`` replaced by the rule's own ``--x``, the
    document's, or the fallback (an unknown variable with no fallback becomes empty)."""
    if "var(" not in value or depth > 8:
        return value

    def substitute(match: re.Match[str]) -> str:
        name, fallback = match.group(1), match.group(2)
        found = local.get(name, variables.get(name))
        if found is None:
            found = fallback or ""
        return resolve_variables(found, local, variables, depth + 1)

    return _VAR.sub(substitute, value)


def shorthand_family(value: str) -> str | None:
    """The family list of a ``font`` shorthand (None for keywords such as ``inherit``, or a
    zero size, the image-replacement ``font: 0/0 a``)."""
    match = _FONT_SHORTHAND.search(value.strip())
    if match is None:
        return None
    size = match.group("size")
    if re.fullmatch(r"-?0*\.?0+[a-z%]*", size or "", re.I):
        return None
    return match.group("family").strip()


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


@lru_cache(maxsize=4096)
def colors_in(value: str) -> tuple[str, ...]:
    """The concrete colours in a declaration value, as ``#rrggbb`` (transparent skipped).
    Cached: a stylesheet repeats the same few values."""
    return tuple(
        color for token in _COLOR_TOKEN.findall(value) if (color := parse_color(token)) is not None
    )


@lru_cache(maxsize=4096)
def parse_color(token: str) -> str | None:
    """A CSS colour as ``#rrggbb`` (CSS Color 4 syntax too: Tailwind writes
    ``rgb(126 58 242 / 1)``); None for transparent, keywords and what is not a colour."""
    parsed = _parsed_color(token)
    if parsed is None:
        return None
    red, green, blue, _alpha = parsed
    return f"#{red:02x}{green:02x}{blue:02x}"


@lru_cache(maxsize=4096)
def _parsed_color(token: str) -> tuple[int, int, int, float] | None:
    lowered = token.lower()
    if lowered in {"transparent", "currentcolor", "inherit", "initial", "unset", "none"}:
        return None
    try:
        color = tinycss2.color4.parse_color(lowered)
        if not isinstance(color, tinycss2.color4.Color) or color.alpha == 0:
            return None
        channels = color.to("srgb").coordinates
    except (ValueError, TypeError, NotImplementedError):
        return None
    red, green, blue = (round(min(1.0, max(0.0, channel or 0.0)) * 255) for channel in channels)
    return red, green, blue, float(color.alpha)


def families_in(value: str) -> list[str]:
    families = []
    for raw in value.split(","):
        family = raw.strip().strip("\"'").strip()
        if family and not family.startswith("var(") and family.lower() not in GENERIC_FAMILIES:
            families.append(family)
    return families


#: Fonts that draw pictures, not text: emoji, symbol and icon fonts.
_PICTURE_FONT = re.compile(
    r"emoji|symbol|icon|awesome|glyph|fontello|icomoon|dashicons|genericons|themify|"
    r"socicon|entypo|typicons|fontisto|octicons|feather|zocial|pictos|webdings|wingdings",
    re.I,
)
#: Names pages put in ``font-family`` to pass their breakpoint to scripts (the Guardian's
#: ``head { font-family: 'tablet' }``, Foundation's media-query names), never a typeface.
_BREAKPOINT_NAMES = frozenset(
    {
        "mobile",
        "mobilelandscape",
        "mobilemedium",
        "phablet",
        "tablet",
        "desktop",
        "leftcol",
        "wide",
        "small",
        "medium",
        "large",
        "xlarge",
        "xxlarge",
    }
)


def first_family(stack: str | None) -> str | None:
    """The family a stack asks for first, if it is a typeface for text.

    Later entries are fallbacks (shown only when the first is missing), so they are not
    families of the design. None when the first is generic (``system-ui``, ``sans-serif``:
    the visitor's system font), an emoji, symbol or icon font, or not a font name at all.
    """
    if not stack:
        return None
    family = stack.split(",", 1)[0].strip().strip("\"'").strip()
    if not is_text_font(family):
        return None
    return family


def is_text_font(family: str) -> bool:
    lowered = family.lower()
    return bool(
        family
        and len(family) > 1
        and lowered not in GENERIC_FAMILIES
        and lowered not in _BREAKPOINT_NAMES
        and not lowered.startswith(("var(", "-"))
        and not any(char in family for char in "/():;{}=")
        and not family[0].isdigit()
        and not _PICTURE_FONT.search(family)
    )


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


#: Colours closer than this CIEDE2000 difference look the same to most people.
SAME_COLOR_DELTA_E = 3.0


def _lab(hex_color: str) -> tuple[float, float, float]:
    """CIE L*a*b* (D65) of an sRGB ``#rrggbb``."""

    def linear(channel: int) -> float:
        value = channel / 255
        return value / 12.92 if value <= 0.04045 else ((value + 0.055) / 1.055) ** 2.4

    red, green, blue = (linear(int(hex_color[i : i + 2], 16)) for i in (1, 3, 5))
    x = (0.4124 * red + 0.3576 * green + 0.1805 * blue) / 0.95047
    y = 0.2126 * red + 0.7152 * green + 0.0722 * blue
    z = (0.0193 * red + 0.1192 * green + 0.9505 * blue) / 1.08883

    def f(t: float) -> float:
        return t ** (1 / 3) if t > 216 / 24389 else (24389 / 27 * t + 16) / 116

    fx, fy, fz = f(x), f(y), f(z)
    return 116 * fy - 16, 500 * (fx - fy), 200 * (fy - fz)


def delta_e(first: str, second: str) -> float:
    """The CIEDE2000 colour difference of two ``#rrggbb`` colours (Sharma et al., 2005)."""
    return delta_e_lab(_lab(first), _lab(second))


def delta_e_lab(first: tuple[float, float, float], second: tuple[float, float, float]) -> float:
    l1, a1, b1 = first
    l2, a2, b2 = second
    c1, c2 = math.hypot(a1, b1), math.hypot(a2, b2)
    c_mean7 = ((c1 + c2) / 2) ** 7
    g = 0.5 * (1 - math.sqrt(c_mean7 / (c_mean7 + 25**7)))
    a1p, a2p = (1 + g) * a1, (1 + g) * a2
    c1p, c2p = math.hypot(a1p, b1), math.hypot(a2p, b2)
    h1p = math.degrees(math.atan2(b1, a1p)) % 360 if c1p else 0.0
    h2p = math.degrees(math.atan2(b2, a2p)) % 360 if c2p else 0.0
    delta_l, delta_c = l2 - l1, c2p - c1p
    if c1p * c2p == 0:
        delta_h_angle = 0.0
    elif abs(h2p - h1p) <= 180:
        delta_h_angle = h2p - h1p
    elif h2p - h1p > 180:
        delta_h_angle = h2p - h1p - 360
    else:
        delta_h_angle = h2p - h1p + 360
    delta_h = 2 * math.sqrt(c1p * c2p) * math.sin(math.radians(delta_h_angle) / 2)
    l_mean, c_mean = (l1 + l2) / 2, (c1p + c2p) / 2
    if c1p * c2p == 0:
        h_mean = h1p + h2p
    elif abs(h1p - h2p) <= 180:
        h_mean = (h1p + h2p) / 2
    elif h1p + h2p < 360:
        h_mean = (h1p + h2p + 360) / 2
    else:
        h_mean = (h1p + h2p - 360) / 2
    t = (
        1
        - 0.17 * math.cos(math.radians(h_mean - 30))
        + 0.24 * math.cos(math.radians(2 * h_mean))
        + 0.32 * math.cos(math.radians(3 * h_mean + 6))
        - 0.20 * math.cos(math.radians(4 * h_mean - 63))
    )
    s_l = 1 + 0.015 * (l_mean - 50) ** 2 / math.sqrt(20 + (l_mean - 50) ** 2)
    s_c = 1 + 0.045 * c_mean
    s_h = 1 + 0.015 * c_mean * t
    c_mean_7 = c_mean**7
    r_t = (
        -2
        * math.sqrt(c_mean_7 / (c_mean_7 + 25**7))
        * math.sin(math.radians(60 * math.exp(-(((h_mean - 275) / 25) ** 2))))
    )
    return math.sqrt(
        (delta_l / s_l) ** 2
        + (delta_c / s_c) ** 2
        + (delta_h / s_h) ** 2
        + r_t * (delta_c / s_c) * (delta_h / s_h)
    )


def merge_similar(
    weights: Counter[str] | dict[str, float], threshold: float = SAME_COLOR_DELTA_E
) -> list[tuple[str, float]]:
    """Colours with their weight, heaviest first, each folded into a heavier one that looks
    the same (CIEDE2000 below ``threshold``); the heavier colour names the group."""
    groups: list[list[Any]] = []  # [colour, weight, its L*a*b*], each colour converted once
    for color, weight in sorted(weights.items(), key=lambda pair: (-pair[1], pair[0])):
        lab = _lab(color)
        for group in groups:
            if delta_e_lab(group[2], lab) < threshold:
                group[1] += weight
                break
        else:
            groups.append([color, weight, lab])
    groups.sort(key=lambda group: -group[1])
    return [(str(group[0]), float(group[1])) for group in groups]
