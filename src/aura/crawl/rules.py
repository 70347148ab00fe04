"""What a site says about crawling it: robots.txt and its sitemaps.

**robots.txt** is fetched once per crawl and parsed with Protego for ``ROBOTS_AGENT``
(groups for ``Aura``, else ``*``). As RFC 9309 says, a robots.txt that answers 4xx (none
there) allows everything, and one that cannot be read (a 5xx, a network error) disallows
everything: the site may be down or overloaded, and a polite crawler waits. Only the first
500 KiB are read (Google's limit). ``Crawl-delay`` is honoured up to ``MAX_CRAWL_DELAY``
(``SiteRules.delay``). ``SiteRules`` travels as JSON to the workers; each
parses ``robots_text`` again on its first ``allowed`` call (cached by text).

**Sitemaps**: those declared in robots.txt (``Sitemap:`` lines), else ``/sitemap.xml``.
An index file's sitemaps are read in turn, index files inside index files to
``MAX_INDEX_DEPTH``; at most ``MAX_SITEMAP_FILES`` files are read. A body is gzip when it
starts with gzip's magic bytes (``.gz`` files, whatever their Content-Type), inflated to at
most ``MAX_SITEMAP_BYTES``; plain-text sitemaps (one URL a line) are read too. XML is read
by the standard library's expat with a pull parser, which fetches no external entity; a
file that declares entities (``<!ENTITY``, the "billion laughs") is refused unread. At most
``MAX_ENTRIES`` URLs are kept (``truncated`` says when more were listed). A sitemap that
cannot be fetched or parsed is listed in ``sitemaps`` with its error; it never raises.
Every fetch goes through the given ``Fetcher`` (the network guard, its byte and time
limits).
"""

from __future__ import annotations

import functools
import zlib
from collections.abc import Iterator
from dataclasses import asdict, dataclass
from typing import Any, Self, cast
from urllib.parse import urlsplit
from xml.etree.ElementTree import Element, ParseError, XMLPullParser

from protego import Protego

from aura.audit import cpu
from aura.audit.fetch import Fetcher, FetchError
from aura.crawl.records import CrawlOptions, SitemapEntry
from aura.crawl.urls import normalise

#: The user-agent token robots.txt rules are matched against.
ROBOTS_AGENT = "Aura"

#: robots.txt bytes read (RFC 9309 asks crawlers to read at least 500 KiB).
MAX_ROBOTS_BYTES = 500 * 1024
#: URLs kept from all the sitemaps of a site (one sitemap file may list 50,000).
MAX_ENTRIES = 50_000
#: Sitemap files read per site, index files included.
MAX_SITEMAP_FILES = 50
#: Index files inside index files followed this deep (the sitemaps protocol allows none).
MAX_INDEX_DEPTH = 3
#: Bytes of one sitemap after gzip (the sitemaps protocol's limit is 50 MB).
MAX_SITEMAP_BYTES = 50 * 1024 * 1024
#: ``Crawl-delay`` honoured up to this many seconds: a site asking for an hour between two
#: requests would make any crawl of it meaningless, and this is already slow (120 pages
#: an hour).
MAX_CRAWL_DELAY = 30.0
#: Bytes of sitemaps read per site in all, after gzip.
MAX_TOTAL_SITEMAP_BYTES = 200 * 1024 * 1024


@functools.lru_cache(maxsize=64)
def _parsed(text: str) -> Protego:
    return Protego.parse(text)


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
    #: Why robots.txt could not be read (then nothing is allowed), or None.
    robots_error: str | None = None
    #: The URL whose site the crawl covers: where the start URL's redirects end when they
    #: lead to another origin, else the start URL (None: rules stored before this was kept).
    site_url: str | None = None

    def allowed(self, url: str) -> bool:
        """Whether robots.txt lets Aura fetch ``url``."""
        if self.robots_status is None or self.robots_status >= 500:
            # Unreachable robots.txt: complete disallow (RFC 9309, 2.3.1.4), robots.txt
            # itself excepted.
            return urlsplit(url).path == "/robots.txt"
        if self.robots_status >= 400 or not self.robots_text.strip():
            return True
        return bool(_parsed(self.robots_text).can_fetch(url, ROBOTS_AGENT))

    def delay(self, options: CrawlOptions) -> float:
        """Seconds between two fetches from the site: the user's delay, or robots.txt's
        ``Crawl-delay`` when it asks for more (up to ``MAX_CRAWL_DELAY``)."""
        asked = min(self.crawl_delay or 0.0, MAX_CRAWL_DELAY)
        return max(options.delay_s, asked)

    def as_json(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Self:
        entries = tuple(SitemapEntry(**item) for item in data.get("entries", ()))
        sitemaps = tuple(tuple(item) for item in data.get("sitemaps", ()))
        rest = {k: v for k, v in data.items() if k not in ("entries", "sitemaps")}
        return cls(entries=entries, sitemaps=sitemaps, **rest)


def origin_of(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}"


async def site_rules(start_url: str, fetcher: Fetcher, options: CrawlOptions) -> SiteRules:
    """robots.txt and the sitemaps of the start URL's origin, within the crawl's limits."""
    origin = origin_of(normalise(start_url) or start_url)
    robots_url = origin + "/robots.txt"
    status: int | None = None
    text = ""
    error: str | None = None
    try:
        response = await fetcher.fetch(robots_url)
    except FetchError as fetch_error:
        error = str(fetch_error)
    else:
        status = response.status_code
        if status < 300:
            raw = response.body[:MAX_ROBOTS_BYTES]
            text = raw.decode(response.charset or "utf-8", errors="replace").lstrip("\ufeff")
        elif status >= 500:
            error = f"the server answered HTTP {status}"
    crawl_delay: float | None = None
    declared: list[str] = []
    if text.strip() and status is not None and status < 300:
        parsed = _parsed(text)
        delay = parsed.crawl_delay(ROBOTS_AGENT)
        crawl_delay = float(delay) if delay is not None else None
        for url in parsed.sitemaps:
            absolute = normalise(url, robots_url)
            if absolute is not None and absolute not in declared:
                declared.append(absolute)
    reader = _SitemapReader(fetcher)
    await reader.read_all(declared or [origin + "/sitemap.xml"])
    return SiteRules(
        robots_url=robots_url,
        robots_status=status,
        robots_text=text,
        crawl_delay=crawl_delay,
        sitemaps=tuple(reader.files),
        entries=tuple(reader.entries),
        truncated=reader.truncated,
        robots_error=error,
        site_url=normalise(start_url) or start_url,
    )


class SitemapError(Exception):
    pass


class _SitemapReader:
    def __init__(self, fetcher: Fetcher) -> None:
        self.fetcher = fetcher
        self.files: list[tuple[str, int | None, str | None]] = []
        self.entries: list[SitemapEntry] = []
        self.truncated = False
        self._seen_entries: set[str] = set()
        self._bytes = 0

    async def read_all(self, urls: list[str]) -> None:
        queue: list[tuple[str, int]] = [(url, 0) for url in urls]
        seen: set[str] = set()
        while queue:
            url, depth = queue.pop(0)
            if url in seen:
                continue
            seen.add(url)
            if len(self.files) >= MAX_SITEMAP_FILES or self._bytes >= MAX_TOTAL_SITEMAP_BYTES:
                self.truncated = True
                break
            children = await self._read(url)
            for child in children:
                if depth + 1 > MAX_INDEX_DEPTH:
                    self.files.append((child, None, "not read: index files nested too deep"))
                    continue
                queue.append((child, depth + 1))

    async def _read(self, url: str) -> list[str]:
        """Read one sitemap file; returns the sitemaps it lists when it is an index."""
        try:
            response = await self.fetcher.fetch(url)
        except FetchError as fetch_error:
            self.files.append((url, None, str(fetch_error)))
            return []
        if response.status_code >= 400:
            self.files.append((url, response.status_code, f"HTTP {response.status_code}"))
            return []
        # Inflating and parsing up to 50 MB is CPU work: off the event loop.
        children, error = await cpu.to_thread(self._take, response.body, response.final_url, url)
        self.files.append((url, response.status_code, error))
        return children

    def _take(self, raw: bytes, final_url: str, url: str) -> tuple[list[str], str | None]:
        """Keep the entries of one sitemap file; its child sitemaps, and its error."""
        children: list[str] = []
        try:
            body = _inflated(raw)
            self._bytes += len(body)
            for kind, loc, lastmod in _sitemap_items(body):
                cpu.checkpoint()
                target = normalise(loc, final_url)
                if target is None:
                    continue
                if kind == "sitemap":
                    children.append(target)
                elif target not in self._seen_entries:
                    if len(self.entries) >= MAX_ENTRIES:
                        self.truncated = True
                        break
                    self._seen_entries.add(target)
                    self.entries.append(SitemapEntry(target, lastmod, url))
        except SitemapError as failure:
            return children, str(failure)
        return children, None


def _inflated(body: bytes) -> bytes:
    if not body.startswith(b"\x1f\x8b"):
        if len(body) > MAX_SITEMAP_BYTES:
            raise SitemapError(f"larger than {MAX_SITEMAP_BYTES:,} bytes")
        return body
    inflater = zlib.decompressobj(wbits=31)
    try:
        data = inflater.decompress(body, MAX_SITEMAP_BYTES + 1)
    except zlib.error as error:
        raise SitemapError(f"not valid gzip ({error})") from None
    if len(data) > MAX_SITEMAP_BYTES or inflater.unconsumed_tail:
        raise SitemapError(f"larger than {MAX_SITEMAP_BYTES:,} bytes once inflated")
    if not inflater.eof:
        raise SitemapError("not valid gzip (the stream ends early)")
    return data


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1].lower()


def _child_text(element: Element, name: str) -> str | None:
    for child in element:
        if _local(child.tag) == name:
            return (child.text or "").strip() or None
    return None


#: Bytes fed to the XML parser at a time (so a bound stops reading early).
_CHUNK = 256 * 1024


def _sitemap_items(body: bytes) -> Iterator[tuple[str, str, str | None]]:
    """``(kind, loc, lastmod)`` of each entry: kind ``url`` (a page) or ``sitemap`` (an index
    entry). Raises ``SitemapError`` for what is not a sitemap; entries before an XML error
    are yielded first."""
    head = body[:1024].lstrip()
    if not head.startswith(b"<"):
        lines = body.decode("utf-8", errors="replace").splitlines()
        urls = [line.strip() for line in lines if line.strip().startswith(("http://", "https://"))]
        if not urls:
            raise SitemapError("neither XML nor a list of URLs")
        for url in urls:
            yield "url", url, None
        return
    if b"<!ENTITY" in body:
        raise SitemapError("declares XML entities; refused unread")
    parser: XMLPullParser[Element] = XMLPullParser(events=("start", "end"))
    root: str | None = None
    parent: Element | None = None
    try:
        for offset in range(0, len(body), _CHUNK):
            parser.feed(body[offset : offset + _CHUNK])
            for item in parser.read_events():
                event, element = cast(tuple[str, Element], item)
                name = _local(element.tag)
                if event == "start":
                    if root is None:
                        root = name
                        parent = element
                        if name not in ("urlset", "sitemapindex"):
                            raise SitemapError(f"not a sitemap (root element <{name[:50]}>)")
                    continue
                if name in ("url", "sitemap"):
                    loc = _child_text(element, "loc")
                    if loc:
                        kind = "sitemap" if root == "sitemapindex" else "url"
                        yield kind, loc, _child_text(element, "lastmod")
                    if parent is not None and len(parent) and parent[-1] is element:
                        parent.remove(element)  # keep memory flat on 50,000 entries
        parser.close()
    except ParseError as error:
        raise SitemapError(f"not valid XML ({error})") from None
    if root is None:
        raise SitemapError("empty")
