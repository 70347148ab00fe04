"""The "Site" section of the exports, as plain text: tables, per-site finding lists and the
crawled pages that each format writes with its own escaping (every cell and line here is
user or page text)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from aura.comparison.document import ComparisonDocument, SiteSection
from aura.comparison.site import finding_item
from aura.formatting import format_value
from aura.reports.common import MISSING, site_label
from aura.reports.model import CrawledPage, SiteCrawl

#: Example pages listed per finding in the exports (the count says how many in all).
EXAMPLES = 5
#: Templates listed side by side (the most common first).
TEMPLATES = 25
#: Pages listed per site in the HTML, Markdown and PDF reports (the JSON and the pages CSV
#: hold every page), and failing audits named per page.
PAGES_SHOWN = 100
FAILING_SHOWN = 5
PAGE_COLUMNS = [
    "Page",
    "Template",
    "Status",
    "Depth",
    "Title",
    "Words",
    "Failing audits",
    "Site findings",
]


@dataclass(frozen=True)
class Cell:
    text: str
    lead: bool = False


@dataclass(frozen=True)
class SiteTable:
    id: str
    title: str
    header: list[str]
    rows: list[list[Cell]]
    note: str | None = None


@dataclass(frozen=True)
class FindingLine:
    title: str
    severity: str
    #: "3 of 40 checked", or empty when the check could not be made (``note`` says why).
    count: str
    examples: list[str] = field(default_factory=list)
    note: str | None = None


def _heads(section: SiteSection, document: ComparisonDocument) -> list[str]:
    return [
        site_label(url) + (" (you)" if url == document.primary_url else "") for url in section.sites
    ]


def _number(value: float | None, unit: str = "count") -> str:
    if value is None:
        return MISSING
    if unit == "count":
        return f"{value:,.0f}"
    return format_value(value, unit)


def site_tables(document: ComparisonDocument) -> list[SiteTable]:
    section = document.site
    if section is None:
        return []
    heads = _heads(section, document)
    tables = [
        SiteTable(
            "site-figures",
            "Crawl figures",
            ["Figure", *heads],
            [
                [
                    Cell(row.label),
                    *(
                        Cell(_number(row.values.get(url), row.unit), url in row.leaders)
                        for url in section.sites
                    ),
                ]
                for row in section.figures
            ],
        ),
        SiteTable(
            "site-scores",
            "Site scores",
            ["Category", *heads],
            [
                [
                    Cell(row.title),
                    *(
                        Cell(_number(row.scores.get(url), "score"), url in row.leaders)
                        for url in section.sites
                    ),
                ]
                for row in section.scores
            ],
            note=section.scores_rule,
        ),
        SiteTable(
            "site-findings",
            "Site audits (pages, links or groups found; fewer is better)",
            ["Finding", "Severity", *heads],
            [
                [
                    Cell(row.title),
                    Cell(row.severity),
                    *(
                        Cell(
                            MISSING if row.counts.get(url) is None else f"{row.counts[url]:,}",
                            url in row.best,
                        )
                        for url in section.sites
                    ),
                ]
                for row in section.findings
            ],
            note=f"{MISSING}: not applicable or cannot tell (the site's findings say why).",
        ),
        SiteTable(
            "site-templates",
            "Pages per template",
            ["Template", *heads],
            [
                [Cell(row.template), *(Cell(f"{row.pages.get(url, 0):,}") for url in section.sites)]
                for row in section.templates[:TEMPLATES]
            ],
            note=(
                f"The {TEMPLATES} most common of {len(section.templates)} templates."
                if len(section.templates) > TEMPLATES
                else None
            ),
        ),
        SiteTable(
            "site-structured-data",
            "Structured data (on the template each type marks most pages of)",
            ["Type", *heads],
            [
                [
                    Cell(row.type),
                    *(
                        Cell(
                            f"{round(c.share * 100):.0f} % of {c.template} ({c.marked}/{c.pages})"
                            if (c := row.coverage.get(url)) is not None
                            else "none",
                            url in row.leaders,
                        )
                        for url in section.sites
                    ),
                ]
                for row in section.structured_data
            ],
        ),
    ]
    topic_rows = section.topic_rows(section.sites)
    if topic_rows:
        tables.append(
            SiteTable(
                "site-topics",
                "Main topics (terms weighted across each site's pages)",
                ["#", *heads],
                [
                    [
                        Cell(str(rank)),
                        *(
                            Cell(
                                ""
                                if topic is None
                                else f"{topic.term} ({topic.pages:,} "
                                f"{'page' if topic.pages == 1 else 'pages'})"
                            )
                            for topic in topics
                        ),
                    ]
                    for rank, topics in enumerate(topic_rows, start=1)
                ],
                note=(
                    "A term weighs, on each page, its count against the page's top keyword "
                    "(more in the page's H1), so a term on many pages ranks above one repeated "
                    "on one page; lines every page repeats and code output are left out."
                ),
            )
        )
    return [table for table in tables if table.rows]


@dataclass(frozen=True)
class PagesTable:
    """One crawled site's pages, as text (every cell but the counts is page or user text)."""

    url: str
    header: list[str]
    rows: list[list[str]]
    total: int
    #: What the table leaves out, and where to find it.
    note: str | None = None


def _page_path(url: str, site_url: str) -> str:
    parts, site = urlsplit(url), urlsplit(site_url)
    if parts.netloc.lower() != site.netloc.lower():
        return url
    return (parts.path or "/") + (f"?{parts.query}" if parts.query else "")


def _listed(items: tuple[str, ...], shown: int) -> str:
    if not items:
        return ""
    more = f" and {len(items) - shown} more" if len(items) > shown else ""
    return ", ".join(items[:shown]) + more


def page_status(page: CrawledPage) -> str:
    """ "200", "404", "failed: timed out", "skipped"."""
    if page.http_status is not None and not page.error:
        return str(page.http_status)
    if page.error:
        prefix = f"{page.http_status}: " if page.http_status is not None else ""
        return f"{prefix}{page.error}"
    return page.status


def page_cells(page: CrawledPage, site_url: str) -> list[str]:
    """The row of a page in ``PAGE_COLUMNS`` order."""
    return [
        _page_path(page.url, site_url),
        page.template or "",
        page_status(page),
        MISSING if page.depth is None else str(page.depth),
        page.title or "",
        "" if page.words is None else f"{page.words:,}",
        _listed(page.failing, FAILING_SHOWN),
        ", ".join(page.findings),
    ]


def _problems_first(page: CrawledPage) -> tuple[int, int, int]:
    """Failed pages first, then by the site findings and failing audits they carry."""
    failed = page.status == "failed" or (page.http_status is not None and page.http_status >= 400)
    return (0 if failed else 1, -len(page.findings), -len(page.failing))


def pages_tables(crawls: Sequence[SiteCrawl], shown: int = PAGES_SHOWN) -> list[PagesTable]:
    """Per crawled site, its pages, shallowest first; a site with more than ``shown`` pages
    shows the ``shown`` with the most problems (failed pages first, then the pages behind the
    most site findings and failing audits), still in crawl order among equals."""
    tables: list[PagesTable] = []
    for crawl in crawls:
        total = len(crawl.pages)
        pages: Sequence[CrawledPage] = crawl.pages
        note = None
        if total > shown:
            pages = sorted(crawl.pages, key=_problems_first)[:shown]
            note = (
                f"Shown: the {shown} pages with the most problems. "
                f"{total - shown:,} more pages: see the JSON or pages CSV export."
            )
        tables.append(
            PagesTable(
                url=crawl.url,
                header=PAGE_COLUMNS,
                rows=[page_cells(page, crawl.url) for page in pages],
                total=total,
                note=note,
            )
        )
    return tables


def site_findings(document: ComparisonDocument) -> list[tuple[str, list[FindingLine]]]:
    """Per crawled site, its findings with a count (and those it cannot tell), with examples."""
    section = document.site
    if section is None:
        return []
    found: list[tuple[str, list[FindingLine]]] = []
    for url in section.sites:
        report = section.reports.get(url) or {}
        raw = report.get("findings")
        lines: list[FindingLine] = []
        for finding in raw if isinstance(raw, list) else []:
            if not isinstance(finding, dict):
                continue
            count, applicable = finding.get("count"), finding.get("applicable") is not False
            if applicable and not count:
                continue
            checked = finding.get("total_pages_checked")
            pages = finding.get("pages")
            examples = [
                item.label + (f" — {item.note}" if item.note else "")
                for example in (pages if isinstance(pages, list) else [])[:EXAMPLES]
                if isinstance(example, dict) and (item := finding_item(example, url)) is not None
            ]
            lines.append(
                FindingLine(
                    title=str(finding.get("title") or finding.get("id") or ""),
                    severity=str(finding.get("severity") or ""),
                    count=f"{count:,} of {checked:,} checked"
                    if applicable and isinstance(count, int) and isinstance(checked, int)
                    else "",
                    examples=examples,
                    note=finding.get("note") if isinstance(finding.get("note"), str) else None,
                )
            )
        found.append((url, lines))
    return found
