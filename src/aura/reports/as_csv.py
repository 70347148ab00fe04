"""The CSV exports: one row per metric, one column per compared site; and the pages CSV.

Rows: the overall score, each category score, then every compared metric (and the crawled
sites' figures, scores, findings, topics and templates). The columns after the sites say
which way is better and who leads, so the sheet reads on its own. The crawled pages have
their own columns, so they are their own sheet (``render_pages_csv``, the ``pages-csv``
format): one row per page.
"""

from __future__ import annotations

import csv
import io
import statistics

from aura.neutralise import for_csv
from aura.reports.common import category_grid, compared_sites, render_health_rows
from aura.reports.model import Report


def _number(value: float | None) -> str:
    return "" if value is None else f"{value:g}"


def render_csv(report: Report) -> bytes:
    document = report.comparison
    sites = [site.url for site in compared_sites(document)]
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")

    def write(cells: list[str]) -> None:
        writer.writerow([for_csv(cell) for cell in cells])

    write(["kind", "id", "label", "unit", "better", *sites, "leaders", "median"])
    for row in category_grid(document):
        scores = list(row.scores.values())
        present = [score for score in scores if score is not None]
        median = statistics.median(present) if present else None
        write(
            [
                "score",
                row.category,
                row.title,
                "score",
                "higher",
                *(_number(score) for score in scores),
                " ".join(row.leaders),
                _number(median),
            ]
        )
    for metric in document.metrics:
        write(
            [
                "metric",
                metric.id,
                metric.label,
                metric.unit,
                metric.direction,
                *(_number(metric.values.get(url)) for url in sites),
                " ".join(metric.leaders),
                _number(metric.median),
            ]
        )
    health = {row.url: row for row in render_health_rows(document)}
    if health:
        for field, label in (
            ("status", "Render health"),
            ("failed", "Failed resources"),
            ("unreliable", "Not reliable (degraded render)"),
        ):
            cells = [getattr(health[url], field) if url in health else "" for url in sites]
            write(["render", f"render_{field}", label, "", "", *cells, "", ""])
    section = document.site
    if section is not None:
        # The crawled sites, in the same columns (a site without a crawl has empty cells).
        for figure in section.figures:
            cells = [_number(figure.values.get(url)) for url in sites]
            write(
                [
                    "site",
                    figure.id,
                    figure.label,
                    figure.unit,
                    figure.direction or "",
                    *cells,
                    " ".join(figure.leaders),
                    "",
                ]
            )
        for score in section.scores:
            cells = [_number(score.scores.get(url)) for url in sites]
            write(
                [
                    "site_score",
                    score.category,
                    score.title,
                    "score",
                    "higher",
                    *cells,
                    " ".join(score.leaders),
                    "",
                ]
            )
        for finding in section.findings:
            cells = [
                "" if (count := finding.counts.get(url)) is None else str(count) for url in sites
            ]
            write(
                [
                    "site_finding",
                    finding.id,
                    finding.title,
                    "count",
                    "lower",
                    *cells,
                    " ".join(finding.best),
                    "",
                ]
            )
        for rank, topics in enumerate(section.topic_rows(sites), start=1):
            cells = ["" if topic is None else f"{topic.term} ({topic.pages})" for topic in topics]
            write(["site_topic", str(rank), f"Main topic {rank}", "", "", *cells, "", ""])
        for template in section.templates:
            cells = [str(template.pages.get(url, 0)) for url in sites]
            write(
                ["site_template", template.template, template.template, "count", "", *cells, "", ""]
            )
    return buffer.getvalue().encode("utf-8")


#: The columns of the pages CSV: one row per crawled page of every crawled site.
PAGE_COLUMNS = (
    "site",
    "url",
    "template",
    "crawl_status",
    "http_status",
    "depth",
    "source",
    "title",
    "words",
    "failing_audits",
    "site_findings",
    "error",
)


def render_pages_csv(report: Report) -> bytes:
    """The crawled pages as one sheet: a row per page of every crawled site (the ``site``
    column says which), every page listed; lists of ids are separated by spaces."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(PAGE_COLUMNS)
    for crawl in report.crawls:
        for page in crawl.pages:
            cells = [
                crawl.url,
                page.url,
                page.template or "",
                page.status,
                "" if page.http_status is None else str(page.http_status),
                "" if page.depth is None else str(page.depth),
                page.source,
                page.title or "",
                "" if page.words is None else str(page.words),
                " ".join(page.failing),
                " ".join(page.findings),
                page.error or "",
            ]
            writer.writerow([for_csv(cell) for cell in cells])
    return buffer.getvalue().encode("utf-8")
