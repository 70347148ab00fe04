"""One page of a crawl against generated sites on loopback: what its record says."""

from __future__ import annotations

from aura.audit.artifacts import Document
from aura.audit.fetch import Fetcher
from aura.crawl.page import (
    DOCUMENT_AUDITS,
    _links,
    _resources,
    _SameSite,
    crawl_page,
    hamming,
    simhash,
)
from aura.crawl.records import CrawlOptions, PageRecord
from aura.crawl.urls import MAX_QUERY_VARIANTS
from tests.crawl.support import LIMITS, LOOPBACK, Reply, crawl, html, serve_app

ARTICLE = (
    "The quick brown fox jumps over the lazy dog while the farmer watches from the porch "
    "and wonders whether the fence will hold through another long and windy winter night"
)


async def fetch_record(url: str) -> PageRecord:
    async with Fetcher(LIMITS, LOOPBACK) as fetcher:
        return await crawl_page(url, 1, fetcher, found_on="https://elsewhere/")


def full_page(base: str) -> Reply:
    head = (
        "<title>  Widgets  for sale </title>"
        '<meta name="description" content="All our widgets">'
        '<link rel="canonical" href="/widgets?utm_source=x">'
        '<link rel="alternate" hreflang="de" href="/de/widgets">'
        '<link rel="alternate" hreflang="x-default" href="/widgets">'
        '<link rel="stylesheet" href="/site.css">'
        '<link rel="stylesheet" href="http://cdn.example.net/old.css">'
        '<script src="/app.js"></script>'
        '<script type="application/ld+json">{"@context":"https://schema.org",'
        '"@type":"Product","name":"W"}</script>'
    )
    body = (
        "<h1>Widgets</h1><h1>More widgets</h1>"
        f"<main><p>{ARTICLE}</p></main>"
        '<nav><a href="/a">a</a> <a href="/a#part">a again</a> <a href="b?utm_medium=m">b</a>'
        '<a href="/private" rel="nofollow">private</a>'
        f'<a href="{base.replace("127.0.0.1", "localhost")}/x">another host</a>'
        '<a href="https://other.example.org/">other site</a>'
        '<a href="#">nowhere</a><a href="#!">nowhere</a><a href="">here</a>'
        '<a href="javascript:void(0)">script</a><a href="#section">anchor</a>'
        '<a href="mailto:a@b.c">mail</a></nav>'
        '<img src="/img/w.png" srcset="/img/w-2x.png 2x, /img/w-3x.png 3x" alt="w">'
        '<img src="https://other.example.org/pixel.gif" alt="">'
    )
    return html(body, head)


async def test_the_record_of_an_html_page() -> None:
    def app(path: str, _query: dict[str, list[str]]) -> Reply | None:
        if path == "/widgets":
            reply = full_page(served.base)
            reply.headers["X-Robots-Tag"] = "otherbot: noindex, nofollow"
            return reply
        return None

    with serve_app(app) as served:
        record = await fetch_record(served.url("/widgets"))
    base = served.base
    assert record.ok
    assert record.status == 200
    assert record.error is None
    assert record.depth == 1
    assert record.found_on == "https://elsewhere/"
    assert record.final_url == base + "/widgets"
    assert record.content_type == "text/html"
    assert record.bytes > 1000
    assert record.title == "Widgets for sale"
    assert record.description == "All our widgets"
    assert record.h1 == ("Widgets", "More widgets")
    assert record.canonical == base + "/widgets"  # absolute, tracking parameter gone
    assert record.hreflang == (("de", base + "/de/widgets"), ("x-default", base + "/widgets"))
    # The header names another crawler: not Aura's directives.
    assert not record.noindex
    assert not record.nofollow
    # Same-site links in order, once each; localhost is another host.
    assert record.links == (base + "/a", base + "/b", base + "/private")
    assert record.nofollow_links == (base + "/private",)
    assert record.external_links == 2
    assert record.placeholder_links == 4  # "#", "#!", "", javascript:
    resources = ("/app.js", "/img/w-2x.png", "/img/w-3x.png", "/img/w.png", "/site.css")
    assert sorted(record.resources) == [base + path for path in resources]
    assert record.mixed_content == ()  # an http: page cannot have mixed content
    # The main text: the article and the headings, not the navigation.
    assert record.words == len(ARTICLE.split()) + 3
    assert record.simhash is not None
    assert record.structured_types == ("Product",)
    # The document-only audits ran: every category they cover has a score.
    assert set(record.scores) >= {"seo", "accessibility", "content", "security"}
    # Design and performance are mostly read from stylesheets, transfers and timings: the
    # document-only audits (logo and viewport; 35 % of performance) cannot stand for them.
    assert "design" not in record.scores
    assert "performance" not in record.scores
    assert all(score is None or 0 <= score <= 100 for score in record.scores.values())
    assert "is-on-https" in record.failing  # served over http
    assert "document-title" not in record.failing
    assert PageRecord.from_json(record.as_json()) == record


async def test_robots_meta_and_header_directives() -> None:
    def app(path: str, _query: dict[str, list[str]]) -> Reply | None:
        if path == "/meta":
            return html("<p>x</p>", '<meta name="robots" content="NOINDEX, follow">')
        if path == "/header":
            reply = html("<p>x</p>")
            reply.headers["X-Robots-Tag"] = "none"
            return reply
        if path == "/aura":
            return html("<p>x</p>", '<meta name="aura" content="nofollow">')
        return None

    with serve_app(app) as served:
        meta = await fetch_record(served.url("/meta"))
        header = await fetch_record(served.url("/header"))
        aura = await fetch_record(served.url("/aura"))
    assert (meta.noindex, meta.nofollow) == (True, False)
    assert (header.noindex, header.nofollow) == (True, True)
    assert (aura.noindex, aura.nofollow) == (False, True)


async def test_redirect_chains_loops_and_non_pages() -> None:
    def app(path: str, _query: dict[str, list[str]]) -> Reply | None:
        base = served.base
        moves = {"/old": ("/older", 301), "/older": ("/new", 302), "/loop-a": ("/loop-b", 301)}
        moves["/loop-b"] = ("/loop-a", 301)
        if path in moves:
            target, status = moves[path]
            return Reply(status=status, headers={"Location": base + target})
        if path == "/new":
            return html("<p>new</p>")
        if path == "/report.pdf":
            headers = {"Content-Type": "application/pdf", "X-Robots-Tag": "noindex"}
            return Reply(body=b"%PDF-1.4", headers=headers)
        if path == "/broken":
            return Reply(status=500, body=b"<p>error</p>")
        return None

    with serve_app(app) as served:
        moved = await fetch_record(served.url("/old"))
        loop = await fetch_record(served.url("/loop-a"))
        pdf = await fetch_record(served.url("/report.pdf"))
        missing = await fetch_record(served.url("/gone"))
        broken = await fetch_record(served.url("/broken"))
    base = served.base
    assert moved.redirects == ((base + "/old", 301), (base + "/older", 302))
    assert moved.final_url == base + "/new"
    assert moved.status == 200
    assert moved.words == 1
    assert loop.status is None
    assert loop.error is not None
    assert "redirect loop" in loop.error
    assert not loop.ok
    # Not pages: status and type recorded, nothing parsed, no audits.
    assert (pdf.status, pdf.content_type, pdf.bytes) == (200, "application/pdf", 8)
    assert not pdf.is_html
    assert pdf.title is None
    assert pdf.scores == {}
    assert pdf.noindex  # from its X-Robots-Tag header
    assert not pdf.nofollow
    assert missing.status == 404
    assert missing.links == ()
    assert missing.scores == {}
    assert broken.status == 500
    assert not broken.ok


async def test_unreachable_page_is_a_record_with_the_error() -> None:
    with serve_app(lambda _path, _query: None) as served:
        url = served.url("/")
    record = await fetch_record(url)  # the server is gone
    assert record.status is None
    assert record.error
    assert "connect" in record.error


async def test_mixed_content_on_an_https_page_is_read_from_the_html() -> None:
    # The loopback servers speak http only: an https page is read by the record's helper.
    document = Document(
        url="https://ex.com/p",
        html='<img src="http://ex.com/a.png"><script src="https://ex.com/b.js"></script>'
        '<link rel="stylesheet" href="http://cdn.ex.net/c.css">',
    )
    resources, mixed, elsewhere = _resources(document, _SameSite(document.url, False), document.url)
    assert mixed == ("http://ex.com/a.png", "http://cdn.ex.net/c.css")
    assert resources == ("http://ex.com/a.png", "https://ex.com/b.js")
    assert elsewhere == ("http://cdn.ex.net/c.css",)


def test_icons_and_the_manifest_are_resources() -> None:
    # tidytable's pages (../shared/sites-multi/03-pkgdown-tidytable/index.html) link these
    # three, absent from the folder: each is a failed request on every page view.
    document = Document(
        url="https://ex.com/p",
        html='<link rel="icon" type="image/png" sizes="48x48" href="favicon-48x48.png">'
        '<link rel="icon" type="image/svg+xml" href="favicon.svg">'
        '<link rel="apple-touch-icon" href="apple-touch-icon.png">'
        '<link rel="shortcut icon" href="/favicon.ico">'
        '<link rel="manifest" href="site.webmanifest">'
        '<link rel="preconnect" href="https://ex.com/">'
        '<link rel="alternate" type="application/rss+xml" href="/feed.xml">',
    )
    resources, _, _ = _resources(document, _SameSite(document.url, False), document.url)
    assert resources == tuple(
        "https://ex.com/" + name
        for name in (
            "favicon-48x48.png",
            "favicon.svg",
            "apple-touch-icon.png",
            "favicon.ico",
            "site.webmanifest",
        )
    )


OTHER = "a completely different text about shipping containers and harbour cranes"


def test_simhash_near_duplicates_are_close_and_others_far() -> None:
    words = ARTICLE.lower().split() * 4
    changed = list(words)
    changed[10] = "cat"
    other = OTHER.split()
    first, second, third = simhash(words), simhash(changed), simhash(other * 5)
    assert first is not None
    assert second is not None
    assert third is not None
    assert hamming(first, second) <= 10
    assert hamming(first, third) > 15
    assert simhash([]) is None
    assert 0 <= first < 2**64


def test_document_audits_need_nothing_but_the_page() -> None:
    ids = {audit.id for audit in DOCUMENT_AUDITS}
    assert {"document-title", "meta-description", "canonical", "image-alt"} <= ids
    # Audits that fetch more (robots.txt, sitemaps, resources) are not among them.
    assert not ids & {"robots-txt", "sitemap", "total-byte-weight"}


async def test_canonical_to_a_404_is_seen_by_crawling_its_target() -> None:
    def app(path: str, _query: dict[str, list[str]]) -> Reply | None:
        if path == "/page":
            return html('<a href="/gone">gone</a>', '<link rel="canonical" href="/gone">')
        return None

    with serve_app(app) as served:
        records = await crawl(served.url("/page"), CrawlOptions(max_pages=10))
    page = records[served.url("/page")]
    assert page.canonical == served.url("/gone")
    assert records[served.url("/gone")].status == 404


async def test_a_calendar_trap_is_bounded() -> None:
    # Every month links to the next one, without end, and to itself with another view.
    def app(path: str, query: dict[str, list[str]]) -> Reply | None:
        if path == "/calendar":
            month = int(query.get("month", ["0"])[0])
            links = f'<a href="/calendar?month={month + 1}">next</a>'
            links += f'<a href="/calendar/{month}/day/1">day</a>'
            return html(links)
        if path.startswith("/calendar/"):
            # Relative links that nest one level deeper on every page.
            return html('<a href="day/1">next day</a>')
        return None

    with serve_app(app) as served:
        records = await crawl(served.url("/calendar"), CrawlOptions(max_pages=500, max_depth=500))
    months = [url for url in records if "?month=" in url]
    assert len(months) == MAX_QUERY_VARIANTS
    nested = [url for url in records if "/day/" in url]
    # /calendar/N/day/1, …/day/day/1, …/day/day/day/1: a fourth "day" is refused.
    assert max(url.count("/day") for url in nested) == 3
    assert len(records) < 500


async def test_a_hostile_page_is_refused_before_parsing() -> None:
    attributes = " ".join(f"a{n}=1" for n in range(3000))

    def app(path: str, _query: dict[str, list[str]]) -> Reply | None:
        return html(f"<div {attributes}>x</div>") if path == "/" else None

    with serve_app(app) as served:
        record = await fetch_record(served.url("/"))
    assert record.status == 200
    assert record.error is not None
    assert record.error.endswith("such a page is not read")
    assert record.scores == {}


def test_site_links_with_and_without_subdomains() -> None:
    document = Document(
        url="https://www.ex.co.uk/",
        html='<a href="https://ex.co.uk/a">a</a><a href="https://blog.ex.co.uk/b">b</a>'
        '<a href="https://other.co.uk/c">c</a><a href="//www.ex.co.uk/d">d</a>',
    )
    own = _links(document, _SameSite(document.url, subdomains=False))
    assert tuple(own.links) == ("https://ex.co.uk/a", "https://www.ex.co.uk/d")
    assert own.external == 2
    wide = _links(document, _SameSite(document.url, subdomains=True))
    assert tuple(wide.links) == (
        "https://ex.co.uk/a",
        "https://blog.ex.co.uk/b",
        "https://www.ex.co.uk/d",
    )
    assert wide.external == 1
