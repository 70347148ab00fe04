"""Crawling the real multi-page sites of ../shared/sites-multi, served on loopback.

The facts asserted were checked by reading the sites' files (links grepped from the HTML,
files counted); each assertion says which.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from aura.audit.fetch import Fetcher
from aura.crawl.page import crawl_page, hamming
from aura.crawl.records import CrawlOptions, PageRecord
from aura.crawl.rules import site_rules
from tests.crawl.support import LIMITS, LOOPBACK, crawl
from tests.support.servers import SHARED_MULTI_SITES, serve_directory

OPTIONS = CrawlOptions(max_pages=500, max_depth=10)


def site(name: str) -> Path:
    folder = SHARED_MULTI_SITES / name
    if not folder.is_dir():
        pytest.skip(f"the shared multi-page sites are not at {SHARED_MULTI_SITES}")
    return folder


def files_of(records: dict[str, PageRecord], base: str) -> set[str]:
    """The files behind the records (``/`` is index.html, as the server serves it)."""
    found = set()
    for record in records.values():
        path = (record.final_url or record.url).removeprefix(base)
        found.add("/index.html" if path == "/" else path)
    return found


async def test_clean_blog() -> None:
    with serve_directory(site("02-sb-clean-blog")) as base:
        records = await crawl(base + "/", OPTIONS)
        async with Fetcher(LIMITS, LOOPBACK) as fetcher:
            about = await crawl_page(base + "/about.html", 1, fetcher)
    # Four pages (manifest: reachable_pages_from_root 4): / and /index.html are one file.
    assert files_of(records, base) == {"/index.html", "/about.html", "/post.html", "/contact.html"}
    assert all(record.ok for record in records.values())
    # about.html links to index.html, about.html, post.html and contact.html (grep of its
    # <a href>), and its three social icons are href="#!".
    assert set(about.links) == {
        base + "/index.html",
        base + "/about.html",
        base + "/post.html",
        base + "/contact.html",
    }
    assert about.placeholder_links == 3
    # Every page has the same <title> and one <h1> (grep of the four files).
    assert {record.title for record in records.values()} == {"Clean Blog - Start Bootstrap Theme"}
    assert all(len(record.h1) == 1 for record in records.values())
    # The stylesheet and script are local files.
    assert base + "/css/styles.css" in about.resources
    assert base + "/js/scripts.js" in about.resources


async def test_modern_business() -> None:
    with serve_directory(site("01-sb-modern-business")) as base:
        records = await crawl(base + "/", OPTIONS)
    # Nine pages (manifest: reachable_pages_from_root 9, no broken internal links).
    assert len(files_of(records, base)) == 9
    assert all(record.ok for record in records.values())
    home = records[base + "/"]
    # index.html links to the nine pages (itself included) and has 7 "#!" and 2 "#"
    # placeholders; "#features" is an anchor on the page, not a link to another.
    assert len(home.links) == 9
    assert home.placeholder_links == 9
    assert home.depth == 0
    assert home.source == "start"
    # Every page other than the start is one click away.
    assert {record.depth for url, record in records.items() if url != base + "/"} == {1}
    # All nine are top-level files (about.html, blog-home.html, …): each is its own template.
    templates = {url: record.template for url, record in records.items()}
    assert templates[base + "/blog-post.html"] == "/blog-post.html"
    assert len(set(templates.values())) == len(records)


async def test_pkgdown_site_pages_sitemap_and_templates() -> None:
    with serve_directory(site("03-pkgdown-tidytable")) as base:
        records = await crawl(base + "/index.html", OPTIONS)
        async with Fetcher(LIMITS, LOOPBACK) as fetcher:
            rules = await site_rules(base + "/", fetcher, OPTIONS)
    # 85 pages are reachable from the home page (manifest), no link broken.
    assert len(files_of(records, base)) == 85
    assert all(record.ok for record in records.values())
    # No robots.txt; sitemap.xml lists 218 <loc>s, relative ones (/404.html, …), read
    # against the sitemap's URL.
    assert rules.robots_status == 404
    assert rules.sitemaps == ((base + "/sitemap.xml", 200, None),)
    assert len(rules.entries) == 218
    assert rules.entries[0].url == base + "/404.html"
    # The reference pages group under one template as the crawl gives it to each page (its
    # index stays itself); the top-level pages stay themselves.
    templates = {url: record.template for url, record in records.items()}
    assert templates[base + "/reference/pick.html"] == "/reference/:slug"
    assert templates[base + "/reference/index.html"] == "/reference/index.html"
    assert templates[base + "/authors.html"] == "/authors.html"
    # reference/ holds 210 HTML files; following the <a href>s of the files from index.html
    # reaches 79 of them, reference/index.html among them: 78 reference pages.
    reference = [url for url, t in templates.items() if t == "/reference/:slug"]
    assert len(reference) == 78


async def test_pkgdown_near_duplicates_by_simhash() -> None:
    pages = ("across..html", "across.html", "mutate.html")
    with serve_directory(site("03-pkgdown-tidytable")) as base:
        async with Fetcher(LIMITS, LOOPBACK) as fetcher:
            records = [
                await crawl_page(f"{base}/reference/{page}", 1, fetcher, audits=())
                for page in pages
            ]
    old, new, other = (record.simhash for record in records)
    assert old is not None
    assert new is not None
    assert other is not None
    # across..html and across.html are two pkgdown builds of one page: `diff` shows only
    # the <head>, the version label and blank lines differ; the text is the same.
    assert hamming(old, new) <= 3
    # mutate.html documents another function: far apart.
    assert hamming(new, other) >= 16
