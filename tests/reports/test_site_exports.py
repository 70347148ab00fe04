"""The "Site" section of the exports: the crawled sites side by side and each site's
findings with the pages behind them, every page-derived string escaped."""

from __future__ import annotations

import csv
import io
import json
from typing import Any

from aura.comparison import SiteInput, compare_document
from aura.crawl.records import PageRecord
from aura.crawl.site import site_report
from aura.reports import Report, SiteAnalysis
from aura.reports.as_csv import render_csv
from aura.reports.as_html import render_html
from aura.reports.as_json import render_json
from aura.reports.as_markdown import render_markdown
from tests.reports.builders import (
    HOSTILE,
    HOSTILE_LINK,
    OURS,
    RIVAL,
    THIRD,
    WHEN,
    batch_read,
    make_report,
    sites_for_report,
)
from tests.reports.htmlcheck import assert_self_contained, read_page
from tests.support.records import html_page

#: A page URL of our site carrying markup and a Markdown link in its path.
HOSTILE_URL = OURS + '"><script>alert(1)</script>[x](https://evil.example/)'


def page(origin: str, path: str, **values: Any) -> PageRecord:
    defaults: dict[str, Any] = {
        "title": f"Page {path}",
        "description": f"About {path}",
        "h1": (f"Heading {path}",),
        "words": 400,
        "template": path,
        "scores": {"seo": 90.0},
    }
    return html_page(origin, path, **{**defaults, **values})


def our_crawl() -> dict[str, Any]:
    """Two pages sharing a hostile title, and a link to a hostile URL that answers 404."""
    return site_report(
        [
            page(OURS, "/", depth=0, source="start", title=HOSTILE, links=(HOSTILE_URL,)),
            page(OURS, "/about", title=HOSTILE, h1=(HOSTILE_LINK,)),
            PageRecord(url=HOSTILE_URL, depth=1, status=404),
        ],
        None,
        OURS,
    )


def rival_crawl() -> dict[str, Any]:
    return site_report(
        [
            page(RIVAL, "/", depth=0, source="start", links=(RIVAL + "pricing",)),
            page(RIVAL, "/pricing", structured_types=("Product",)),
        ],
        None,
        RIVAL,
    )


def crawled_report(crawls: dict[str, dict[str, Any]] | None = None) -> Report:
    """The three sites, ours and Rival crawled (or the sites of ``crawls``)."""
    crawls = crawls if crawls is not None else {OURS: our_crawl(), RIVAL: rival_crawl()}
    sites = [
        SiteInput(
            site.url,
            site.status,
            site.is_primary,
            site.error,
            {**(site.result or {}), "site": crawls[site.url]}
            if site.url in crawls
            else site.result,
        )
        for site in sites_for_report(hostile=False)
    ]
    return Report(
        batch=batch_read(sites),
        comparison=compare_document(sites, OURS),
        analyses=tuple(SiteAnalysis(s.url, s.status, s.error, s.result) for s in sites),
        compared_at=WHEN,
    )


def test_markdown_has_the_site_section_escaped() -> None:
    text = render_markdown(crawled_report()).decode()
    section = text.split("## Site\n", 1)[1].split("\n## ", 1)[0]

    assert "Analysed as one page (no crawl): A page (third.example)." in section
    assert "### Crawl figures" in section
    assert "### Site audits (pages, links or groups found; fewer is better)" in section
    assert "### Site audits of [Ours](<https://ours.example/>)" in section
    assert (
        "- **Orphan pages (in the sitemap, linked from no crawled page)** (medium): The site's "
        "rules (robots.txt, sitemaps) were not read: cannot tell"
    ) in section
    assert "you have 1 of 1; the best competitor, A page (rival.example), has 0 of 1." in section
    # The findings name the pages: the hostile URL and title as text.
    assert "\\<script\\>alert(1)\\</script\\>\\[x\\](https\\://evil.example/)" in section
    assert '\\<script\\>alert("x")\\</script\\>' in section
    assert "<script>" not in text
    assert "](https://evil" not in text
    for block in section.split("\n\n"):
        rows = [line for line in block.splitlines() if line.startswith("| ")]
        if rows:
            assert len({line.replace("\\|", "").count("|") for line in rows}) == 1, block


def test_html_has_the_site_section_as_text() -> None:
    html = render_html(crawled_report()).decode()

    assert '<section id="site"><h2>Site</h2>' in html
    assert "<script" not in html
    facts = assert_self_contained(html, [OURS, RIVAL, THIRD])
    assert not [ref for ref in facts.external if "evil" in ref]
    text = "".join(read_page(html).text)
    assert HOSTILE_URL in text  # shown, readable, never a link or markup
    assert "Pages sharing the same title" in text
    assert "Product" in text


def test_csv_has_the_site_rows_and_no_formula() -> None:
    rows = list(csv.reader(io.StringIO(render_csv(crawled_report()).decode())))
    header = rows[0]
    broken = next(row for row in rows if row[:2] == ["site_finding", "broken-internal-links"])
    assert broken[header.index(OURS)] == "1"
    assert broken[header.index(RIVAL)] == "0"
    # The third site has no crawl: an empty cell, not zero.
    assert broken[header.index(THIRD)] == ""
    assert any(row[0] == "site_score" and row[1] == "seo" for row in rows)
    for row in rows:
        for cell in row:
            if cell.startswith(("=", "+", "-", "@")):
                float(cell)


def test_json_holds_the_site_section_and_reports() -> None:
    document = json.loads(render_json(crawled_report()))
    section = document["comparison"]["site"]
    assert section["sites"] == [OURS, RIVAL]
    assert section["reports"][OURS]["findings"][0]["id"] == "broken-internal-links"


def test_without_a_crawl_there_is_no_site_section() -> None:
    report = make_report()
    assert "## Site\n" not in render_markdown(report).decode()
    assert 'id="site"' not in render_html(report).decode()
    assert not any(row.startswith("site") for row in render_csv(report).decode().splitlines())


def test_topics_line_up_with_their_sites_in_csv_and_html() -> None:
    """The third site's topics sit in its column; ours (no keywords) and Rival's (no crawl)
    cells stay empty, in the CSV's columns of every compared site; the HTML shows them."""
    third = site_report(
        [
            page(THIRD, "/", depth=0, source="start", keywords=(("teapot", 6), ("clay", 2))),
            page(THIRD, "/pricing", keywords=(("teapot", 3), ("price", 3))),
        ],
        None,
        THIRD,
    )
    report = crawled_report({OURS: our_crawl(), THIRD: third})
    rows = list(csv.reader(io.StringIO(render_csv(report).decode())))
    header = rows[0]
    topics = [row for row in rows if row[0] == "site_topic"]
    assert topics, rows
    assert topics[0][header.index(THIRD)] == "teapot (2)"
    assert {row[header.index(OURS)] for row in topics} == {""}
    assert {row[header.index(RIVAL)] for row in topics} == {""}

    text = "".join(read_page(render_html(report).decode()).text)
    assert "teapot (2 pages)" in text
