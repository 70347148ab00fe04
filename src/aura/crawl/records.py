"""The data a crawl passes between its steps. JSON round-trips (``as_json``/``from_json``)
because records are stored in the database and read by other workers."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field, fields
from typing import Any, Self

#: The source of a URL only a sitemap led to (no link from the crawled pages reached it yet):
#: it has no link depth, is crawled after the pages links reach, and its links are not
#: followed until a link reaches it (then it becomes a ``link`` page).
SITEMAP_SOURCE = "sitemap"


def link_depth(source: str, depth: int) -> int | None:
    """A crawled page's link depth as shown: clicks from the start page, or None for a page
    only a sitemap led to (its stored depth only orders the crawl)."""
    return None if source == SITEMAP_SOURCE else depth


def _from(cls: type[Any], data: dict[str, Any]) -> Any:
    names = {item.name for item in fields(cls)}
    values = {key: value for key, value in data.items() if key in names}
    for key, value in values.items():
        if isinstance(value, list):
            values[key] = tuple(tuple(v) if isinstance(v, list) else v for v in value)
    return cls(**values)


@dataclass(frozen=True)
class CrawlOptions:
    """What the user asked for; one page (the default) is a single-page analysis."""

    #: Pages to analyse per site, the start page included.
    max_pages: int = 1
    #: Clicks from the start page (the start page is depth 0).
    max_depth: int = 5
    #: URL patterns (glob on the path and query, e.g. ``/blog/*``) a page must match / not match.
    include: tuple[str, ...] = ()
    exclude: tuple[str, ...] = ()
    #: Whether other subdomains of the start host's site are in scope (``www`` always is).
    subdomains: bool = False
    #: Wall-clock budget for the whole crawl of one site, and bytes of HTML it may download.
    time_budget_s: float = 900.0
    max_bytes: int = 500 * 1024 * 1024
    #: Pages fetched at once from the site, and the least delay between two fetches (robots.txt
    #: ``Crawl-delay`` may raise it).
    concurrency: int = 2
    delay_s: float = 0.0
    #: Pages per route template rendered in browser mode (the rest get the static audits).
    renders_per_template: int = 1
    #: Whether sitemap URLs join the frontier (they are always read for the sitemap audits).
    use_sitemaps: bool = True

    def as_json(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_json(cls, data: dict[str, Any] | None) -> Self:
        return _from(cls, data or {})  # type: ignore[no-any-return]

    @property
    def crawls(self) -> bool:
        return self.max_pages > 1


@dataclass(frozen=True)
class SitemapEntry:
    url: str
    lastmod: str | None = None
    #: The sitemap file that lists it.
    sitemap: str | None = None


@dataclass(frozen=True)
class PageRecord:
    """What the crawl keeps of one page: enough for the site-level audits and the pages table.

    ``url`` is the normalised URL as queued; ``final_url`` where its redirects ended.
    A page that could not be fetched has ``status`` None and ``error`` set.
    """

    url: str
    depth: int
    #: How it was found: ``start``, ``link`` or ``sitemap``; and the first page linking to it.
    source: str = "link"
    found_on: str | None = None
    final_url: str | None = None
    status: int | None = None
    error: str | None = None
    #: Every hop of the redirect chain: (url, status) in order, the final response excluded.
    redirects: tuple[tuple[str, int], ...] = ()
    content_type: str | None = None
    bytes: int = 0
    title: str | None = None
    description: str | None = None
    h1: tuple[str, ...] = ()
    canonical: str | None = None
    #: From the robots meta tag and ``X-Robots-Tag``.
    noindex: bool = False
    nofollow: bool = False
    #: hreflang alternates: (language, absolute URL).
    hreflang: tuple[tuple[str, str], ...] = ()
    #: Normalised same-site link targets (``<a href>``), in document order, de-duplicated;
    #: those with ``rel=nofollow`` are in ``nofollow_links`` as well.
    links: tuple[str, ...] = ()
    nofollow_links: tuple[str, ...] = ()
    external_links: int = 0
    #: Links that lead nowhere: ``href="#"``, ``javascript:``, empty href.
    placeholder_links: int = 0
    #: Same-site subresources (images, scripts, stylesheets, icons, manifest) the page loads.
    resources: tuple[str, ...] = ()
    #: Subresources on other hosts (CDNs, fonts): not the site's, never fetched by the crawl.
    external_resources: tuple[str, ...] = ()
    #: ``http:`` subresources on an ``https:`` page.
    mixed_content: tuple[str, ...] = ()
    #: Words of main text, and a 64-bit SimHash of it for near-duplicate detection.
    words: int = 0
    simhash: int | None = None
    #: The most frequent meaningful words of the main text with their counts (the keywords
    #: audit's; "lorem ipsum" filler left out), most frequent first.
    keywords: tuple[tuple[str, int], ...] = ()
    #: schema.org types in JSON-LD, microdata and RDFa.
    structured_types: tuple[str, ...] = ()
    #: Route template (``/blog/:slug``).
    template: str = "/"
    #: Category scores (0 to 100) from the audits this page got; absent categories were not run.
    scores: dict[str, float | None] = field(default_factory=dict)
    #: Failing audit ids of this page.
    failing: tuple[str, ...] = ()
    #: Whether this page was rendered in a browser (a template's sample).
    rendered: bool = False

    def as_json(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Self:
        return _from(cls, data)  # type: ignore[no-any-return]

    @property
    def ok(self) -> bool:
        return self.status is not None and 200 <= self.status < 300 and not self.error

    @property
    def is_html(self) -> bool:
        return (self.content_type or "").startswith(("text/html", "application/xhtml"))
