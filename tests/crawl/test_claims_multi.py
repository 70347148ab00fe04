"""The site report's claims on the three real multi-page sites, each checked by reading the
sites' files (../shared/sites-multi): served on loopback and crawled with the engine's
functions by ``bench/crawl_review.py`` (links, then sitemap URLs, then subresources).

Each assertion names the fact it holds the report to and how it was checked.
"""

from __future__ import annotations

import asyncio
from typing import Any

import pytest
from bench.crawl_review import SITES, crawl_site, serve

from aura.crawl.records import PageRecord
from aura.crawl.site import site_report


def _crawled(name: str) -> dict[str, Any]:
    folder = SITES / name
    if not folder.is_dir():
        pytest.skip(f"the shared multi-page sites are not at {SITES}")
    with serve(folder) as base:
        pages, rules, start = asyncio.run(crawl_site(base))
    return {
        "base": base,
        "report": site_report(pages, rules, start),
        "records": {page.url.removeprefix(base): page for page in pages},
    }


def finding(site: dict[str, Any], finding_id: str) -> dict[str, Any]:
    return next(f for f in site["report"]["findings"] if f["id"] == finding_id)


def templates(site: dict[str, Any]) -> dict[str, int]:
    """Pages per template in the report (from the templates the crawl stores per page)."""
    return {item["template"]: item["pages"] for item in site["report"]["figures"]["templates"]}


def paths(site: dict[str, Any], urls: list[str]) -> list[str]:
    return [url.removeprefix(site["base"]) for url in urls]


def linking_to(site: dict[str, Any], path: str) -> set[str]:
    records: dict[str, PageRecord] = site["records"]
    return {p for p, record in records.items() if site["base"] + path in record.links}


@pytest.fixture(scope="module")
def clean_blog() -> dict[str, Any]:
    return _crawled("02-sb-clean-blog")


@pytest.fixture(scope="module")
def business() -> dict[str, Any]:
    return _crawled("01-sb-modern-business")


@pytest.fixture(scope="module")
def tidytable() -> dict[str, Any]:
    return _crawled("03-pkgdown-tidytable")


# 02-sb-clean-blog ---------------------------------------------------------------------


def test_clean_blog_four_pages_one_click_from_home(clean_blog: dict[str, Any]) -> None:
    # Four HTML files (index, about, post, contact); / and the navigation's index.html are
    # the same file: one page.
    figures = clean_blog["report"]["figures"]
    assert figures["pages_crawled"] == 4
    assert figures["depth"] == {"0": 1, "1": 3}
    assert figures["pages_without_click_path"] == 0


def test_clean_blog_post_is_linked_from_every_page(clean_blog: dict[str, Any]) -> None:
    # grep 'href="post.html"': index.html (5 times), about.html, contact.html, post.html.
    assert linking_to(clean_blog, "/post.html") >= {"/", "/about.html", "/contact.html"}
    # Each page's navigation links the four pages: three other pages link each page.
    assert clean_blog["report"]["figures"]["average_inlinks"] == 3.0


def test_clean_blog_titles_descriptions_h1(clean_blog: dict[str, Any]) -> None:
    # <title>Clean Blog - Start Bootstrap Theme</title> on all four files, and
    # <meta name="description" content="">; the H1s differ (Clean Blog, About Me, …).
    titles = finding(clean_blog, "duplicate-titles")
    assert titles["count"] == 4
    assert titles["pages"][0]["value"] == "Clean Blog - Start Bootstrap Theme"
    assert finding(clean_blog, "missing-descriptions")["count"] == 4
    assert finding(clean_blog, "duplicate-h1")["count"] == 0
    # The only near-duplicates: the home page under its two URLs, one page of the four.
    near = finding(clean_blog, "near-duplicates")
    assert [paths(clean_blog, group["pages"]) for group in near["pages"]] == [["/", "/index.html"]]
    assert (near["count"], near["total_pages_checked"]) == (1, 4)


def test_clean_blog_four_top_level_pages_four_templates(clean_blog: dict[str, Any]) -> None:
    # ls *.html: index, about, post, contact, all at the top: each page is its own template
    # (the crawl's per-page templates, as it stores them).
    assert templates(clean_blog) == {
        "/": 1,
        "/about.html": 1,
        "/contact.html": 1,
        "/post.html": 1,
    }


def test_clean_blog_resources_and_no_sitemap(clean_blog: dict[str, Any]) -> None:
    # assets/favicon.ico, assets/img/post-sample-image.jpg (post.html's <img>),
    # css/styles.css and js/scripts.js are in the folder; the Bootstrap script and fonts
    # come from CDNs (not the site's: not counted as its resources).
    resources = finding(clean_blog, "broken-resources")
    assert resources["applicable"] is True
    assert resources["total_pages_checked"] == 4
    assert resources["count"] == 0
    # No sitemap.xml, no robots.txt: no orphan check (None, not 0).
    assert finding(clean_blog, "orphan-pages")["count"] is None


# 01-sb-modern-business ----------------------------------------------------------------


def test_business_nine_pages_all_one_click_away(business: dict[str, Any]) -> None:
    # Nine HTML files, every one linked from index.html's navigation or body.
    figures = business["report"]["figures"]
    assert figures["pages_crawled"] == 9
    assert figures["depth"] == {"0": 1, "1": 8}
    # ls *.html: nine files at the top, none in a folder: nine templates of one page.
    assert templates(business) == {
        "/": 1,
        "/about.html": 1,
        "/blog-home.html": 1,
        "/blog-post.html": 1,
        "/contact.html": 1,
        "/faq.html": 1,
        "/portfolio-item.html": 1,
        "/portfolio-overview.html": 1,
        "/pricing.html": 1,
    }
    # The near-duplicates check the nine pages (/ and index.html are one), not ten URLs.
    near = finding(business, "near-duplicates")
    assert near["total_pages_checked"] == figures["html_pages"] == 9
    assert [paths(business, group["pages"]) for group in near["pages"]] == [["/", "/index.html"]]
    assert near["count"] == 1


def test_business_blog_post_is_linked_from_all_nine(business: dict[str, Any]) -> None:
    # grep -c 'href="blog-post.html"': one in each of the nine files.
    assert linking_to(business, "/blog-post.html") >= {
        "/",
        "/about.html",
        "/blog-home.html",
        "/contact.html",
        "/faq.html",
        "/portfolio-item.html",
        "/portfolio-overview.html",
        "/pricing.html",
    }


def test_business_one_title_for_nine_pages(business: dict[str, Any]) -> None:
    # <title>Modern Business - Start Bootstrap Template</title> on every file; each H1 its own.
    assert finding(business, "duplicate-titles")["count"] == 9
    assert finding(business, "duplicate-h1")["count"] == 0
    assert finding(business, "missing-descriptions")["count"] == 9
    assert finding(business, "broken-internal-links")["count"] == 0
    assert finding(business, "broken-resources")["count"] == 0


# 03-pkgdown-tidytable -----------------------------------------------------------------


def test_tidytable_pages_and_click_depth(tidytable: dict[str, Any]) -> None:
    # sitemap.xml: 218 <loc>s, all files; reference/where.html is in neither the sitemap nor
    # any link. 85 pages are reachable by links from index.html (manifest; a breadth-first
    # walk over the files' <a href> gives 1 at 0 clicks, 14 at 1, 70 at 2).
    figures = tidytable["report"]["figures"]
    assert figures["sitemap_urls"] == 218
    assert figures["pages_crawled"] == 218
    assert figures["depth"] == {"0": 1, "1": 14, "2": 70}
    assert figures["pages_without_click_path"] == 218 - 85
    assert "/reference/where.html" not in tidytable["records"]


def test_tidytable_missing_favicons(tidytable: dict[str, Any]) -> None:
    # index.html has <link rel="icon" href="favicon-48x48.png">, <link rel="icon"
    # href="favicon.svg"> and <link rel="manifest" href="site.webmanifest">: none of the
    # three files is in the folder (manifest: missing_local_assets).
    broken = finding(tidytable, "broken-resources")
    assert sorted(paths(tidytable, [item["url"] for item in broken["pages"]])) == [
        "/favicon-48x48.png",
        "/favicon.svg",
        "/site.webmanifest",
    ]
    assert finding(tidytable, "broken-internal-links")["count"] == 0


def test_tidytable_orphans(tidytable: dict[str, Any]) -> None:
    # 404.html and articles/index.html are listed in sitemap.xml and no file links them
    # (grep, both quote styles); 125 of the 218 listed URLs are linked from no page.
    orphans = finding(tidytable, "orphan-pages")
    assert orphans["count"] == 125
    listed = paths(tidytable, [item["url"] for item in orphans["pages"]])
    assert {"/404.html", "/articles/index.html"} <= set(listed)
    # reference/dt_verb.html links left_join..html with single quotes: not an orphan.
    assert "/reference/dt_verb.html" in linking_to(tidytable, "/reference/left_join..html")


def test_tidytable_headings_descriptions_templates(tidytable: dict[str, Any]) -> None:
    # No page has <meta name="description">; 177 pages share their first H1 with another
    # (stale builds: map..html, map_chr..html, … all "Apply a function to each element…").
    assert finding(tidytable, "missing-descriptions")["count"] == 218
    h1 = finding(tidytable, "duplicate-h1")
    assert h1["count"] == 177
    assert h1["pages"][0]["value"] == "Apply a function to each element of a vector or list"
    assert finding(tidytable, "duplicate-titles")["count"] == 0
    report = tidytable["report"]
    # find -name '*.html': 219 files. reference/ holds 210: its index.html, where.html (in no
    # sitemap <loc> and no page's href: never reached) and 208 function pages, old builds
    # (across..html) among them. articles/ holds index.html and speed_comparisons.html,
    # news/ index.html; six files at the top (index.html is /). As the crawl stores them:
    assert templates(tidytable) == {
        "/reference/:slug": 208,
        "/reference/index.html": 1,
        "/articles/:slug": 1,
        "/articles/index.html": 1,
        "/news/index.html": 1,
        "/": 1,
        "/404.html": 1,
        "/LICENSE-text.html": 1,
        "/LICENSE.html": 1,
        "/authors.html": 1,
        "/pull_request_template.html": 1,
    }
    records: dict[str, PageRecord] = tidytable["records"]
    assert records["/reference/across..html"].template == "/reference/:slug"
    assert records["/reference/pick.html"].template == "/reference/:slug"
    # The near-duplicates check the 218 pages, not 219 URLs (/index.html is /).
    near = finding(tidytable, "near-duplicates")
    assert near["total_pages_checked"] == report["figures"]["html_pages"] == 218
    # No JSON-LD, microdata or RDFa in any file.
    assert all(row["types"] == [] for row in report["structured_data"])


def test_cdn_resources_are_not_checked_not_fine(clean_blog: dict[str, Any]) -> None:
    # index.html loads Bootstrap from cdn.jsdelivr.net, Font Awesome from
    # use.fontawesome.com and fonts from fonts.googleapis.com (SOURCE.md: absent offline).
    note = finding(clean_blog, "broken-resources")["note"]
    assert note is not None
    assert "were not checked" in note
    assert "cdn.jsdelivr.net" in note


def test_tidytable_near_duplicates_are_stale_builds(tidytable: dict[str, Any]) -> None:
    # diff of the text: map..html and map_chr..html differ in the function's name only;
    # context.html and cur_column..html in 13 of 335 words.
    groups = [
        set(paths(tidytable, group["pages"]))
        for group in finding(tidytable, "near-duplicates")["pages"]
    ]
    assert any({"/reference/map..html", "/reference/map_chr..html"} <= group for group in groups)
    assert any(
        {"/reference/context.html", "/reference/cur_column..html"} <= group for group in groups
    )
    # mutate.html documents another function: in no group with across.html.
    assert not any(
        {"/reference/mutate.html", "/reference/across.html"} <= group for group in groups
    )


def test_site_scores_only_where_the_audits_cover_the_category(business: dict[str, Any]) -> None:
    # The crawled pages get the document-only audits: design would rest on logo and
    # viewport alone, performance on no transfer or timing.
    scores = business["report"]["scores"]
    assert {"seo", "accessibility", "security", "content"} <= set(scores)
    assert "design" not in scores
    assert "performance" not in scores
    # Every page shares one title and has no description: the SEO score says so.
    deductions = {item["finding"] for item in scores["seo"]["deductions"]}
    assert deductions == {"duplicate-titles", "missing-descriptions"}
