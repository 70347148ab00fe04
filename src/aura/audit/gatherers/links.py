"""Same-site link targets of the page, checked within a small budget.

A visitor who follows a link to a 404 meets a dead end; so does a crawler. The first
``MAX_LINKS`` distinct same-site targets the page links to are requested through the
auxiliary fetcher (so the network guard and its limits apply), a few at a time, within
``TIME_BUDGET`` seconds; what is left is reported as not checked.
"""

from __future__ import annotations

import asyncio
from dataclasses import dataclass
from typing import ClassVar
from urllib.parse import urldefrag, urlsplit

from aura.audit import cpu
from aura.audit.artifacts import Document, HttpExchange, exclusive
from aura.audit.fetch import FetchError
from aura.audit.gatherers.base import GatherContext

MAX_LINKS = 20
CONCURRENCY = 4
TIME_BUDGET = 8.0


@dataclass(frozen=True)
class LinkCheck:
    url: str
    status_code: int | None = None
    error: str | None = None

    @property
    def broken(self) -> bool:
        return self.status_code is not None and self.status_code >= 400


@dataclass(frozen=True)
class LinkTargets:
    """The checked same-site link targets, and how many were left unchecked."""

    checked: tuple[LinkCheck, ...] = ()
    unchecked: int = 0


def _host(url: str) -> str:
    return (urlsplit(url).hostname or "").lower().removeprefix("www.")


def same_site_targets(document: Document, page_url: str) -> list[str]:
    """Distinct same-site http(s) URLs the page's links lead to, the page itself excluded."""
    page = urldefrag(page_url).url
    host = _host(page_url)
    found: dict[str, None] = {}
    for node in document.css("a[href]"):
        href = (node.attributes.get("href") or "").strip()
        if not href or href.startswith("#"):
            continue
        url = urldefrag(document.resolve(href)).url
        if urlsplit(url).scheme in ("http", "https") and _host(url) == host and url != page:
            found.setdefault(url)
    return list(found)


class LinkTargetsGatherer:
    produces: ClassVar[type[LinkTargets]] = LinkTargets
    depends: ClassVar[tuple[type[object], ...]] = (HttpExchange,)

    async def gather(self, context: GatherContext) -> LinkTargets:
        document = context.artifacts.get(Document)
        page_url = context.artifacts.get(HttpExchange).final_url
        targets = await cpu.to_thread(exclusive, document, same_site_targets, document, page_url)
        chosen = targets[:MAX_LINKS]
        results: dict[str, LinkCheck] = {}
        gate = asyncio.Semaphore(CONCURRENCY)

        async def check(url: str) -> None:
            async with gate:
                try:
                    response = await context.aux_fetcher.fetch(url)
                except FetchError as error:
                    results[url] = LinkCheck(url, error=str(error)[:300])
                    return
                results[url] = LinkCheck(url, response.status_code)

        try:
            async with asyncio.timeout(TIME_BUDGET):
                await asyncio.gather(*(check(url) for url in chosen))
        except TimeoutError:
            pass
        checked = tuple(results[url] for url in chosen if url in results)
        return LinkTargets(checked, unchecked=len(targets) - len(checked))
