"""The crawled pages in every export: a table per site in HTML, Markdown (and the PDF, which
prints the HTML), every page in the JSON and in the pages CSV; page text escaped in each."""

from __future__ import annotations

import csv
import io
import json
from dataclasses import replace

import httpx
import sqlalchemy as sa

from aura.db.engine import Database
from aura.models import Crawl
from aura.reports import FORMATS, Report, export
from aura.reports.as_csv import render_pages_csv
from aura.reports.as_html import render_html
from aura.reports.as_json import render_json
from aura.reports.as_markdown import render_markdown
from aura.reports.common import MISSING
from aura.reports.model import CrawledPage, SiteCrawl
from aura.reports.site_section import PAGES_SHOWN
from tests.reports.builders import HOSTILE, HOSTILE_LINK, OURS, RIVAL, THIRD, make_report
from tests.reports.htmlcheck import assert_self_contained, read_page
from tests.reports.test_export_endpoint import api  # noqa: F401 (the fixture)
from tests.reports.test_site_exports import HOSTILE_URL, crawled_report
from tests.support.api import create_batch, wait_for_batch
from tests.support.servers import Route, ScriptedSite, serve_scripted

#: Rival's pages beyond the tables' bound.
RIVAL_PAGES = PAGES_SHOWN + 30


def crawled(page_url: str, **values: object) -> CrawledPage:
    base: dict[str, object] = {
        "url": page_url,
        "status": "done",
        "http_status": 200,
        "template": "/",
        "depth": 1,
        "source": "link",
        "title": "A page",
        "words": 300,
    }
    base.update(values)
    return CrawledPage(**base)  # type: ignore[arg-type]


def with_pages() -> Report:
    """Our crawl: a page with a hostile title and H1-like text, a hostile URL answering 404
    (evidence of the broken link), and a page only the sitemap led to; Rival: 130 pages."""
    ours = SiteCrawl(
        url=OURS,
        status="completed",
        pages=(
            crawled(
                OURS,
                depth=0,
                source="start",
                title=HOSTILE,
                failing=("meta-description", "image-alt"),
                findings=("broken-internal-links", "duplicate-titles"),
            ),
            crawled(
                HOSTILE_URL,
                http_status=404,
                title=None,
                words=None,
                status="failed",
                findings=("broken-internal-links",),
            ),
            crawled(OURS + "old", depth=None, source="sitemap", title=HOSTILE_LINK),
        ),
    )
    rival = SiteCrawl(
        url=RIVAL,
        status="completed",
        pages=tuple(
            crawled(f"{RIVAL}p/{n:03d}", template="/p/:n", title=f"Rival page {n}")
            for n in range(RIVAL_PAGES)
        ),
    )
    return replace(crawled_report(), crawls=(ours, rival))


def test_html_has_a_pages_table_per_site_bounded_and_as_text() -> None:
    html = render_html(with_pages()).decode()
    facts = assert_self_contained(html, [OURS, RIVAL, THIRD])
    assert not [ref for ref in facts.external if "evil" in ref]
    assert "<script" not in html
    text = "".join(read_page(html).text)
    assert "Pages of Ours (3)" in text
    # Shown as text, never markup.
    assert HOSTILE in text
    assert HOSTILE_LINK in text
    assert f"Pages of A page (rival.example) ({PAGES_SHOWN} of {RIVAL_PAGES})" in text
    assert "Rival page 99" in text
    assert "Rival page 100" not in text
    assert "30 more pages: see the JSON or pages CSV export." in text
    assert "broken-internal-links, duplicate-titles" in text


def test_markdown_has_a_pages_table_per_site_escaped_and_bounded() -> None:
    text = render_markdown(with_pages()).decode()
    pages = text.split("### Pages of [Ours](<https://ours.example/>) (3)\n", 1)[1]
    table = pages.lstrip("\n").split("\n\n", 1)[0].splitlines()
    assert table[0] == (
        "| Page | Template | Status | Depth | Title | Words | Failing audits | Site findings |"
    )
    # Three pages, each a row of eight cells: page text cannot add a cell or a link.
    assert len(table) == 5
    for line in table:
        assert line.replace("\\|", "").count("|") == 9, line
    assert "<script>" not in text
    assert "](https://evil" not in text
    assert "| 404 |" in table[3]
    assert f"| {MISSING} |" in table[4]  # only the sitemap led to it: no click depth
    assert "30 more pages: see the JSON or pages CSV export." in text
    assert "Rival page 100" not in text


def test_a_bounded_table_shows_the_pages_with_problems_before_clean_ones() -> None:
    """A large site's table keeps its broken and flagged pages, however deep in the crawl."""
    pages = [crawled(f"{RIVAL}p/{n:03d}", title=f"Rival page {n}") for n in range(RIVAL_PAGES)]
    pages[125] = crawled(
        f"{RIVAL}p/125", title="Gone page", http_status=404, status="failed", words=None
    )
    pages[120] = crawled(f"{RIVAL}p/120", title="Flagged page", findings=("duplicate-titles",))
    report = replace(
        crawled_report(), crawls=(SiteCrawl(url=RIVAL, status="completed", pages=tuple(pages)),)
    )
    text = render_markdown(report).decode()
    table = text.split("### Pages of", 1)[1].split("\n\n", 2)[1].splitlines()
    rows = table[2:]
    assert len(rows) == PAGES_SHOWN
    assert "Gone page" in rows[0]
    assert "| 404 |" in rows[0]
    assert "Flagged page" in rows[1]
    # The clean pages that remain keep their crawl order; the last ones are left out.
    assert "Rival page 0 " in rows[2]
    assert "Rival page 129" not in text
    assert f"Shown: the {PAGES_SHOWN} pages with the most problems." in text


def test_json_carries_every_page() -> None:
    document = json.loads(render_json(with_pages()))
    assert document["report_version"] == "1.1"
    ours, rival = document["crawls"]
    assert ours["url"] == OURS
    assert [page["url"] for page in ours["pages"]] == [OURS, HOSTILE_URL, OURS + "old"]
    assert ours["pages"][0]["title"] == HOSTILE
    assert ours["pages"][0]["findings"] == ["broken-internal-links", "duplicate-titles"]
    assert ours["pages"][2]["depth"] is None
    assert len(rival["pages"]) == RIVAL_PAGES


def test_pages_csv_has_a_row_per_page_and_no_formula() -> None:
    produced = export(with_pages(), "pages-csv")
    assert produced.media_type == "text/csv; charset=utf-8"
    assert produced.file_name.endswith(".pages.csv")
    rows = list(csv.reader(io.StringIO(produced.content.decode())))
    header = rows[0]
    assert header[:3] == ["site", "url", "template"]
    assert len(rows) == 1 + 3 + RIVAL_PAGES
    by_url = {row[1]: dict(zip(header, row, strict=True)) for row in rows[1:]}
    home = by_url[OURS]
    assert home["site"] == OURS
    assert home["failing_audits"] == "meta-description image-alt"
    assert home["site_findings"] == "broken-internal-links duplicate-titles"
    assert by_url[HOSTILE_URL]["http_status"] == "404"
    # The title that starts like a formula is text to a spreadsheet.
    assert by_url[OURS + "old"]["title"] == HOSTILE_LINK
    for row in rows:
        for cell in row:
            assert not cell.startswith(("=", "+", "-", "@")), cell


def test_without_a_crawl_the_pages_csv_is_its_header_and_no_table_is_shown() -> None:
    report = make_report()
    rows = list(csv.reader(io.StringIO(render_pages_csv(report).decode())))
    assert len(rows) == 1
    assert "Pages of" not in render_html(report).decode()
    assert "pages-csv" in FORMATS


PAGE = (
    '<!DOCTYPE html><html lang="en"><head><title>{title}</title></head><body><main>'
    "<h1>Teapots</h1><p>{text}</p>{links}</main></body></html>"
)
TEXT = "Our teapots are made of clay and glazed by hand in small batches every week. " * 30


def _page(title: str, *links: str) -> Route:
    anchors = "".join(f'<a href="{link}">{link}</a>' for link in links)
    return Route(body=PAGE.format(title=title, text=TEXT, links=anchors).encode())


async def test_a_crawled_batch_exports_its_pages(
    api: httpx.AsyncClient,  # noqa: F811
    database_url: str,
) -> None:
    hostile = "&lt;img src=x onerror=alert(1)&gt; Teapots"
    shop = ScriptedSite(
        routes={
            "/": _page("Home", "/a", "/b", "/gone"),
            "/a": _page(hostile, "/"),
            "/b": _page(hostile, "/"),
        },
        default=None,
    )
    other = ScriptedSite(routes={"/": _page("Other", "/x")}, default=None)
    with serve_scripted(shop) as first, serve_scripted(other) as second:
        urls = [first.url("/"), second.url("/")]
        batch = await create_batch(api, urls, name="Pages", primary_url=urls[0], pages=5)
        finished = await wait_for_batch(api, batch["id"], within=180)
    assert finished["status"] == "completed", finished

    base = f"/api/v1/competitive/{batch['id']}/export?format="
    document = (await api.get(base + "json")).json()
    crawls = {crawl["url"]: crawl for crawl in document["crawls"]}
    pages = {page["url"]: page for page in crawls[urls[0]]["pages"]}
    assert set(pages) == {first.url(path) for path in ("/", "/a", "/b", "/gone")}
    gone = pages[first.url("/gone")]
    assert gone["http_status"] == 404
    assert "broken-internal-links" in gone["findings"]
    # The home page links to the 404: it is evidence of the broken link too.
    assert "broken-internal-links" in pages[first.url("/")]["findings"]
    assert "duplicate-titles" in pages[first.url("/a")]["findings"]
    assert pages[first.url("/a")]["title"] == "<img src=x onerror=alert(1)> Teapots"
    assert pages[first.url("/a")]["words"] > 300
    # The evidence stays with the crawl: the comparison's copy of the site report is lean.
    assert "page_findings" not in document["comparison"]["site"]["reports"][urls[0]]

    sheet = await api.get(base + "pages-csv")
    assert sheet.status_code == 200, sheet.text
    assert sheet.headers["content-type"] == "text/csv; charset=utf-8"
    assert sheet.headers["content-disposition"].endswith('.pages.csv"')
    rows = list(csv.DictReader(io.StringIO(sheet.text)))
    assert {row["url"] for row in rows if row["site"] == urls[0]} == set(pages)

    # The metrics sheet has the crawl's site rows, made without reading its pages.
    metrics = await api.get(base + "csv")
    assert metrics.status_code == 200, metrics.text
    assert any(
        row[:2] == ["site_finding", "broken-internal-links"]
        for row in csv.reader(io.StringIO(metrics.text))
    )

    html = (await api.get(base + "html")).text
    assert "<img src=x" not in html
    assert "&lt;img src=x onerror=alert(1)&gt; Teapots" in html
    assert "Pages of" in html
    markdown = (await api.get(base + "md")).text
    assert "\\<img src=x onerror=alert(1)\\> Teapots" in markdown

    # A crawl stored before its report kept the pages' evidence: worked out again on export,
    # from the crawl's rules (which batch reads leave out).
    db = Database(database_url)
    try:
        async with db.write() as session:
            for crawl in await session.scalars(sa.select(Crawl)):
                crawl.report = {
                    k: v for k, v in (crawl.report or {}).items() if k != "page_findings"
                }
    finally:
        await db.dispose()
    again = await api.get(base + "json")
    assert again.status_code == 200, again.text
    older = {page["url"]: page for page in again.json()["crawls"][0]["pages"]}
    assert older[first.url("/gone")]["findings"] == gone["findings"]
    assert older[first.url("/a")]["findings"] == pages[first.url("/a")]["findings"]
