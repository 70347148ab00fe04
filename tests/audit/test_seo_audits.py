from __future__ import annotations

import pytest

from aura.audit.artifacts import Document, RobotsTxt, Sitemap
from aura.audit.gatherers.sitemap import classify, relative_locations
from tests.audit.audit_builders import PAGE, document, exchange, run


def test_document_title() -> None:
    assert run("document-title", document(head="<title>Acme widgets for teams</title>")).score == 1
    assert run("document-title", document()).score == 0
    # A long title is a search matter only: the page still has a title (WCAG 2.4.2).
    long_title = document(head="<title>" + "x" * 90 + "</title>")
    assert run("document-title", long_title).score == 1
    assert run("title-length", long_title).score == 0.5
    assert run("title-length", document(head="<title>Acme widgets for teams</title>")).score == 1
    assert run("title-length", document()).not_applicable


def test_meta_description() -> None:
    good = '<meta name="description" content="' + "Widgets for every team, " * 3 + '">'
    assert run("meta-description", document(head=good)).score == 1
    assert run("meta-description", document()).score == 0
    assert (
        run("meta-description", document(head='<meta name="description" content=" ">')).score == 0
    )


def test_http_status_code() -> None:
    assert run("http-status-code", exchange(status=200)).score == 1
    assert run("http-status-code", exchange(status=203)).score == 1
    assert run("http-status-code", exchange(status=302)).score == 0


def test_crawlability() -> None:
    assert run("crawlability").score == 1
    noindex = document(head='<meta name="robots" content="noindex, follow">')
    assert run("crawlability", noindex).score == 0
    header = run("crawlability", exchange({"X-Robots-Tag": "noindex"}))
    assert header.details["blockers"][0]["source"] == "X-Robots-Tag header"
    blocked = RobotsTxt(PAGE + "robots.txt", 200, "User-agent: *\nDisallow: /\n")
    assert run("crawlability", blocked).score == 0


def test_robots_txt() -> None:
    assert run("robots-txt", RobotsTxt(PAGE + "robots.txt", 404)).score == 1
    valid = RobotsTxt(PAGE + "robots.txt", 200, "User-agent: *\nDisallow: /admin\n")
    assert run("robots-txt", valid).score == 1
    broken = RobotsTxt(PAGE + "robots.txt", 200, "Disallow: /x\nthis is not robots\n")
    result = run("robots-txt", broken)
    assert result.score == 0
    assert len(result.details["errors"]) == 2
    assert run("robots-txt", RobotsTxt(PAGE + "robots.txt", 503)).score == 0
    assert run("robots-txt", RobotsTxt(PAGE + "robots.txt", None, error="refused")).not_applicable


def test_sitemap() -> None:
    found = Sitemap((PAGE + "sitemap.xml",), PAGE + "sitemap.xml", 200, "urlset", 3)
    assert run("sitemap", found).score == 1
    assert run("sitemap", Sitemap((PAGE + "sitemap.xml",))).score == 0


def test_a_sitemap_of_relative_locations_fails() -> None:
    # pkgdown's sitemap.xml (tidytable): <loc>/index.html</loc>, which the protocol refuses.
    body = (
        b"<urlset xmlns = 'http://www.sitemaps.org/schemas/sitemap/0.9'>"
        b"<url><loc>/index.html</loc></url><url><loc> /news/index.html </loc></url>"
        b"<url><loc>https://example.com/a</loc></url></urlset>"
    )
    assert classify(body) == ("urlset", 3)
    assert relative_locations(body) == ["/index.html", "/news/index.html"]
    assert relative_locations(b"<urlset><url><loc><![CDATA[https://e.com/]]></loc></url>") == []
    found = Sitemap(
        (PAGE + "sitemap.xml",),
        PAGE + "sitemap.xml",
        200,
        "urlset",
        3,
        relative_entries=2,
        relative_example="/index.html",
    )
    result = run("sitemap", found)
    assert result.score == 0
    assert result.display_value == "2 of 3 entries are not full URLs"


def test_canonical() -> None:
    ok = document(head='<link rel="canonical" href="https://example.com/page">')
    assert run("canonical", ok).score == 1
    assert run("canonical", document(head='<link rel="canonical" href="/page">')).score == 0
    other = document(head='<link rel="canonical" href="https://other.org/">')
    assert run("canonical", other).score == 0
    assert run("canonical", document()).not_applicable


def test_hreflang() -> None:
    ok = '<link rel="alternate" hreflang="de-AT" href="https://example.com/de">'
    bad = '<link rel="alternate" hreflang="german" href="https://example.com/de">'
    assert run("hreflang", document(head=ok)).score == 1
    assert run("hreflang", document(head=bad)).score == 0
    assert run("hreflang", document()).not_applicable


def test_link_text() -> None:
    assert run("link-text", document('<a href="/pricing">See pricing</a>')).score == 1
    assert run("link-text", document('<a href="/x">Click here</a>')).score == 0
    assert run("link-text", document("<p>no links</p>")).not_applicable


def test_crawlable_anchors() -> None:
    assert run("crawlable-anchors", document('<a href="/a">A</a>')).score == 1
    assert run("crawlable-anchors", document('<a href="javascript:void(0)">A</a>')).score == 0.0
    assert run("crawlable-anchors", document("<p>none</p>")).not_applicable


@pytest.mark.parametrize(
    "anchor",
    [
        "<a>Menu</a>",
        '<a href="javascript:void(0)">Void</a>',
        '<a href="file:///C:/site/index.html">Local</a>',
        '<a onclick="go()">Click</a>',
    ],
)
def test_anchors_crawlers_cannot_follow_fail(anchor: str) -> None:
    result = run("crawlable-anchors", document('<a href="/a">A</a>' + anchor))
    assert result.score == 0
    assert len(result.details["items"]) == 1


@pytest.mark.parametrize(
    "anchor",
    [
        '<a href="#">Top</a>',
        '<a href="mailto:hi@example.com">Mail</a>',
        '<a id="section-2"></a>',
        '<a name="top"></a>',
        '<a role="button">Open</a>',
    ],
)
def test_anchors_lighthouse_leaves_alone_pass(anchor: str) -> None:
    assert run("crawlable-anchors", document('<a href="/a">A</a>' + anchor)).score == 1


def test_doctype() -> None:
    assert run("doctype", document("<p>x</p>")).score == 1
    assert run("doctype", Document(PAGE, "<html><body>No doctype</body></html>")).score == 0
    xhtml = (
        '<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Transitional//EN" '
        '"http://www.w3.org/TR/xhtml1/DTD/xhtml1-transitional.dtd"><html></html>'
    )
    assert run("doctype", Document(PAGE, xhtml)).score == 0
    legacy = '<!-- built --><!DOCTYPE html SYSTEM "about:legacy-compat"><html></html>'
    assert run("doctype", Document(PAGE, legacy)).score == 1


def test_charset_declared_late_or_not_at_all_fails() -> None:
    early = document(head='<meta charset="utf-8"><title>T</title>')
    assert run("charset", early).score == 1
    assert run("charset", exchange({"Content-Type": "text/html; charset=utf-8"})).score == 1
    late = document(head="<!-- " + "x" * 1100 + ' --><meta charset="utf-8">')
    result = run("charset", late)
    assert result.score == 0
    assert result.details["position"] > 1024
    assert run("charset", document()).score == 0


def test_heading_structure() -> None:
    assert run("heading-structure", document("<h1>A</h1><h2>B</h2><h3>C</h3>")).score == 1
    assert run("heading-structure", document("<h2>B</h2>")).score == 0
    assert run("heading-structure", document("<h1>A</h1><h1>B</h1>")).score == 0.5


def test_structured_data_json_ld_and_microdata() -> None:
    ld = '<script type="application/ld+json">{"@type": "Organization", "name": "Acme"}</script>'
    result = run("structured-data", document(head=ld))
    assert result.score == 1
    assert result.facts["structured_data_types"] == ["Organization"]
    micro = document(
        '<div itemscope itemtype="https://schema.org/Product"><span itemprop="name">W</span></div>'
    )
    assert run("structured-data", micro).details["types"] == ["Product"]
    nested = document(
        '<div itemscope itemtype="https://schema.org/Product"><span itemprop="name">W</span>'
        '<div itemprop="offers" itemscope itemtype="https://schema.org/Offer">'
        '<span itemprop="price">9</span></div></div>'
        '<p itemscope itemtype="http://schema.org/Person http://schema.org/Author"></p>'
    )
    details = run("structured-data", nested).details
    # The offer is a property of the product, not an item of its own.
    assert details["types"] == ["Product", "Person", "Author"]
    assert details["formats"] == ["microdata"]
    assert run("structured-data", document()).score == 0
    broken = '<script type="application/ld+json">{"@type": </script>'
    assert run("structured-data", document(head=broken)).details["errors"]


def json_ld(data: str) -> str:
    return f'<script type="application/ld+json">{data}</script>'


@pytest.mark.parametrize(
    ("data", "problem"),
    [
        (
            '{"@type": "Product", "name": "Widget"}',
            "Product lacks offers or review or aggregateRating",
        ),
        (
            '{"@type": "Article", "author": {"@type": "Person", "name": "A"}}',
            "Article lacks headline",
        ),
        (
            '{"@graph": [{"@type": "Organization", "url": "https://a.example"}]}',
            "Organization lacks name",
        ),
        (
            '{"@type": "BreadcrumbList", '
            '"itemListElement": [{"@type": "ListItem", "name": "Home"}]}',
            "BreadcrumbList item 1 lacks position",
        ),
    ],
)
def test_structured_data_missing_required_properties_fails(data: str, problem: str) -> None:
    result = run("structured-data", document(head=json_ld(data)))
    assert result.score is not None
    assert result.score < 0.9
    assert problem in result.details["missing_properties"]


def test_complete_structured_data_passes() -> None:
    data = (
        '{"@context": "https://schema.org", "@type": "Product", "name": "Widget", '
        '"offers": {"@type": "Offer", "price": "9.00", "priceCurrency": "EUR"}}'
    )
    result = run("structured-data", document(head=json_ld(data)))
    assert result.score == 1
    assert result.details["missing_properties"] == []


def test_social_tags() -> None:
    tags = "".join(
        f'<meta property="og:{key}" content="v">' for key in ("title", "type", "image", "url")
    )
    card = '<meta name="twitter:card" content="summary">'
    described = '<meta property="og:description" content="What we do">'
    full = run("social-tags", document(head=tags + described + card))
    assert full.score == 1
    assert full.display_value.startswith("Open Graph complete")
    assert run("social-tags", document()).score == 0


def test_an_empty_open_graph_description_is_not_complete() -> None:
    tags = "".join(
        f'<meta property="og:{key}" content="v">' for key in ("title", "type", "image", "url")
    )
    empty = '<meta property="og:description" content=" ">'
    result = run("social-tags", document(head=tags + empty))
    assert "complete" not in result.display_value
    assert "empty og:description" in result.display_value
    assert result.details["empty"] == ["og:description"]
    assert result.score is not None
    assert result.score < 0.9


def test_viewport() -> None:
    ok = '<meta name="viewport" content="width=device-width, initial-scale=1">'
    assert run("viewport", document(head=ok)).score == 1
    assert run("viewport", document()).score == 0
