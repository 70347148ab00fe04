"""One page of a crawl: fetch it and keep its record. (Skeleton, minimal body from the
crawl-jobs branch so the jobs run end to end; the crawl-engine branch replaces it.)"""

from __future__ import annotations

from selectolax.lexbor import LexborHTMLParser

from aura.audit.fetch import Fetcher, FetchError
from aura.crawl.records import PageRecord
from aura.crawl.templates import template_of
from aura.crawl.urls import normalise


async def crawl_page(
    url: str, depth: int, fetcher: Fetcher, *, source: str = "link", found_on: str | None = None
) -> PageRecord:
    """Fetch ``url`` (redirects followed and recorded) and return its record: the facts the
    site audits need, the page's same-site links, and the scores of the document-only audits.
    A page that cannot be fetched is a record with ``error`` set, never an exception."""
    base = PageRecord(url=url, depth=depth, source=source, found_on=found_on)
    try:
        response = await fetcher.fetch(url)
    except FetchError as error:
        return PageRecord(**{**base.as_json(), "error": str(error)})
    fields = base.as_json()
    fields.update(
        final_url=response.final_url,
        status=response.status_code,
        content_type=response.content_type,
        bytes=len(response.body),
        redirects=tuple((hop.url, hop.status_code) for hop in response.redirects),
        template=template_of(url),
    )
    if response.status_code >= 400:
        fields["error"] = f"HTTP {response.status_code}"
    if not response.content_type.startswith(("text/html", "application/xhtml")):
        return PageRecord(**fields)
    tree = LexborHTMLParser(response.body.decode(response.charset or "utf-8", "replace"))
    title = tree.css_first("title")
    fields["title"] = title.text(strip=True) if title is not None else None
    links: dict[str, None] = {}
    for anchor in tree.css("a[href]"):
        target = normalise(anchor.attributes.get("href") or "", response.final_url)
        if target is not None:
            links.setdefault(target)
    fields["links"] = tuple(links)
    return PageRecord(**fields)
