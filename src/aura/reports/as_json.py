"""The JSON export: the full comparison document plus every analysis and every crawled page
(``ReportDocument``)."""

from __future__ import annotations

from aura.reports.model import (
    AnalysisEntry,
    CrawledPageEntry,
    Report,
    ReportDocument,
    SiteCrawlEntry,
)


def report_document(report: Report) -> ReportDocument:
    return ReportDocument(
        batch=report.batch,
        compared_at=report.compared_at,
        comparison=report.comparison,
        analyses=[
            AnalysisEntry(
                url=item.url,
                status=item.status,
                error=item.error,
                result=dict(item.result) if item.result is not None else None,
                screenshots=[shot.name for shot in item.screenshots],
            )
            for item in report.analyses
        ],
        crawls=[
            SiteCrawlEntry(
                url=crawl.url,
                status=crawl.status,
                pages=[
                    CrawledPageEntry(
                        url=page.url,
                        status=page.status,
                        http_status=page.http_status,
                        template=page.template,
                        depth=page.depth,
                        source=page.source,
                        title=page.title,
                        words=page.words,
                        failing=list(page.failing),
                        findings=list(page.findings),
                        error=page.error,
                    )
                    for page in crawl.pages
                ],
            )
            for crawl in report.crawls
        ],
    )


def render_json(report: Report) -> bytes:
    return (report_document(report).model_dump_json(indent=2) + "\n").encode("utf-8")
