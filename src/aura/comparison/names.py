"""What to call a site: the name it gives itself, not its address.

In order: the label the user gave the URL; the page's ``og:site_name``; the brand part of
its title ("Brightdesk - Help desk software" → "Brightdesk": the part that matches the host,
else a short first or last part); its host (without ``www.``, with the port when there is
one). Two sites that would share a name get their hosts added. Names are the user's or the
pages' text: every output escapes them.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from typing import Any
from urllib.parse import urlsplit

#: Separators between a title's parts ("Brand - tagline", "Page | Brand").
_SEPARATORS = re.compile(r"\s+[\u2013\u2014|\u00b7\u2022:-]\s+|\s*[|\u00b7\u2022]\s*")
#: A brand is short; longer parts are taglines or page names.
MAX_BRAND_WORDS = 4
MAX_NAME = 60


#: Title parts that name a page, not a site.
_GENERIC = frozenset({"home", "homepage", "home page", "welcome", "index", "untitled"})


def host_label(url: str) -> str:
    """The host (and port), with the path when it is not ``/``."""
    parts = urlsplit(url)
    label = (parts.netloc or url).removeprefix("www.")
    if parts.path not in ("", "/"):
        label += parts.path
    return label


def _open_graph_name(result: Mapping[str, Any]) -> str | None:
    categories = result.get("categories")
    if not isinstance(categories, Mapping):
        return None
    for category in categories.values():
        audits = category.get("audits") if isinstance(category, Mapping) else None
        for audit in audits if isinstance(audits, list) else []:
            if not isinstance(audit, Mapping) or audit.get("id") != "social-tags":
                continue
            details = audit.get("details")
            graph = details.get("open_graph") if isinstance(details, Mapping) else None
            name = graph.get("og:site_name") if isinstance(graph, Mapping) else None
            if isinstance(name, str) and name.strip():
                return name
    return None


def _squash(text: str) -> str:
    return re.sub(r"[^a-z0-9]", "", text.lower())


def title_brand(title: str, url: str) -> str | None:
    """The brand part of a page title, or None when no part looks like one."""
    parts = [
        part.strip()
        for part in _SEPARATORS.split(title)
        if part.strip() and part.strip().casefold() not in _GENERIC
    ]
    if not parts:
        return None
    host = _squash(urlsplit(url).hostname or "")
    for part in parts:
        squashed = _squash(part)
        if squashed and len(squashed) >= 3 and squashed in host:
            return part
    short = [part for part in (parts[0], parts[-1]) if len(part.split()) <= MAX_BRAND_WORDS]
    return short[0] if short else None


def site_name(url: str, result: Mapping[str, Any] | None) -> str:
    if result:
        named = _open_graph_name(result)
        title = result.get("title")
        if named is None and isinstance(title, str) and title.strip():
            named = title_brand(title, url)
        if named:
            return _clipped(named)
    return host_label(url)


def _clipped(name: str) -> str:
    name = " ".join(name.split())
    return name if len(name) <= MAX_NAME else name[: MAX_NAME - 1] + "\u2026"


def site_names(
    sites: Sequence[tuple[str, Mapping[str, Any] | None]],
    labels: Mapping[str, str | None] | None = None,
) -> dict[str, str]:
    """A name per URL, unique within the batch; a user's label wins over the page's name."""
    names = {url: site_name(url, result) for url, result in sites}
    for url, label in (labels or {}).items():
        if url in names and label and label.strip():
            names[url] = _clipped(label)
    counts: dict[str, int] = {}
    for name in names.values():
        counts[name.casefold()] = counts.get(name.casefold(), 0) + 1
    for url, name in names.items():
        host = host_label(url)
        if counts[name.casefold()] > 1 and name != host:
            names[url] = f"{name} ({host})"
    return names
