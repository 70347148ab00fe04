"""Site-level audits: each finding on hand-made records (where it holds and where it must
not), and on records read from the multi-page fixture sites."""

from __future__ import annotations

import json
from typing import Any

import pytest

from aura.crawl.records import PageRecord, SitemapEntry
from aura.crawl.rules import SiteRules
from aura.crawl.site import near_duplicate_groups, site_report
from tests.crawl.local_site import SITES, crawl_folder
from tests.support.records import html_page

SITE = "https://ex.test"


def page(path: str, **values: Any) -> PageRecord:
    defaults: dict[str, Any] = {
        "title": f"Title of {path}",
        "description": f"About {path}",
        "h1": (f"Heading {path}",),
        "words": 500,
        "simhash": hash(path) & 0xFFFFFFFFFFFFFFFF,
        "template": path,
    }
    return html_page(SITE, path, **{**defaults, **values})


def rules(*paths: str) -> SiteRules:
    return SiteRules(
        robots_url=SITE + "/robots.txt",
        entries=tuple(SitemapEntry(url=SITE + p, sitemap=SITE + "/sitemap.xml") for p in paths),
        sitemaps=((SITE + "/sitemap.xml", 200, None),),
    )


def finding(report: dict[str, Any], finding_id: str) -> dict[str, Any]:
    return next(f for f in report["findings"] if f["id"] == finding_id)


def test_a_link_to_a_404_is_broken_with_the_pages_linking_to_it() -> None:
    pages = [
        page("/", depth=0, source="start", links=(SITE + "/a", SITE + "/gone")),
        page("/a", links=(SITE + "/gone", SITE + "/")),
        page("/gone", status=404, title=None),
    ]
    report = site_report(pages, None, SITE + "/")
    broken = finding(report, "broken-internal-links")
    assert broken["count"] == 1
    assert broken["pages"][0]["url"] == SITE + "/gone"
    assert broken["pages"][0]["status"] == 404
    assert broken["pages"][0]["linked_from"] == [SITE + "/", SITE + "/a"]
    assert broken["total_pages_checked"] == 3
    assert report["figures"]["pages_failed"] == 1
    assert report["figures"]["by_status"] == {"2xx": 2, "4xx": 1}


def test_unfetched_and_healthy_targets_are_not_broken() -> None:
    pages = [
        page("/", depth=0, source="start", links=(SITE + "/a", SITE + "/never-fetched")),
        page("/a"),
        page("/down", status=None, error="connection refused"),
    ]
    broken = finding(site_report(pages, None, SITE + "/"), "broken-internal-links")
    assert broken["count"] == 0
    assert broken["unchecked"] == 1
    assert "not fetched" in broken["note"]


def test_a_fetch_error_is_broken() -> None:
    pages = [
        page("/", depth=0, source="start", links=(SITE + "/down",)),
        page("/down", status=None, error="connection refused"),
    ]
    broken = finding(site_report(pages, None, SITE + "/"), "broken-internal-links")
    assert broken["pages"][0]["error"] == "connection refused"


def test_resources_are_checked_only_when_fetched() -> None:
    unfetched = [page("/", depth=0, source="start", resources=(SITE + "/x.png",))]
    result = finding(site_report(unfetched, None, SITE + "/"), "broken-resources")
    assert result["applicable"] is False
    assert result["count"] is None
    assert "cannot tell" in result["note"]
    fetched = [
        *unfetched,
        page("/x.png", status=404, content_type="image/png"),
    ]
    report = site_report(fetched, None, SITE + "/")
    result = finding(report, "broken-resources")
    assert result["count"] == 1
    assert result["pages"][0]["linked_from"] == [SITE + "/"]
    # The image is not a page of the site.
    assert report["figures"]["pages_crawled"] == 1
    assert report["figures"]["resources_fetched"] == 1


def test_redirect_chains_loops_and_links_to_redirects() -> None:
    pages = [
        page("/", depth=0, source="start", links=(SITE + "/old", SITE + "/one-hop")),
        page(
            "/old",
            final_url=SITE + "/new",
            redirects=((SITE + "/old", 301), (SITE + "/older", 301)),
        ),
        page("/one-hop", final_url=SITE + "/a", redirects=((SITE + "/one-hop", 301),)),
        page(
            "/loop",
            final_url=SITE + "/loop",
            status=None,
            error="too many redirects",
            redirects=((SITE + "/loop", 302), (SITE + "/loop2", 302)),
        ),
    ]
    report = site_report(pages, None, SITE + "/")
    chains = finding(report, "redirect-chains")
    assert [item["url"] for item in chains["pages"]] == [SITE + "/old"]
    assert len(chains["pages"][0]["hops"]) == 2
    loops = finding(report, "redirect-loops")
    assert [item["url"] for item in loops["pages"]] == [SITE + "/loop"]
    linked = finding(report, "links-to-redirects")
    assert {item["url"] for item in linked["pages"]} == {SITE + "/old", SITE + "/one-hop"}
    assert linked["pages"][0]["linked_from"] == [SITE + "/"]


def test_canonical_targets() -> None:
    pages = [
        page("/", depth=0, source="start", canonical=SITE + "/"),
        page("/to-404", canonical=SITE + "/missing"),
        page("/missing", status=404),
        page("/to-redirect", canonical=SITE + "/moved"),
        page("/moved", final_url=SITE + "/b", redirects=((SITE + "/moved", 301),)),
        page("/to-noindex", canonical=SITE + "/hidden"),
        page("/hidden", noindex=True),
        page("/a", canonical=SITE + "/b"),
        page("/b", canonical=SITE + "/c"),
        page("/c", canonical=SITE + "/c"),
        page("/fine", canonical=SITE + "/c"),
        page("/unknown", canonical=SITE + "/not-crawled"),
    ]
    result = finding(site_report(pages, None, SITE + "/"), "canonical-targets")
    problems = {item["url"][len(SITE) :]: item["problem"] for item in result["pages"]}
    assert set(problems) == {"/to-404", "/to-redirect", "/to-noindex", "/a"}
    assert problems["/to-404"] == "fails (HTTP 404)"
    assert problems["/to-redirect"] == f"redirects to {SITE}/b"
    assert problems["/to-noindex"] == "is noindex"
    assert "points on to" in problems["/a"]
    assert result["unchecked"] == 1


def test_sitemap_urls_and_orphans() -> None:
    pages = [
        page("/", depth=0, source="start", links=(SITE + "/linked",)),
        page("/linked"),
        page("/orphan", source="sitemap", depth=0),
        page("/sm-404", source="sitemap", status=404),
        page("/sm-noindex", source="sitemap", noindex=True),
    ]
    report = site_report(
        pages, rules("/", "/linked", "/orphan", "/sm-404", "/sm-noindex", "/unfetched"), SITE + "/"
    )
    sitemap = finding(report, "sitemap-urls")
    assert {item["url"][len(SITE) :]: item["problem"] for item in sitemap["pages"]} == {
        "/sm-404": "fails (HTTP 404)",
        "/sm-noindex": "is noindex",
    }
    assert sitemap["unchecked"] == 1
    orphans = finding(report, "orphan-pages")
    assert {item["url"][len(SITE) :] for item in orphans["pages"]} == {
        "/orphan",
        "/sm-404",
        "/sm-noindex",
        "/unfetched",
    }
    assert report["figures"]["sitemap_urls"] == 6


def test_without_a_sitemap_orphans_and_sitemap_checks_are_not_applicable() -> None:
    pages = [page("/", depth=0, source="start")]
    for rules_given in (None, rules()):
        report = site_report(pages, rules_given, SITE + "/")
        for finding_id in ("orphan-pages", "sitemap-urls"):
            result = finding(report, finding_id)
            assert result["applicable"] is False
            assert result["count"] is None
            assert result["note"]
    assert site_report(pages, None, SITE + "/")["figures"]["sitemap_urls"] is None


def test_duplicate_and_missing_titles_descriptions_and_h1() -> None:
    pages = [
        page("/", depth=0, source="start", title="Acme"),
        page("/a", title="  acme ", description=None, h1=()),
        page("/b", title="Acme", description="Same"),
        page("/c", description="same"),
        page("/d", title=None),
        page("/hidden", title="Acme", noindex=True),
        page("/b?sort=price", title="Acme", canonical=SITE + "/b"),
    ]
    report = site_report(pages, None, SITE + "/")
    titles = finding(report, "duplicate-titles")
    assert titles["count"] == 3
    assert titles["pages"][0]["pages"] == [SITE + "/", SITE + "/a", SITE + "/b"]
    assert [item["url"] for item in finding(report, "missing-titles")["pages"]] == [SITE + "/d"]
    assert finding(report, "duplicate-descriptions")["count"] == 2
    assert [item["url"] for item in finding(report, "missing-descriptions")["pages"]] == [
        SITE + "/a"
    ]
    assert [item["url"] for item in finding(report, "missing-h1")["pages"]] == [SITE + "/a"]
    assert finding(report, "duplicate-h1")["count"] == 0


def test_hreflang_return_links_self_reference_and_failing_targets() -> None:
    en, fr, de = SITE + "/en", SITE + "/fr", SITE + "/de"
    pages = [
        page("/en", depth=0, source="start", hreflang=(("en", en), ("fr", fr), ("de", de))),
        page("/fr", hreflang=(("fr", fr), ("en", en))),
        page("/de", status=500),
        page("/es", hreflang=(("en", en),)),
    ]
    result = finding(site_report(pages, None, en), "hreflang")
    problems = {item["url"]: item["problems"] for item in result["pages"]}
    assert problems[en] == [f"de: {de} fails (HTTP 500)"]
    assert problems[SITE + "/es"] == ["no self-reference", f"en: {en} does not link back"]
    assert fr not in problems
    none = finding(site_report([page("/", depth=0)], None, SITE + "/"), "hreflang")
    assert none["applicable"] is False


def test_click_depth() -> None:
    # /p0 → /p1 → … → /p5: /p5 is five clicks away.
    pages = [
        page(f"/p{level}", depth=level, links=(f"{SITE}/p{level + 1}",) if level < 5 else ())
        for level in range(6)
    ]
    pages.append(page("/from-sitemap", source="sitemap", depth=9))
    report = site_report(pages, None, SITE + "/p0")
    deep = finding(report, "deep-pages")
    assert [item["url"] for item in deep["pages"]] == [SITE + "/p5", SITE + "/p4"]
    assert report["figures"]["depth"] == {str(level): 1 for level in range(6)}
    assert report["figures"]["pages_without_click_path"] == 1


def test_click_depth_is_measured_on_the_links_not_the_crawl_order() -> None:
    # The crawl queued /b from the sitemap before the home page's link reached it, and
    # followed /orphan's link to /child: /b is one click from the start, /child none.
    pages = [
        page("/", depth=0, source="start", links=(SITE + "/a", SITE + "/b")),
        page("/a", depth=1, links=(SITE + "/deep",)),
        page("/b", depth=1, source="sitemap"),
        page("/deep", depth=7),
        page("/orphan", depth=1, source="sitemap", links=(SITE + "/child",)),
        page("/child", depth=2, found_on=SITE + "/orphan"),
    ]
    report = site_report(pages, rules("/b", "/orphan"), SITE + "/")
    figures = report["figures"]
    assert figures["depth"] == {"0": 1, "1": 2, "2": 1}
    assert figures["max_depth"] == 2
    assert figures["pages_without_click_path"] == 2
    assert finding(report, "deep-pages")["count"] == 0


def test_thin_content_leaves_out_noindex_pages() -> None:
    pages = [
        page("/", depth=0, words=800),
        page("/thin", words=40),
        page("/thin-but-noindex", words=10, noindex=True),
    ]
    thin = finding(site_report(pages, None, SITE + "/"), "thin-content")
    assert [item["url"] for item in thin["pages"]] == [SITE + "/thin"]


def test_near_duplicates_within_three_bits_are_grouped() -> None:
    base = 0x0123456789ABCDEF
    hashes = [
        ("a", base),
        ("b", base ^ 0b111),  # 3 bits from a
        ("c", base ^ (1 << 63)),  # 1 bit from a, 4 from b: joined through a
        ("d", base ^ 0xF0000),  # 4 bits from a: not a near-duplicate of it
        ("e", base ^ 0xF0000),  # identical to d
        ("far", ~base & 0xFFFFFFFFFFFFFFFF),
    ]
    assert near_duplicate_groups(hashes) == [["a", "b", "c"], ["d", "e"]]
    assert near_duplicate_groups([("a", base), ("d", base ^ 0xF0000)]) == []


def test_noindex_nofollow_are_listed_as_information() -> None:
    pages = [
        page("/", depth=0, nofollow_links=(SITE + "/login",), links=(SITE + "/login",)),
        page("/login", noindex=True, nofollow=True),
    ]
    report = site_report(pages, None, SITE + "/")
    noindex = finding(report, "noindex-pages")
    assert noindex["severity"] == "info"
    assert [item["url"] for item in noindex["pages"]] == [SITE + "/login"]
    assert finding(report, "nofollow")["count"] == 2


def test_mixed_content_on_https_pages() -> None:
    pages = [
        page("/", depth=0, mixed_content=("http://cdn.test/a.js",)),
        page("/clean"),
    ]
    result = finding(site_report(pages, None, SITE + "/"), "mixed-content")
    assert result["count"] == 1
    assert result["pages"][0]["resources"] == ["http://cdn.test/a.js"]
    plain = [PageRecord(url="http://p.test/", depth=0, status=200, content_type="text/html")]
    assert (
        finding(site_report(plain, None, "http://p.test/"), "mixed-content")["applicable"] is False
    )


def test_structured_data_coverage_by_template() -> None:
    pages = [page("/", depth=0)] + [
        page(
            f"/product/{n}",
            template="/product/:id",
            structured_types=("Product", "Offer") if n < 3 else (),
        )
        for n in range(4)
    ]
    rows = site_report(pages, None, SITE + "/")["structured_data"]
    product = next(row for row in rows if row["template"] == "/product/:id")
    assert product["pages"] == 4
    assert product["types"][0] == {"type": "Offer", "pages": 3, "share": 0.75}


def test_site_scores_are_weighted_by_template_and_findings_deduct() -> None:
    posts = [
        page(f"/blog/{n}", template="/blog/:slug", scores={"seo": 100.0, "performance": 90.0})
        for n in range(40)
    ]
    products = [
        page(f"/product/{n}", template="/product/:id", scores={"seo": 50.0, "performance": None})
        for n in range(2)
    ]
    report = site_report(posts + products, None, SITE + "/blog/0")
    seo = report["scores"]["seo"]
    # 40 posts at 100 and 2 products at 50: the mean of the two templates, not of the pages.
    assert seo["pages_score"] == 75.0
    assert seo["pages"] == 42
    assert seo["lowest_pages"][0] == {"url": SITE + "/product/0", "score": 50.0}
    assert report["scores"]["performance"]["pages_score"] == 90.0
    assert "content" not in report["scores"]
    assert seo["score"] == 75.0
    assert seo["deductions"] == []

    duplicated = [
        page(f"/blog/{n}", template="/blog/:slug", scores={"seo": 100.0}, title="Same")
        for n in range(4)
    ]
    report = site_report(duplicated, None, SITE + "/blog/0")
    seo = report["scores"]["seo"]
    # Every page shares its title: the medium finding takes all of its 5 points.
    assert seo["deductions"] == [{"finding": "duplicate-titles", "points": 5.0}]
    assert seo["score"] == 95.0


def test_report_is_json() -> None:
    pages = [page("/", depth=0, source="start", links=(SITE + "/a",)), page("/a")]
    report = site_report(pages, rules("/", "/a"), SITE + "/")
    assert json.loads(json.dumps(report)) == report
    figures = report["figures"]
    assert figures["internal_links"] == 1
    assert figures["pages_with_one_inlink"] == 1
    assert figures["average_inlinks"] == 0.5


# The fixture sites, read from their files ---------------------------------------------


@pytest.fixture(scope="module")
def tidytable() -> dict[str, Any]:
    return site_report(*crawl_folder(SITES / "03-pkgdown-tidytable"))


def test_modern_business_every_page_shares_one_title() -> None:
    # Read in the files: all nine pages have <title>Modern Business - Start Bootstrap
    # Template</title> and <meta name="description" content="">, and each has its own H1.
    report = site_report(*crawl_folder(SITES / "01-sb-modern-business"))
    titles = finding(report, "duplicate-titles")
    assert titles["count"] == 9
    assert titles["pages"][0]["value"] == "Modern Business - Start Bootstrap Template"
    assert finding(report, "missing-descriptions")["count"] == 9
    assert finding(report, "duplicate-h1")["count"] == 0
    assert finding(report, "broken-internal-links")["count"] == 0
    # No sitemap.xml in the folder: no orphan check.
    assert finding(report, "orphan-pages")["applicable"] is False
    figures = report["figures"]
    assert figures["pages_crawled"] == 9
    assert figures["depth"] == {"0": 1, "1": 8}


def test_tidytable_missing_favicons_are_broken_resources(tidytable: dict[str, Any]) -> None:
    # SOURCE.md: /favicon-48x48.png, /favicon.svg and /site.webmanifest are referenced by
    # the current build's pages and absent from the folder.
    broken = finding(tidytable, "broken-resources")
    assert {item["url"] for item in broken["pages"]} == {
        "https://site.test/favicon-48x48.png",
        "https://site.test/favicon.svg",
        "https://site.test/site.webmanifest",
    }
    assert finding(tidytable, "broken-internal-links")["count"] == 0


def test_tidytable_stale_pages_are_orphans(tidytable: dict[str, Any]) -> None:
    # SOURCE.md: sitemap.xml lists 218 pages; about 85 are reachable by links from /.
    figures = tidytable["figures"]
    assert figures["sitemap_urls"] == 218
    assert figures["pages_crawled"] - figures["pages_without_click_path"] == 85
    orphans = finding(tidytable, "orphan-pages")
    urls = {item["url"] for item in orphans["pages"]}
    # articles/index.html is listed but no page links it (the navigation links the article).
    assert "https://site.test/articles/index.html" in urls
    assert orphans["count"] > 100
    # reference/across..html (a stale build) and reference/across.html share their H1.
    assert finding(tidytable, "duplicate-h1")["count"] > 100


def test_tidytable_stale_build_shares_its_h1() -> None:
    # Read in the files: reference/across..html (a stale build) and reference/across.html
    # both have <h1>Apply a function across a selection of columns.
    pages, rules, start = crawl_folder(SITES / "03-pkgdown-tidytable")
    wanted = {
        start,
        "https://site.test/reference/across.html",
        "https://site.test/reference/across..html",
    }
    report = site_report([p for p in pages if p.url in wanted], rules, start)
    groups = finding(report, "duplicate-h1")["pages"]
    assert groups == [
        {
            "value": "Apply a function across a selection of columns",
            "pages": [
                "https://site.test/reference/across.html",
                "https://site.test/reference/across..html",
            ],
            "count": 2,
        }
    ]


def test_clean_blog_every_page_shares_one_title() -> None:
    # Read in the files: the four pages (index, about, post, contact) all have
    # <title>Clean Blog - Start Bootstrap Theme</title>; their H1s differ.
    report = site_report(*crawl_folder(SITES / "02-sb-clean-blog"))
    titles = finding(report, "duplicate-titles")
    assert titles["pages"] == [
        {
            "value": "Clean Blog - Start Bootstrap Theme",
            "pages": [
                "https://site.test/index.html",
                "https://site.test/about.html",
                "https://site.test/post.html",
                "https://site.test/contact.html",
            ],
            "count": 4,
        }
    ]
    assert finding(report, "duplicate-h1")["count"] == 0
    assert report["figures"]["pages_crawled"] == 4


def test_a_directory_and_its_index_file_answering_the_same_are_one_page() -> None:
    # The fixture sites' start page is / and their navigation links index.html: the same
    # file twice. /docs/index.html answers something else than /docs/: two pages.
    home = {"bytes": 5000, "simhash": 0xFFFF0000FFFF0000, "title": "Home", "h1": ("Welcome",)}
    pages = [
        page("/", depth=0, source="start", links=(SITE + "/index.html", SITE + "/a"), **home),
        page("/index.html", links=(SITE + "/index.html", SITE + "/a"), **home),
        page("/a", links=(SITE + "/index.html", SITE + "/docs/", SITE + "/docs/index.html")),
        page("/docs/", depth=2, bytes=10, simhash=0x0F0F0F0F0F0F0F0F, title="Docs"),
        page("/docs/index.html", depth=2, bytes=11, simhash=0x0F0F0F0F0F0F0F0F, title="Docs"),
    ]
    report = site_report(pages, rules("/index.html", "/docs/index.html"), SITE + "/")
    figures = report["figures"]
    assert figures["pages_crawled"] == 4
    assert figures["depth"] == {"0": 1, "1": 1, "2": 2}
    # The home page's one heading and title are not "shared" with itself.
    assert finding(report, "duplicate-h1")["count"] == 0
    assert finding(report, "duplicate-titles")["pages"] == [
        {"value": "Docs", "pages": [SITE + "/docs/", SITE + "/docs/index.html"], "count": 2}
    ]
    # Linked as index.html, listed as index.html: the home page is neither orphan nor missed.
    assert finding(report, "orphan-pages")["count"] == 0
    # /a links the home page (as index.html); the home page links /a.
    assert figures["average_inlinks"] == round((1 + 1 + 1 + 1) / 4, 2)
    near = finding(report, "near-duplicates")
    assert {"pages": [SITE + "/", SITE + "/index.html"], "count": 2} in near["pages"]
    # Four pages checked, not five URLs: the home page's second URL is listed in its group,
    # not checked again; near-duplicates are the home page and the two docs pages.
    assert near["total_pages_checked"] == figures["html_pages"] == 4
    assert near["count"] == 3


def test_resources_on_other_hosts_are_named_as_not_checked() -> None:
    # The fixture sites load Bootstrap and fonts from CDNs: offline they cannot be checked,
    # and they are no evidence of a broken site either way.
    cdn = ("https://cdn.jsdelivr.net/npm/bootstrap.css", "https://fonts.googleapis.com/css")
    pages = [
        page("/", depth=0, source="start", resources=(SITE + "/app.css",), external_resources=cdn),
        page("/a", external_resources=cdn[:1]),
        PageRecord(url=SITE + "/app.css", depth=1, status=200, content_type="text/css"),
    ]
    broken = finding(site_report(pages, None, SITE + "/"), "broken-resources")
    assert broken["count"] == 0
    assert broken["total_pages_checked"] == 1
    assert broken["unchecked"] == 2
    assert broken["note"] == (
        "2 resources on other hosts (cdn.jsdelivr.net, fonts.googleapis.com) were not checked"
    )


class TestPageFindings:
    def test_every_page_behind_a_finding_not_only_the_reported_examples(self) -> None:
        # 15 pages without a description (the report lists 10 of them), 7 linking to a 404.
        links = (*(SITE + f"/p{n}" for n in range(15)), SITE + "/gone")
        pages = [
            page("/", depth=0, source="start", links=links),
            *(
                page(f"/p{n}", description=None, links=(SITE + "/gone",) if n < 7 else ())
                for n in range(15)
            ),
            page("/gone", status=404),
        ]
        report = site_report(pages, None, SITE + "/")
        missing = finding(report, "missing-descriptions")
        assert missing["count"] == 15
        assert len(missing["pages"]) == 10
        evidence = report["page_findings"]
        assert [
            n for n in range(15) if "missing-descriptions" in evidence[SITE + f"/p{n}"]
        ] == list(range(15))
        # The 404 and every page linking to it (the finding names five of them).
        assert len(finding(report, "broken-internal-links")["pages"][0]["linked_from"]) == 5
        linking = [url for url, ids in evidence.items() if "broken-internal-links" in ids]
        assert sorted(linking) == sorted(
            [SITE + "/gone", SITE + "/", *(SITE + f"/p{n}" for n in range(7))]
        )
        # A finding that found nothing names no page.
        assert not any("missing-titles" in ids for ids in evidence.values())
