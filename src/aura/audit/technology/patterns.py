"""One fingerprint pattern: a regular expression with optional ``\\;version:`` and
``\\;confidence:`` tags, compiled on first use, plus the literal text a match needs.

The literal is what makes detection fast: a pattern can only match a text that contains
one of its literals (lower-cased), so one multi-string scan of the page tells which of the
thousands of expressions are worth running at all. Extraction is deliberately
conservative: it only takes characters that every match must contain, and gives up
(returns no literal, so the expression always runs) when it is unsure.
"""

from __future__ import annotations

import re
import threading
from dataclasses import dataclass, field

#: Literals shorter than this filter too little to be worth scanning for.
MIN_LITERAL = 3
#: A version longer than this is a runaway capture, not a version.
MAX_VERSION_LENGTH = 32

#: Boilerplate found on most pages: a literal that occurs in it filters almost nothing, so
#: any rarer literal of the same pattern is preferred to it.
COMMON_TEXT = (
    '<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" '
    'content="width=device-width, initial-scale=1"><meta property="og:title" content="">'
    '<meta http-equiv="x-ua-compatible"><title></title><link rel="stylesheet" '
    'href="/css/style.min.css" type="text/css" media="all"><link rel="preload" as="font" '
    'crossorigin><link rel="dns-prefetch" href="//"><link rel="icon" href="/favicon.ico">'
    '<script type="text/javascript" src="/js/app.min.js" async defer></script><script>'
    "window.datalayer = window.datalayer || []; (function () { var x = this; let y; const z; "
    "return document.getelementbyid('x').value; })(); document.queryselector(); "
    "addeventlistener('load', function(){}); undefined null true false prototype "
    "location.href navigator.useragent settimeout json.parse object.assign</script>"
    "<style>.class { font-family: sans-serif; color: #fff; background: none; margin: 0; "
    "padding: 0; display: block flex none; width: 100%; height: auto; }</style></head>"
    '<body class="home page"><div class="container" id="main" style="display:none" hidden '
    'aria-label="" aria-hidden="true" role="button" data-src="" data-id="" tabindex="-1">'
    '<a href="https://www.example.com/" target="_blank" rel="noopener noreferrer" title="">'
    '<img src="/images/logo.png" srcset="" alt="" width="1" height="1" loading="lazy"></a>'
    '<span></span><p></p><ul><li></li></ul><input type="hidden" name="" value="" '
    'placeholder=""><button type="submit"></button><form action="" method="post"></form>'
    '<iframe src="https://www.youtube.com/embed/" frameborder="0" allowfullscreen></iframe>'
    '<svg viewbox="" xmlns="http://www.w3.org/2000/svg"><path d=""></path></svg>'
    "<!-- comment --></div><footer>copyright all rights reserved</footer></body></html>"
)

_TAG_SEPARATOR = "\\;"
_QUANTIFIER = re.compile(r"\{(\d+)(?:,(\d*))?\}")
#: After a backslash, these letters and digits stand for classes, anchors or references.
_SPECIAL_ESCAPES = frozenset("dDwWsSbBAZzGntrfv0123456789xuUcpPkN")
_JS_NAMED_GROUP = re.compile(r"\(\?<(?![=!])")


class PatternError(ValueError):
    """A fingerprint's expression that this engine cannot compile."""


@dataclass(eq=False)
class Pattern:
    """A parsed pattern; ``regex`` compiles lazily (once per process, thread-safe)."""

    source: str
    version: str = ""
    confidence: int = 100
    #: Lower-cased strings of which every match contains at least one; empty: always run.
    literals: tuple[str, ...] = ()
    #: For patterns without literals: shorter strings one of which a match contains, too
    #: common for the scan but still a cheap check before a long text (``\bDX\b``).
    guard: tuple[str, ...] = ()
    _compiled: re.Pattern[str] | None = field(default=None, repr=False)
    _error: str | None = field(default=None, repr=False)

    @property
    def matches_anything(self) -> bool:
        return self.source == ""

    @property
    def regex(self) -> re.Pattern[str]:
        compiled = self._compiled
        if compiled is None:
            if self._error is not None:
                raise PatternError(self._error)
            with _COMPILE_LOCK:
                try:
                    compiled = self._compiled = compile_js_regex(self.source)
                except re.error as error:
                    self._error = f"{self.source!r}: {error}"
                    raise PatternError(self._error) from None
        return compiled

    def search(self, text: str, lowered: str | None = None) -> re.Match[str] | None:
        """The first match in ``text``, or None (also None when the pattern cannot compile).

        ``lowered`` (``text`` lower-cased), when given, lets the guard skip hopeless texts.
        """
        if self.guard and lowered is not None and not any(g in lowered for g in self.guard):
            return None
        try:
            return self.regex.search(text)
        except PatternError:
            return None

    def version_of(self, match: re.Match[str]) -> str | None:
        if not self.version:
            return None
        return resolve_version(self.version, match)


_COMPILE_LOCK = threading.Lock()


def compile_js_regex(source: str) -> re.Pattern[str]:
    """Compile a fingerprint expression (JavaScript syntax, case-insensitive) for Python."""
    return re.compile(_JS_NAMED_GROUP.sub("(?P<", source), re.IGNORECASE)


def parse_pattern(raw: str) -> Pattern:
    r"""``'jquery-([\d.]+)\;version:\1\;confidence:50'`` → a Pattern."""
    source, *tags = raw.split(_TAG_SEPARATOR)
    version, confidence = "", 100
    for tag in tags:
        key, _, value = tag.partition(":")
        if key == "version":
            version = value
        elif key == "confidence":
            try:
                confidence = int(value)
            except ValueError:
                continue
    literals = required_literals(source)
    guard = () if literals else required_literals(source, shortest=2)
    return Pattern(source, version, confidence, literals, guard)


def parse_patterns(value: object) -> list[Pattern]:
    """A pattern field may be one string or a list of strings."""
    if isinstance(value, str):
        return [parse_pattern(value)]
    if isinstance(value, list):
        return [parse_pattern(item) for item in value if isinstance(item, str)]
    return []


def resolve_version(template: str, match: re.Match[str]) -> str | None:
    r"""Fill ``\1``… and ternaries (``\1?yes:no``) of a version template from a match.

    A ternary picks its first branch when the group matched something and the second
    otherwise; references are then replaced by the group's text (empty when it did not
    participate). Higher group numbers go first, so ``\1`` never eats into ``\10``.
    """
    groups = [match.group(0), *match.groups()]
    resolved = template
    for index in range(len(groups) - 1, -1, -1):
        value = groups[index] or ""
        ternary = re.search(rf"\\{index}\?([^:]+):(.*)$", resolved)
        if ternary is not None:
            chosen = ternary.group(1) if value else ternary.group(2)
            resolved = resolved[: ternary.start()] + chosen
        resolved = resolved.replace(f"\\{index}", value)
    resolved = re.sub(r"\\\d+", "", resolved).strip()
    if not resolved or len(resolved) > MAX_VERSION_LENGTH:
        return None
    return resolved


def required_literals(source: str, depth: int = 0, shortest: int = MIN_LITERAL) -> tuple[str, ...]:
    """Lower-cased strings one of which every match of ``source`` must contain.

    Top-level alternatives each need their own literal; when one of them has none, the
    pattern has none (it must always run).
    """
    branches = _split_top_level(source)
    if branches is None or depth > 8:
        return ()
    found: list[str] = []
    for branch in branches:
        literals = _branch_literals(branch, depth, shortest)
        if not literals:
            return ()
        found.extend(literals)
    return tuple(dict.fromkeys(found))


def _split_top_level(source: str) -> list[str] | None:
    """Split on ``|`` outside groups and classes; None when the syntax looks unbalanced."""
    branches: list[str] = []
    depth, start, index, in_class = 0, 0, 0, False
    while index < len(source):
        char = source[index]
        if char == "\\":
            index += 2
            continue
        if in_class:
            in_class = char != "]"
        elif char == "[":
            in_class = True
            if source.startswith("[]", index) or source.startswith("[^]", index):
                index += 2  # a leading ] is literal inside a class
                continue
        elif char == "(":
            depth += 1
        elif char == ")":
            depth -= 1
            if depth < 0:
                return None
        elif char == "|" and depth == 0:
            branches.append(source[start:index])
            start = index + 1
        index += 1
    if depth != 0 or in_class:
        return None
    branches.append(source[start:])
    return branches


def _branch_literals(branch: str, depth: int, shortest: int) -> tuple[str, ...]:
    """The most selective set of literals (any one of them) a match of ``branch`` needs.

    Candidates are runs of literal characters and mandatory groups, whose own
    alternatives each yield a literal; the candidate whose shortest literal is longest
    wins.
    """
    candidates: list[tuple[str, ...]] = []
    run: list[str] = []

    def close() -> None:
        if run:
            candidates.append(("".join(run),))
            run.clear()

    index = 0
    while index < len(branch):
        char = branch[index]
        atom: str | None = None  # a literal character, when this step read one
        if char == "\\":
            if index + 1 >= len(branch):
                return ()
            escaped = branch[index + 1]
            index += 2
            if escaped in _SPECIAL_ESCAPES or escaped.isalpha():
                close()
                index = _skip_quantifier(branch, index)
                continue
            atom = escaped
        elif char == "[":
            close()
            index = _skip_quantifier(branch, _skip_class(branch, index))
            continue
        elif char == "(":
            close()
            end = _skip_group(branch, index)
            if end is None:
                return ()
            minimum, after = _quantifier_at(branch, end)
            inner = _group_body(branch[index:end])
            if inner is not None and (minimum is None or minimum >= 1):
                candidates.append(required_literals(inner, depth + 1, shortest))
            index = after
            continue
        elif char in ".^$":
            close()
            index = _skip_quantifier(branch, index + 1)
            continue
        elif char in "*+?" or char == ")":
            close()  # a stray quantifier: be safe
            index += 1
            continue
        else:
            atom = char
            index += 1
        # ``atom`` is a literal character; what follows may make it optional or repeated.
        if not atom.isascii():
            close()
            index = _skip_quantifier(branch, index)
            continue
        minimum, index = _quantifier_at(branch, index)
        if minimum is None:
            run.append(atom.lower())
            continue
        if minimum >= 1:
            run.append(atom.lower())
        close()
    close()
    return most_selective(candidates, shortest)


def is_common(literal: str) -> bool:
    return literal in COMMON_TEXT


def most_selective(
    candidates: list[tuple[str, ...]], shortest: int = MIN_LITERAL
) -> tuple[str, ...]:
    """Of several literal sets that are each required, the one that filters best.

    Uncommon beats common, then the longer shortest literal, then fewer alternatives.
    """
    usable = [c for c in candidates if c and min(map(len, c)) >= shortest]

    def rank(option: tuple[str, ...]) -> tuple[bool, int, int]:
        return (not any(map(is_common, option)), min(map(len, option)), -len(option))

    return max(usable, key=rank, default=())


def _group_body(group: str) -> str | None:
    """The inside of a capturing or non-capturing group; None for lookarounds and flags."""
    body = group[1:-1]
    if not body.startswith("?"):
        return body
    if body.startswith("?:"):
        return body[2:]
    named = re.match(r"\?P?<([A-Za-z_]\w*)>", body)
    if named is not None:
        return body[named.end() :]
    return None


def _quantifier_at(branch: str, index: int) -> tuple[int | None, int]:
    """(minimum repetitions, index after it) when a quantifier starts at ``index``."""
    if index >= len(branch):
        return None, index
    char = branch[index]
    if char in "*?":
        minimum, index = 0, index + 1
    elif char == "+":
        minimum, index = 1, index + 1
    elif char == "{" and (quantifier := _QUANTIFIER.match(branch, index)):
        minimum, index = int(quantifier.group(1)), quantifier.end()
    else:
        return None, index
    if index < len(branch) and branch[index] in "?+":
        index += 1  # lazy or possessive
    return minimum, index


def _skip_quantifier(branch: str, index: int) -> int:
    return _quantifier_at(branch, index)[1]


def _skip_class(branch: str, index: int) -> int:
    index += 1
    if index < len(branch) and branch[index] == "^":
        index += 1
    if index < len(branch) and branch[index] == "]":
        index += 1
    while index < len(branch) and branch[index] != "]":
        index += 2 if branch[index] == "\\" else 1
    return index + 1


def _skip_group(branch: str, index: int) -> int | None:
    depth = 0
    while index < len(branch):
        char = branch[index]
        if char == "\\":
            index += 2
            continue
        if char == "[":
            index = _skip_class(branch, index)
            continue
        if char == "(":
            depth += 1
        elif char == ")":
            depth -= 1
            if depth == 0:
                return index + 1
        index += 1
    return None
