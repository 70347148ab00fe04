"""One helper per medium that text from a page or a user is written to.

* :func:`for_terminal`: control characters (C0 but newline and tab, DEL, C1) would be
  obeyed by a terminal (escape sequences clear the screen, set the title, print
  hyperlinks to anywhere; a carriage return overwrites the line) and bidirectional
  overrides reorder what is shown. Each is replaced by a visible stand-in of one column.
* :func:`for_markdown`: one line of literal text; markup characters escaped and every
  form of autolink broken (``scheme:``, ``www.``, e-mail addresses).
* :func:`for_csv`: a cell a spreadsheet shows as text, never runs as a formula.

HTML is escaped by ``html.escape`` where the page is built (``reports/as_html.py``).
"""

from __future__ import annotations

import re

#: What a terminal obeys rather than shows, and what reorders the text around it.
_UNSAFE = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]"
)


def _stand_in(match: re.Match[str]) -> str:
    code = ord(match.group())
    if code < 0x20:
        return chr(0x2400 + code)  # the Control Pictures: ␛ for ESC, ␍ for CR
    if code == 0x7F:
        return "\u2421"  # ␡
    return "\ufffd"


def for_terminal(text: object, *, one_line: bool = False) -> str:
    """``text`` with nothing a terminal would obey; newlines kept unless ``one_line``."""
    shown = _UNSAFE.sub(_stand_in, str(text))
    if one_line:
        shown = shown.replace("\n", " ").replace("\t", " ")
    return shown


_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]<>#!|&~@])")
#: A colon that could end a scheme (``https:``, ``mailto:``); "Note: text" is left alone.
_SCHEME_COLON = re.compile(r":(?=\S)")
#: What would start a list item or a block at the beginning of a line.
_BLOCK_START = re.compile(r"^(\d*)([-+=.)])(?=\s|$)")
#: GitHub-flavoured Markdown links ``www.`` without a scheme.
_WWW = re.compile(r"(www)\.", re.IGNORECASE)


def for_markdown(text: object) -> str:
    """``text`` as literal Markdown: one line, every markup character escaped.

    Escaping ``@`` and a colon followed by text breaks the autolinks of every flavour (``https://``,
    ``mailto:``, ``user@example.com``); a backslash after ``www`` breaks GFM's
    ``www.example.com``. Control characters are shown as their stand-ins.
    """
    flat = " ".join(for_terminal(text).split())
    escaped = _MARKDOWN_SPECIAL.sub(r"\\\1", flat)
    escaped = _SCHEME_COLON.sub(r"\\:", escaped)
    escaped = _WWW.sub(r"\1\\.", escaped)
    return _BLOCK_START.sub(r"\1\\\2", escaped, count=1)


#: Spreadsheets run cells that start with these as formulas (full-width forms included:
#: some spreadsheets fold them to their ASCII counterparts).
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "\n", "\uff1d", "\uff0b", "\uff0d", "\uff20")


def for_csv(value: str) -> str:
    """A cell that a spreadsheet shows as text (numbers pass through as they are)."""
    if value.lstrip(" ").startswith(_FORMULA_START):
        try:
            float(value)
        except ValueError:
            return "'" + for_terminal(value, one_line=True)
    return for_terminal(value, one_line=True)
