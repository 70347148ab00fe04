"""What a site says about crawling it: robots.txt and its sitemaps. (Skeleton, minimal body
from the crawl-jobs branch: robots.txt through protego, no sitemaps; the crawl-engine branch
replaces it.)"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any, Self
from urllib.parse import urlsplit

from protego import Protego

from aura.audit.fetch import Fetcher, FetchError
from aura.crawl.records import CrawlOptions, SitemapEntry

#: The user-agent token robots.txt rules are matched against.
ROBOTS_AGENT = "Aura"


@dataclass(frozen=True)
class SiteRules:
    """Fetched once per crawl, stored with it, and read by every worker that fetches a page."""

    robots_url: str
    robots_status: int | None = None
    robots_text: str = ""
    #: Seconds between two fetches asked for by ``Crawl-delay`` (None: not set).
    crawl_delay: float | None = None
    #: The sitemap files read (declared in robots.txt or at ``/sitemap.xml``), with errors.
    sitemaps: tuple[tuple[str, int | None, str | None], ...] = ()
    #: URLs the sitemaps list (bounded), with ``lastmod``.
    entries: tuple[SitemapEntry, ...] = ()
    #: More entries were listed than were kept.
    truncated: bool = False

    def allowed(self, url: str) -> bool:
        """Whether robots.txt lets Aura fetch ``url``."""
        if not self.robots_text or self.robots_status != 200:
            return True
        return bool(Protego.parse(self.robots_text).can_fetch(url, ROBOTS_AGENT))

    def as_json(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Self:
        entries = tuple(SitemapEntry(**item) for item in data.get("entries", ()))
        sitemaps = tuple(tuple(item) for item in data.get("sitemaps", ()))
        rest = {k: v for k, v in data.items() if k not in ("entries", "sitemaps")}
        return cls(entries=entries, sitemaps=sitemaps, **rest)


async def site_rules(start_url: str, fetcher: Fetcher, options: CrawlOptions) -> SiteRules:
    """robots.txt and the sitemaps of the start URL's origin, within the crawl's limits."""
    parts = urlsplit(start_url)
    robots_url = f"{parts.scheme}://{parts.netloc}/robots.txt"
    try:
        response = await fetcher.fetch(robots_url)
    except FetchError:
        return SiteRules(robots_url=robots_url)
    text = response.body.decode("utf-8", "replace") if response.status_code == 200 else ""
    delay = Protego.parse(text).crawl_delay(ROBOTS_AGENT) if text else None
    return SiteRules(
        robots_url=robots_url,
        robots_status=response.status_code,
        robots_text=text,
        crawl_delay=float(delay) if delay is not None else None,
    )
