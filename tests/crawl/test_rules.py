"""robots.txt and sitemaps of generated sites served on loopback."""

from __future__ import annotations

import gzip

import pytest

from aura.audit.fetch import Fetcher, FetchLimits
from aura.crawl import rules as rules_module
from aura.crawl.records import CrawlOptions
from aura.crawl.rules import SiteRules, site_rules
from tests.crawl.support import LIMITS, LOOPBACK, Reply, crawl, html, serve_app

OPTIONS = CrawlOptions(max_pages=100)
XML = {"Content-Type": "application/xml"}


def urlset(urls: list[str], lastmod: str | None = None) -> bytes:
    stamp = f"<lastmod>{lastmod}</lastmod>" if lastmod else ""
    items = "".join(f"<url><loc>{url}</loc>{stamp}</url>" for url in urls)
    return (
        '<?xml version="1.0" encoding="UTF-8"?>'
        f'<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">{items}</urlset>'
    ).encode()


def index(urls: list[str]) -> bytes:
    items = "".join(f"<sitemap><loc>{url}</loc></sitemap>" for url in urls)
    return (
        f'<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">{items}</sitemapindex>'
    ).encode()


async def rules_of(start: str, limits: FetchLimits = LIMITS) -> SiteRules:
    async with Fetcher(limits, LOOPBACK) as fetcher:
        return await site_rules(start, fetcher, OPTIONS)


async def test_robots_disallow_crawl_delay_and_a_gzip_sitemap_index() -> None:
    robots = (
        "User-agent: *\nDisallow: /private/\nCrawl-delay: 1.5\n\n"
        "User-agent: OtherBot\nDisallow: /\n\n"
        "Sitemap: /sitemap-index.xml\n"
    )
    served_pages: dict[str, Reply] = {}

    def app(path: str, _query: dict[str, list[str]]) -> Reply | None:
        base = served.base
        if path == "/robots.txt":
            return Reply(body=robots.encode(), headers={"Content-Type": "text/plain"})
        if path == "/sitemap-index.xml":
            return Reply(body=index([base + "/pages.xml.gz", base + "/posts.xml"]), headers=XML)
        if path == "/pages.xml.gz":
            body = gzip.compress(urlset([base + "/", base + "/about"], "2026-11-30"))
            return Reply(body=body, headers={"Content-Type": "application/octet-stream"})
        if path == "/posts.xml":
            return Reply(body=urlset([base + "/post/1", base + "/about"]), headers=XML)
        return served_pages.get(path)

    with serve_app(app) as served:
        rules = await rules_of(served.url("/"))
        base = served.base
    assert rules.robots_status == 200
    assert rules.crawl_delay == 1.5
    assert rules.allowed(base + "/about")
    assert not rules.allowed(base + "/private/report")
    # Every file read, with no error; the index first, then its sitemaps.
    assert rules.sitemaps == (
        (base + "/sitemap-index.xml", 200, None),
        (base + "/pages.xml.gz", 200, None),
        (base + "/posts.xml", 200, None),
    )
    # Each URL once (/about is in both), with the lastmod and the sitemap listing it.
    assert [(e.url, e.lastmod, e.sitemap) for e in rules.entries] == [
        (base + "/", "2026-11-30", base + "/pages.xml.gz"),
        (base + "/about", "2026-11-30", base + "/pages.xml.gz"),
        (base + "/post/1", None, base + "/posts.xml"),
    ]
    assert not rules.truncated


async def test_rules_survive_json_and_judge_alike_in_another_worker() -> None:
    rules = SiteRules(
        robots_url="https://ex.com/robots.txt",
        robots_status=200,
        robots_text="User-agent: Aura\nDisallow: /search\n\nUser-agent: *\nDisallow: /\n",
    )
    rebuilt = SiteRules.from_json(rules.as_json())
    assert rebuilt == rules
    # Aura's own group applies, not the catch-all one.
    assert rebuilt.allowed("https://ex.com/about")
    assert not rebuilt.allowed("https://ex.com/search?q=x")


def test_missing_robots_allows_all_and_an_unreadable_one_none() -> None:
    missing = SiteRules(robots_url="https://ex.com/robots.txt", robots_status=404)
    assert missing.allowed("https://ex.com/anything")
    failing = SiteRules(robots_url="https://ex.com/robots.txt", robots_status=503)
    assert not failing.allowed("https://ex.com/anything")
    unreachable = SiteRules(robots_url="https://ex.com/robots.txt", robots_status=None)
    assert not unreachable.allowed("https://ex.com/")


async def test_no_robots_falls_back_to_sitemap_xml() -> None:
    def app(path: str, _query: dict[str, list[str]]) -> Reply | None:
        if path == "/sitemap.xml":
            return Reply(body=urlset([served.base + "/a"]), headers=XML)
        return None

    with serve_app(app) as served:
        rules = await rules_of(served.url("/"))
    assert rules.robots_status == 404
    assert rules.robots_error is None
    assert rules.allowed(served.base + "/a")
    assert [entry.url for entry in rules.entries] == [served.base + "/a"]


async def test_a_server_error_on_robots_is_recorded() -> None:
    def app(path: str, _query: dict[str, list[str]]) -> Reply | None:
        return Reply(status=500, body=b"oops") if path == "/robots.txt" else None

    with serve_app(app) as served:
        rules = await rules_of(served.url("/"))
    assert rules.robots_status == 500
    assert rules.robots_error == "the server answered HTTP 500"
    assert not rules.allowed(served.base + "/")
    # /sitemap.xml answered 404: recorded, with nothing listed.
    assert rules.sitemaps == ((served.base + "/sitemap.xml", 404, "HTTP 404"),)


async def test_a_ten_thousand_url_sitemap_is_cut_at_the_bound(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(rules_module, "MAX_ENTRIES", 2500)

    def app(path: str, _query: dict[str, list[str]]) -> Reply | None:
        if path == "/sitemap.xml":
            urls = [f"{served.base}/item/{n}" for n in range(10_000)]
            return Reply(body=urlset(urls), headers=XML)
        return None

    with serve_app(app) as served:
        rules = await rules_of(served.url("/"), FetchLimits(user_agent="t", retries=0))
    assert len(rules.entries) == 2500
    assert rules.entries[-1].url == served.base + "/item/2499"
    assert rules.truncated


async def test_ten_thousand_urls_under_the_bound_are_all_kept() -> None:
    def app(path: str, _query: dict[str, list[str]]) -> Reply | None:
        if path == "/sitemap.xml":
            urls = [f"{served.base}/item/{n}" for n in range(10_000)]
            return Reply(body=gzip.compress(urlset(urls, "2026-01-01")), headers=XML)
        return None

    with serve_app(app) as served:
        rules = await rules_of(served.url("/"))
    assert len(rules.entries) == 10_000
    assert len({entry.url for entry in rules.entries}) == 10_000
    assert not rules.truncated


@pytest.mark.parametrize(
    ("body", "error"),
    [
        (b"<urlset><url><loc>/a</loc></url><url><loc>", "not valid XML"),
        (b"<html><body>Not found</body></html>", "not a sitemap (root element <html>)"),
        (b"\x1f\x8b\x08\x00garbage", "not valid gzip"),
        (
            b'<?xml version="1.0"?><!DOCTYPE l [<!ENTITY a "aaaa"><!ENTITY b "&a;&a;">]>'
            b"<urlset><url><loc>&b;</loc></url></urlset>",
            "declares XML entities; refused unread",
        ),
        (b"just some words", "neither XML nor a list of URLs"),
    ],
)
async def test_a_broken_sitemap_is_recorded_never_raised(body: bytes, error: str) -> None:
    def app(path: str, _query: dict[str, list[str]]) -> Reply | None:
        return Reply(body=body, headers=XML) if path == "/sitemap.xml" else None

    with serve_app(app) as served:
        rules = await rules_of(served.url("/"))
    ((url, status, recorded),) = rules.sitemaps
    assert (url, status) == (served.base + "/sitemap.xml", 200)
    assert recorded is not None
    assert recorded.startswith(error)


async def test_entries_before_an_xml_error_are_kept() -> None:
    def app(path: str, _query: dict[str, list[str]]) -> Reply | None:
        body = b"<urlset><url><loc>/a</loc></url><url><loc>/b</loc></url><url><loc>"
        return Reply(body=body, headers=XML) if path == "/sitemap.xml" else None

    with serve_app(app) as served:
        rules = await rules_of(served.url("/"))
    # Relative locations (against the protocol, but pkgdown writes them) resolve.
    assert [entry.url for entry in rules.entries] == [served.base + "/a", served.base + "/b"]


async def test_a_text_sitemap_and_an_index_loop() -> None:
    def app(path: str, _query: dict[str, list[str]]) -> Reply | None:
        base = served.base
        if path == "/robots.txt":
            body = f"Sitemap: {base}/loop.xml\nSitemap: {base}/urls.txt\n".encode()
            return Reply(body=body, headers={"Content-Type": "text/plain"})
        if path == "/loop.xml":  # an index listing itself
            return Reply(body=index([base + "/loop.xml"]), headers=XML)
        if path == "/urls.txt":
            return Reply(body=f"{base}/one\n{base}/two\n".encode(), headers={})
        return html("<p>page</p>")

    with serve_app(app) as served:
        rules = await rules_of(served.url("/"))
        hits = list(served.hits)
    assert [entry.url for entry in rules.entries] == [served.base + "/one", served.base + "/two"]
    assert hits.count("/loop.xml") == 1


async def test_a_crawl_obeys_robots_txt() -> None:
    def app(path: str, _query: dict[str, list[str]]) -> Reply | None:
        if path == "/robots.txt":
            body = b"User-agent: *\nDisallow: /private/\n"
            return Reply(body=body, headers={"Content-Type": "text/plain"})
        if path == "/":
            return html('<a href="/private/secret">secret</a><a href="/public">public</a>')
        return html("<p>a page</p>")

    with serve_app(app) as served:
        rules = await rules_of(served.url("/"))
        records = await crawl(served.url("/"), CrawlOptions(max_pages=10), rules)
        hits = list(served.hits)
    assert sorted(records) == [served.url("/"), served.url("/public")]
    assert "/private/secret" not in hits


def test_the_delay_between_fetches() -> None:
    rules = SiteRules(robots_url="https://ex.com/robots.txt", robots_status=200, crawl_delay=2.0)
    assert rules.delay(CrawlOptions(delay_s=0.5)) == 2.0
    assert rules.delay(CrawlOptions(delay_s=5.0)) == 5.0
    unset = SiteRules(robots_url="https://ex.com/robots.txt", robots_status=404)
    assert unset.delay(CrawlOptions()) == 0.0
    greedy = SiteRules(robots_url="https://ex.com/robots.txt", robots_status=200, crawl_delay=3600)
    assert greedy.delay(CrawlOptions()) == rules_module.MAX_CRAWL_DELAY
