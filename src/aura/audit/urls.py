"""URL helpers: first- versus third-party."""

from __future__ import annotations

from urllib.parse import urlsplit

# Common two-label public suffixes; enough to keep example.co.uk apart from other.co.uk.
_SECOND_LEVEL = frozenset({"co", "com", "net", "org", "gov", "ac", "edu", "ne", "or"})


def site_of(url: str) -> str:
    """The registrable domain of ``url`` (approximate: no full public-suffix list)."""
    host = (urlsplit(url).hostname or "").lower().rstrip(".")
    labels = host.split(".")
    if len(labels) <= 2 or host.replace(".", "").isdigit() or ":" in host:
        return host
    if labels[-2] in _SECOND_LEVEL and len(labels[-1]) == 2:
        return ".".join(labels[-3:])
    return ".".join(labels[-2:])


def is_third_party(url: str, page_url: str) -> bool:
    return site_of(url) != site_of(page_url)
