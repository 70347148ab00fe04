"""The sitemap: the first one declared in robots.txt, else ``/sitemap.xml``."""

from __future__ import annotations

import re
from typing import ClassVar

from aura.audit.artifacts import HttpExchange, RobotsTxt, Sitemap
from aura.audit.fetch import FetchError
from aura.audit.gatherers.base import GatherContext
from aura.audit.gatherers.robots import origin_of

_ROOT = re.compile(rb"<(?:\w+:)?(urlset|sitemapindex)\b", re.I)
_ENTRY = re.compile(rb"<(?:\w+:)?loc\s*>", re.I)
_LOC = re.compile(rb"<(?:\w+:)?loc\s*>\s*(?:<!\[CDATA\[)?\s*([^<\s]*)", re.I)
_ABSOLUTE = re.compile(rb"https?://[^/\s]", re.I)
_TEXT_URL = re.compile(rb"(?m)^\s*https?://\S+\s*$")

#: Candidates tried at most: a sitemap is a hint, not worth many requests.
MAX_CANDIDATES = 3


class SitemapGatherer:
    produces: ClassVar[type[Sitemap]] = Sitemap
    depends: ClassVar[tuple[type[object], ...]] = (HttpExchange, RobotsTxt)

    async def gather(self, context: GatherContext) -> Sitemap:
        exchange = context.artifacts.get(HttpExchange)
        robots = context.artifacts.get(RobotsTxt)
        origin = origin_of(exchange.final_url)
        candidates: list[str] = []
        for url in [*robots.sitemaps, origin + "/sitemap.xml", origin + "/sitemap_index.xml"]:
            if url not in candidates:
                candidates.append(url)
        candidates = candidates[:MAX_CANDIDATES]
        last_error: str | None = None
        last_status: int | None = None
        for url in candidates:
            try:
                response = await context.aux_fetcher.fetch(url)
            except FetchError as error:
                last_error = str(error)
                continue
            last_status = response.status_code
            if response.status_code >= 400:
                continue
            kind, count = classify(response.body)
            if kind is not None:
                relative = relative_locations(response.body) if kind != "text" else []
                return Sitemap(
                    tuple(candidates),
                    url,
                    response.status_code,
                    kind,
                    count,
                    error=None,
                    relative_entries=len(relative),
                    # The example is page text: kept short, escaped where it is shown.
                    relative_example=relative[0][:200] if relative else None,
                )
        return Sitemap(tuple(candidates), None, last_status, None, 0, error=last_error)


def classify(body: bytes) -> tuple[str | None, int]:
    """The sitemap kind (``urlset``, ``sitemapindex``, ``text``) and its number of entries."""
    root = _ROOT.search(body[:65536])
    if root is not None:
        return root.group(1).decode().lower(), len(_ENTRY.findall(body))
    lines = _TEXT_URL.findall(body)
    if lines and body.lstrip()[:1] != b"<":
        return "text", len(lines)
    return None, 0


def relative_locations(body: bytes) -> list[str]:
    """The ``<loc>`` values that are not absolute http(s) URLs (``/index.html``)."""
    return [
        value.decode("utf-8", "replace")
        for value in _LOC.findall(body)
        if not _ABSOLUTE.match(value)
    ]
