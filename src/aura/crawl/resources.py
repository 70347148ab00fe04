"""The site's subresources checked once each, after its pages are crawled.

A page's record names the same-site images, scripts, stylesheets, icons and manifest it
loads (``PageRecord.resources``); the site report's broken-resources finding needs to know
whether each answers. Each distinct one is checked once: ``HEAD`` through the crawl's
``Fetcher`` (its network guard and limits, redirects followed and kept); when that fails
(an error status or no answer: some servers refuse or mishandle ``HEAD``) a ``GET`` that
reads at most ``PEEK_BYTES`` of the body, so a finding says "broken" only when a plain
request fails too. robots.txt is respected (a refused URL stays unchecked), and so is the
crawl's politeness: at most ``concurrency`` checks at once, spaced by the crawl's delay.

The check is bounded (``MAX_RESOURCES`` URLs, ``time_s`` seconds); what it did not reach is
left out, which the report counts as unchecked, never as broken or fine. The results are
``PageRecord``s with source ``resource`` and no facts beyond the response: ``site_report``
tells them from pages because no page links to them.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Sequence
from dataclasses import replace

from aura.audit.fetch import Fetcher, FetchError
from aura.audit.fetch.client import FetchedResponse
from aura.crawl.records import PageRecord
from aura.crawl.rules import SiteRules
from aura.crawl.templates import template_of
from aura.crawl.urls import normalise

#: Distinct subresources checked per site at most.
MAX_RESOURCES = 500
#: Bytes a ``GET`` check reads at most.
PEEK_BYTES = 1024


def resources_to_check(
    pages: Sequence[PageRecord], rules: SiteRules | None, limit: int = MAX_RESOURCES
) -> list[tuple[str, str]]:
    """(resource URL, first page loading it) for each same-site subresource the pages load
    that is not a record already and robots.txt allows, in the pages' order; at most
    ``limit``."""
    known = {r.url for r in pages} | {r.final_url for r in pages if r.final_url}
    found: dict[str, str] = {}
    for record in pages:
        for url in record.resources:
            if url in known or url in found:
                continue
            if rules is not None and not rules.allowed(url):
                continue
            found[url] = record.url
            if len(found) >= limit:
                return list(found.items())
    return list(found.items())


async def check_resource(url: str, fetcher: Fetcher, found_on: str | None = None) -> PageRecord:
    """One subresource's status: ``HEAD``, then a short ``GET`` if that failed."""
    record = PageRecord(
        url=url, depth=1, source="resource", found_on=found_on, template=template_of(url)
    )
    response: FetchedResponse | None = None
    error: str | None = None
    try:
        response = await fetcher.fetch(url, method="HEAD")
    except FetchError as failure:
        error = str(failure)
    if response is None or response.status_code >= 400:
        try:
            response = await fetcher.fetch(url, peek=PEEK_BYTES)
            error = None
        except FetchError as failure:
            error = str(failure)
            if response is not None:
                error = None  # the HEAD answer stands
    if response is None:
        return replace(record, error=error or "no response")
    return replace(
        record,
        final_url=normalise(response.final_url) or response.final_url,
        status=response.status_code,
        redirects=tuple(
            (normalise(hop.url) or hop.url, hop.status_code) for hop in response.redirects
        ),
        content_type=response.content_type or None,
    )


async def check_resources(
    pages: Sequence[PageRecord],
    fetcher: Fetcher,
    rules: SiteRules | None,
    *,
    concurrency: int = 2,
    delay_s: float = 0.0,
    time_s: float = 60.0,
    limit: int = MAX_RESOURCES,
) -> list[PageRecord]:
    """Check the pages' subresources (``resources_to_check``) and return their records: as
    many as were checked within ``time_s`` seconds, at most ``concurrency`` at once, starts
    spaced by ``delay_s``."""
    todo = resources_to_check(pages, rules, limit)
    if not todo:
        return []
    results: list[PageRecord] = []
    gate = asyncio.Semaphore(max(1, concurrency))
    slot = time.monotonic()
    slot_lock = asyncio.Lock()

    async def one(url: str, found_on: str) -> None:
        nonlocal slot
        async with gate:
            async with slot_lock:
                wait = slot - time.monotonic()
                slot = max(slot, time.monotonic()) + delay_s
            if wait > 0:
                await asyncio.sleep(wait)
            results.append(await check_resource(url, fetcher, found_on))

    try:
        async with asyncio.timeout(time_s):
            async with asyncio.TaskGroup() as group:
                for url, found_on in todo:
                    group.create_task(one(url, found_on))
    except TimeoutError:
        pass  # what was not checked in time stays unchecked
    return results
