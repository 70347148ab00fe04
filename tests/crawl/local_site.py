"""PageRecords built from a folder of HTML files, as a crawl of it served would give them.

What a crawl reads from each page is read here with the project's ``Document``: the title,
meta description, H1s, canonical, robots meta, hreflang, same-site links and subresources,
JSON-LD types and the visible text. The folder's files answer 200; a same-site URL with no
file answers 404. ``/dir/`` is read as ``/dir/index.html`` (one URL per file). Breadth-first
from ``index.html``, so depth is the number of clicks. Templates: the first path segment and
``:page`` under it (``/reference/:page``), or the path itself at the root.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections import deque
from pathlib import Path
from urllib.parse import urldefrag, urljoin, urlsplit

from aura.audit.artifacts import Document
from aura.crawl.records import PageRecord, SitemapEntry
from aura.crawl.rules import SiteRules

ORIGIN = "https://site.test"
SITES = Path(__file__).resolve().parents[2] / ".." / "shared" / "sites-multi"


def simhash(text: str) -> int:
    """A 64-bit SimHash of the text's word 3-shingles."""
    words = re.findall(r"\w+", text.casefold())
    shingles = [" ".join(words[i : i + 3]) for i in range(max(1, len(words) - 2))]
    weights = [0] * 64
    for shingle in shingles:
        value = int.from_bytes(hashlib.blake2b(shingle.encode(), digest_size=8).digest(), "big")
        for bit in range(64):
            weights[bit] += 1 if value >> bit & 1 else -1
    return sum(1 << bit for bit in range(64) if weights[bit] > 0)


def _normalise(href: str, base: str) -> str | None:
    url = urldefrag(urljoin(base, href.strip())).url.split("?", 1)[0]
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or f"{parts.scheme}://{parts.netloc}" != ORIGIN:
        return None
    return url + "index.html" if url.endswith("/") else url


def _file(root: Path, url: str) -> Path | None:
    path = root / urlsplit(url).path.lstrip("/")
    return path if path.is_file() else None


def template(url: str) -> str:
    segments = [part for part in urlsplit(url).path.split("/") if part]
    return f"/{segments[0]}/:page" if len(segments) > 1 else "/" + "/".join(segments)


def _types(document: Document) -> tuple[str, ...]:
    found: list[str] = []
    for node in document.css('script[type="application/ld+json"]'):
        try:
            data = json.loads(node.text() or "null")
        except ValueError:
            continue
        for item in data if isinstance(data, list) else [data]:
            if isinstance(item, dict) and isinstance(item.get("@type"), str):
                found.append(item["@type"])
    return tuple(dict.fromkeys(found))


def page_record(
    root: Path, url: str, depth: int, found_on: str | None, source: str = "link"
) -> PageRecord:
    source = "start" if found_on is None and source == "link" else source
    path = _file(root, url)
    if path is None:
        return PageRecord(url=url, depth=depth, source=source, found_on=found_on, status=404)
    if path.suffix != ".html":
        return PageRecord(
            url=url,
            depth=depth,
            source=source,
            found_on=found_on,
            status=200,
            content_type="application/octet-stream",
            bytes=path.stat().st_size,
        )
    document = Document(url, path.read_text(encoding="utf-8", errors="replace"))
    title = document.first("title")
    robots = (document.meta("robots") or "").lower()
    canonical = document.first('link[rel="canonical"]')
    links: list[str] = []
    placeholders = 0
    for node in document.css("a[href]"):
        href = (node.attributes.get("href") or "").strip()
        if href in ("", "#", "#!") or href.startswith("javascript:"):
            placeholders += 1
            continue
        target = _normalise(href, url)
        if target is not None and target not in links:
            links.append(target)
    resources: list[str] = []
    for selector, attribute in (
        ("img[src]", "src"),
        ("script[src]", "src"),
        ('link[rel~="stylesheet"]', "href"),
        ('link[rel~="icon"]', "href"),
        ('link[rel="manifest"]', "href"),
    ):
        for node in document.css(selector):
            target = _normalise(node.attributes.get(attribute) or "", url)
            if target is not None and target not in resources:
                resources.append(target)
    text = document.visible_text
    return PageRecord(
        url=url,
        depth=depth,
        source=source,
        found_on=found_on,
        final_url=url,
        status=200,
        content_type="text/html",
        bytes=path.stat().st_size,
        title=title.text().strip() if title is not None else None,
        description=document.meta("description"),
        h1=tuple(node.text().strip() for node in document.css("h1")),
        canonical=_normalise(canonical.attributes.get("href") or "", url) if canonical else None,
        noindex="noindex" in robots,
        nofollow="nofollow" in robots,
        hreflang=tuple(
            (
                node.attributes.get("hreflang") or "",
                _normalise(node.attributes.get("href") or "", url) or "",
            )
            for node in document.css('link[rel="alternate"][hreflang]')
        ),
        links=tuple(links),
        placeholder_links=placeholders,
        resources=tuple(resources),
        words=len(text.split()),
        simhash=simhash(text),
        structured_types=_types(document),
        template=template(url),
    )


def crawl_folder(root: Path) -> tuple[list[PageRecord], SiteRules, str]:
    """Every page reachable by links from ``index.html``, the subresources they use (fetched
    to check them), then the pages only the folder's ``sitemap.xml`` lists (which is also the
    site's rules)."""
    start = f"{ORIGIN}/index.html"
    records: dict[str, PageRecord] = {}
    queue: deque[tuple[str, int, str | None]] = deque([(start, 0, None)])
    seen = {start}
    while queue:
        url, depth, found_on = queue.popleft()
        record = records[url] = page_record(root, url, depth, found_on)
        for target in record.links:
            if target not in seen:
                seen.add(target)
                queue.append((target, depth + 1, url))
    used = sorted({r for record in records.values() for r in record.resources} - set(records))
    for url in used:
        records[url] = page_record(root, url, 1, start)
    entries: tuple[SitemapEntry, ...] = ()
    sitemap = root / "sitemap.xml"
    sitemaps: tuple[tuple[str, int | None, str | None], ...] = ()
    if sitemap.is_file():
        locations = re.findall(r"<loc>\s*([^<]+?)\s*</loc>", sitemap.read_text(encoding="utf-8"))
        entries = tuple(
            SitemapEntry(url=url, sitemap=f"{ORIGIN}/sitemap.xml")
            for loc in locations
            if (url := _normalise(loc, ORIGIN + "/")) is not None
        )
        sitemaps = ((f"{ORIGIN}/sitemap.xml", 200, None),)
    # Sitemap URLs join the crawl after the linked pages, as the crawler's frontier has them.
    for entry in entries:
        if entry.url not in records:
            records[entry.url] = page_record(root, entry.url, 0, None, "sitemap")
    rules = SiteRules(
        robots_url=f"{ORIGIN}/robots.txt", robots_status=404, sitemaps=sitemaps, entries=entries
    )
    return list(records.values()), rules, start
