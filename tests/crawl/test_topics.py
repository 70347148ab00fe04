"""A site's content volume and main topics: from the pages' keywords, weighted across pages.

The labelled expectations on ../shared/sites-multi were set by reading the sites: the
tidytable documentation is about data tables and their columns (its reference pages each
document a function; every one repeats the headings "Arguments", "Examples" and a "Source:"
line, and shows R output such as ``<int> <chr> <dbl>`` in ``<pre>`` blocks); the clean
blog's only post is about man exploring the earth and space ("Man must explore, and this is
exploration at its greatest").
"""

from __future__ import annotations

from typing import Any

import pytest

from aura.crawl.records import CrawlOptions, PageRecord
from aura.crawl.site import site_report
from tests.crawl.support import crawl, html, serve_app
from tests.support.records import html_page
from tests.support.servers import SHARED_MULTI_SITES, serve_directory

OPTIONS = CrawlOptions(max_pages=500, max_depth=10)
ORIGIN = "https://shop.example/"


def page(path: str, keywords: tuple[tuple[str, int], ...], **values: Any) -> PageRecord:
    return html_page(ORIGIN, path, **{"words": 300, "keywords": keywords, **values})


def terms(report: dict[str, Any]) -> list[str]:
    return [topic["term"] for topic in report["topics"]]


class TestWeighting:
    def test_a_term_on_many_pages_ranks_above_one_repeated_on_one_page(self) -> None:
        pages = [
            page("/", (("giraffe", 90), ("tea", 4)), source="start", depth=0),
            *(page(f"/p{n}", (("tea", 3), (f"word{n}", 5))) for n in range(4)),
        ]
        report = site_report(pages, None, ORIGIN)
        ranked = terms(report)
        # "giraffe" 90 times on one page weighs 1; "tea" on five pages weighs more.
        assert ranked.index("tea") < ranked.index("giraffe")
        tea = next(topic for topic in report["topics"] if topic["term"] == "tea")
        assert tea["pages"] == 5

    def test_a_line_every_page_repeats_is_not_a_topic(self) -> None:
        # "source" once on every page (a "Source:" line of the template); "teapot" varies.
        pages = [
            page(
                f"/p{n}",
                (("teapot", 2 + n), ("source", 1)),
                source="start" if n == 0 else "link",
            )
            for n in range(6)
        ]
        assert terms(site_report(pages, None, ORIGIN)) == ["teapot"]

    def test_plurals_count_with_their_singular_and_the_headline_weighs_more(self) -> None:
        pages = [
            page("/a", (("kettle", 4), ("kettles", 2), ("spout", 4)), h1=("Our kettles",)),
            page("/b", (("spout", 3), ("kettle", 3))),
        ]
        report = site_report(pages, None, ORIGIN)
        assert terms(report)[:2] == ["kettle", "spout"]
        assert "kettles" not in terms(report)

    def test_no_keywords_no_topics_and_the_median_words(self) -> None:
        pages = [page(f"/p{n}", (), words=words) for n, words in enumerate((10, 300, 50))]
        report = site_report(pages, None, ORIGIN)
        assert report["topics"] == []
        assert report["figures"]["words_median"] == 50
        assert report["figures"]["words_total"] == 360


async def test_code_output_is_not_a_page_keyword() -> None:
    body = (
        "<main><h1>Reading tables</h1><p>Tables of tea and tables of cakes.</p>"
        "<pre># A tidytable: 3 x 2\n  &lt;int&gt; &lt;chr&gt;\n  &lt;int&gt; &lt;chr&gt;</pre>"
        "</main>"
    )

    def app(path: str, query: dict[str, list[str]]) -> Any:
        return html(body) if path == "/" else None

    with serve_app(app) as served:
        records = await crawl(served.url("/"), CrawlOptions(max_pages=1))
    record = next(iter(records.values()))
    found = dict(record.keywords)
    assert found["tables"] == 3  # the heading and the paragraph
    assert not {"int", "chr", "tidytable"} & set(found)


def shared(name: str) -> Any:
    folder = SHARED_MULTI_SITES / name
    if not folder.is_dir():
        pytest.skip(f"the shared multi-page sites are not at {SHARED_MULTI_SITES}")
    return folder


async def test_the_tidytable_documentation_is_about_data_tables_and_columns() -> None:
    with serve_directory(shared("03-pkgdown-tidytable")) as base:
        records = await crawl(base + "/index.html", OPTIONS)
    report = site_report(list(records.values()), None, base + "/index.html")
    ranked = terms(report)
    assert set(ranked[:3]) >= {"data", "column"}
    assert "tidytable" in ranked
    assert "table" in ranked
    # The template's repeated lines and the R output in <pre> blocks are not topics.
    assert not {"source", "examples", "usage", "int", "chr", "dbl"} & set(ranked)
    # 86 pages of HTML; the reference pages are short (median 106 words of main text).
    assert report["figures"]["words_median"] == 106


async def test_the_clean_blog_is_about_man_and_the_earth() -> None:
    with serve_directory(shared("02-sb-clean-blog")) as base:
        records = await crawl(base + "/", OPTIONS)
    ranked = terms(site_report(list(records.values()), None, base + "/"))
    assert ranked[0] == "man"
    assert {"earth", "explore"} <= set(ranked[:8])
