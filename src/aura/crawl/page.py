"""One page of a crawl: fetch it and keep its record. (Skeleton: the crawl-engine branch
completes it.)"""

from __future__ import annotations

from aura.audit.fetch import Fetcher
from aura.crawl.records import PageRecord


async def crawl_page(
    url: str, depth: int, fetcher: Fetcher, *, source: str = "link", found_on: str | None = None
) -> PageRecord:
    """Fetch ``url`` (redirects followed and recorded) and return its record: the facts the
    site audits need, the page's same-site links, and the scores of the document-only audits.
    A page that cannot be fetched is a record with ``error`` set, never an exception."""
    raise NotImplementedError
