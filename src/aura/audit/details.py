"""An audit's details as typed blocks, the way Lighthouse's report shows them.

Audits keep their details as plain data (``AuditResult.details``: the comparison and the
history read it by key). ``present`` turns that data into blocks with typed values, once, for
every reader: the API serves them beside the details (``view``), the UI, the HTML and the
Markdown exports render them. A block is a table (typed columns), a list, or properties
(label and typed value); a value's type says how to show it:

- ``url`` a link when it is http(s), else text; ``bytes`` in KiB/MiB; ``ms``; ``seconds``
  (cache lifetimes); ``ratio`` as a percentage; ``numeric``; ``bool``; ``text``;
- ``code`` a snippet of the page's HTML; ``node`` an element, ``{"selector", "snippet"}``;
- ``color`` a CSS colour with its swatch; an axe-core contrast failure gets its foreground,
  background and ratio as columns of their own.

Types come from the keys the audits use (``url``, ``bytes``, ``*_ms``, ``html``, ``target``…)
and from the values (an ``http(s)://`` string, a ``#rrggbb`` colour). Everything is the page's
text as data: each renderer escapes it for its medium.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from typing import Any, Literal

from pydantic import BaseModel, Field

ValueType = Literal[
    "url", "bytes", "ms", "seconds", "ratio", "numeric", "bool", "text", "code", "node", "color"
]

#: Rows or items shown per block; ``total`` says how many there were.
MAX_ROWS = 50
#: Characters kept of one text or snippet value.
MAX_TEXT = 400

URL_KEYS = frozenset(
    {"url", "href", "src", "location", "final_url", "help_url", "source", "icons", "sitemaps"}
)
CODE_KEYS = frozenset({"html", "snippet", "doctype", "element"})
SELECTOR_KEYS = frozenset({"target", "selector"})
BYTES_KEYS = frozenset({"bytes", "estimated_savings", "wasted", "savings", "size"})
RATIO_KEYS = frozenset({"ratio", "share"})
LABELS = {
    "url": "URL",
    "href": "Link",
    "src": "Source",
    "html": "Element",
    "target": "Selector",
    "node": "Element",
    "bytes": "Size",
    "estimated_savings": "Potential savings",
    "ttl_seconds": "Cache lifetime",
    "help_url": "Learn more",
    "ttfb_ms": "Time to first byte",
    "h1_count": "H1 headings",
    "max_depth": "Maximum depth",
    "tls_version": "TLS version",
    "final_url": "Final URL",
    "foreground": "Foreground",
    "background": "Background",
    "contrast": "Contrast ratio",
}

_COLOR = re.compile(r"^#(?:[0-9a-fA-F]{3,4}|[0-9a-fA-F]{6}|[0-9a-fA-F]{8})$")
_CONTRAST = re.compile(
    r"contrast of (?P<ratio>[\d.]+) \(foreground color: (?P<fg>#[0-9a-fA-F]{3,8}), "
    r"background color: (?P<bg>#[0-9a-fA-F]{3,8})"
)


class Column(BaseModel):
    key: str
    label: str
    type: ValueType


class Node(BaseModel):
    """An element of the page: its CSS selector and its HTML (both the page's text)."""

    selector: str | None = None
    snippet: str | None = None


class TableBlock(BaseModel):
    type: Literal["table"] = "table"
    title: str
    columns: list[Column]
    rows: list[dict[str, Any]]
    total: int


class ListBlock(BaseModel):
    type: Literal["list"] = "list"
    title: str
    item_type: ValueType
    items: list[Any]
    total: int


class Property(BaseModel):
    label: str
    type: ValueType
    #: None where the page has no such thing (shown as "none", never as 0 or "null").
    value: Any


class PropertiesBlock(BaseModel):
    type: Literal["properties"] = "properties"
    title: str
    items: list[Property]


DetailBlock = TableBlock | ListBlock | PropertiesBlock


class DetailsView(BaseModel):
    blocks: list[DetailBlock] = Field(default_factory=list)


def label_of(key: str) -> str:
    if key in LABELS:
        return LABELS[key]
    stem = re.sub(r"_(ms|bytes|seconds)$", "", key)
    words = stem.replace("_", " ").replace("-", " ").strip()
    return (words[:1].upper() + words[1:]) if words else key


def _is_url(value: object) -> bool:
    return isinstance(value, str) and value.startswith(("http://", "https://"))


def type_of(key: str, value: object) -> ValueType:
    """A value's type from its key, then from the value itself."""
    if isinstance(value, bool):
        return "bool"
    if isinstance(value, Node):
        return "node"
    if _is_url(value) or (key in URL_KEYS and isinstance(value, str) and "/" in value):
        return "url"
    if key in CODE_KEYS:
        return "code"
    if isinstance(value, int | float):
        if key in BYTES_KEYS or key.endswith("_bytes"):
            return "bytes"
        if key.endswith("_ms"):
            return "ms"
        if key.endswith("_seconds"):
            return "seconds"
        if key in RATIO_KEYS or key.endswith(("_share", "_ratio")):
            return "ratio"
        return "numeric"
    if isinstance(value, str):
        if _COLOR.match(value) or key in ("color", "foreground", "background"):
            return "color" if _COLOR.match(value) else "text"
        if value.lstrip().startswith("<") and value.rstrip().endswith(">"):
            return "code"
    return "text"


def _clip(value: object) -> object:
    return _clip_text(value) if isinstance(value, str) else value


def _clip_text(value: str | None) -> str | None:
    if value is not None and len(value) > MAX_TEXT:
        return value[:MAX_TEXT] + "\u2026"
    return value


def _scalar(value: object) -> object:
    """A value a cell can hold: numbers, text, bools, None; anything else as compact text."""
    if value is None or isinstance(value, bool | int | float | str):
        return _clip(value)
    if isinstance(value, Mapping):
        return _clip(", ".join(f"{key}: {_scalar(item)}" for key, item in value.items()))
    if isinstance(value, Sequence):
        return _clip(", ".join(str(_scalar(item)) for item in value))
    return _clip(str(value))


def _row(item: Mapping[str, Any]) -> dict[str, Any]:
    """One table row: an element's selector and HTML become one ``node``; an axe-core
    contrast failure's colours and ratio become cells of their own."""
    row: dict[str, Any] = {}
    selector = next((item[key] for key in SELECTOR_KEYS if isinstance(item.get(key), str)), None)
    snippet = item.get("html") if isinstance(item.get("html"), str) else None
    if selector is not None or (snippet is not None and "html" in item and len(item) > 1):
        row["node"] = Node(selector=_clip_text(selector), snippet=_clip_text(snippet))
    for key, value in item.items():
        if "node" in row and (key in SELECTOR_KEYS or key == "html"):
            continue
        row[key] = _scalar(value)
    summary = item.get("summary")
    if isinstance(summary, str) and (match := _CONTRAST.search(summary)):
        row["foreground"] = match["fg"]
        row["background"] = match["bg"]
        row["contrast"] = float(match["ratio"])
    return row


def _table(title: str, items: Sequence[Mapping[str, Any]]) -> TableBlock:
    rows = [_row(item) for item in items[:MAX_ROWS]]
    keys: list[str] = []
    for row in rows:
        keys.extend(key for key in row if key not in keys)
    if "node" in keys:  # the element first, as Lighthouse shows it
        keys.remove("node")
        keys.insert(0, "node")
    columns = []
    for key in keys:
        sample = next((row[key] for row in rows if row.get(key) is not None), None)
        columns.append(Column(key=key, label=label_of(key), type=type_of(key, sample)))
    return TableBlock(title=title, columns=columns, rows=rows, total=len(items))


def _list(title: str, key: str, items: Sequence[Any]) -> ListBlock:
    shown = [_scalar(item) for item in items[:MAX_ROWS]]
    sample = next((item for item in shown if item is not None), None)
    return ListBlock(title=title, item_type=type_of(key, sample), items=shown, total=len(items))


def present(details: Mapping[str, Any] | None) -> DetailsView:
    """The typed blocks of an audit's details: first its plain values (one properties block),
    then a block per list or mapping, in the audit's order. Empty lists and maps are left
    out (nothing to show); a value that is None is shown as absent."""
    if not details:
        return DetailsView()
    plain: list[Property] = []
    blocks: list[DetailBlock] = []
    for key, value in details.items():
        title = label_of(key)
        if isinstance(value, Mapping):
            if not value:
                continue
            if all(not isinstance(item, Mapping | list) for item in value.values()):
                items = [
                    Property(label=str(name), type=type_of(str(name), item), value=_clip(item))
                    for name, item in value.items()
                ]
                blocks.append(PropertiesBlock(title=title, items=items))
            else:
                blocks.extend(present(value).blocks)
        elif isinstance(value, list):
            if not value:
                continue
            if all(isinstance(item, Mapping) for item in value):
                blocks.append(_table(title, value))
            else:
                blocks.append(_list(title, key, value))
        else:
            plain.append(Property(label=title, type=type_of(key, value), value=_clip(value)))
    if plain:
        blocks.insert(0, PropertiesBlock(title="", items=plain))
    return DetailsView(blocks=blocks)


def present_json(details: Mapping[str, Any] | None) -> list[dict[str, Any]]:
    """``present`` as JSON data (what the API serves as an audit's ``view``)."""
    return [block.model_dump(mode="json") for block in present(details).blocks]


def with_views(result: Mapping[str, Any] | None) -> dict[str, Any] | None:
    """A stored analysis result with each audit's ``view`` (its details as blocks) added;
    the stored details stay as they are."""
    if result is None:
        return None
    categories = result.get("categories")
    if not isinstance(categories, Mapping):
        return dict(result)
    viewed: dict[str, Any] = {}
    for name, category in categories.items():
        audits = category.get("audits") if isinstance(category, Mapping) else None
        if not isinstance(audits, list):
            viewed[name] = category
            continue
        viewed[name] = {
            **category,
            "audits": [
                {**audit, "view": present_json(audit.get("details"))}
                if isinstance(audit, Mapping) and isinstance(audit.get("details"), Mapping)
                else audit
                for audit in audits
            ],
        }
    return {**result, "categories": viewed}
