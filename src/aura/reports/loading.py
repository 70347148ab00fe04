"""A ``Report`` from what the database holds (inside the caller's session scope)."""

from __future__ import annotations

import uuid
from collections.abc import Mapping, Sequence
from typing import Any

from pydantic import ValidationError

from aura.comparison import ComparisonDocument
from aura.competitive.schemas import BatchRead
from aura.crawl.records import PageRecord, link_depth
from aura.crawl.rules import SiteRules
from aura.crawl.site import site_report
from aura.errors import ConflictError
from aura.models import ComparisonResult, CompetitiveAnalysisBatch, Crawl, CrawlPage
from aura.reports.model import CrawledPage, Report, Screenshot, SiteAnalysis, SiteCrawl
from aura.screenshots import ScreenshotStore


def _screenshot_names(result: Mapping[str, Any] | None) -> list[str]:
    browser = (result or {}).get("browser")
    shots = browser.get("screenshots") if isinstance(browser, Mapping) else None
    if not isinstance(shots, list):
        return []
    return [shot["name"] for shot in shots if isinstance(shot, Mapping) and "name" in shot]


def _evidence(crawl: Crawl, rows: Sequence[CrawlPage]) -> Mapping[str, Any]:
    """Per URL, the site findings it is evidence for: stored with the crawl's report, or (a
    crawl finished before Aura stored them) worked out again from the pages' records."""
    stored = (crawl.report or {}).get("page_findings")
    if isinstance(stored, Mapping):
        return stored
    if crawl.report is None:
        return {}
    records = [PageRecord.from_json(row.record) for row in rows if row.record]
    rules = SiteRules.from_json(crawl.rules) if crawl.rules else None
    return site_report(records, rules, crawl.start_url).get("page_findings") or {}


def _texts(value: Any) -> tuple[str, ...]:
    return tuple(str(item) for item in value) if isinstance(value, list | tuple) else ()


def _read_as_page(record: Mapping[str, Any]) -> bool:
    """Whether the crawl read the page's text (an HTML page that answered 2xx)."""
    status, kind = record.get("status"), str(record.get("content_type") or "")
    return (
        isinstance(status, int)
        and 200 <= status < 300
        and not record.get("error")
        and kind.startswith(("text/html", "application/xhtml"))
    )


def crawled_page(row: CrawlPage, evidence: Mapping[str, Any]) -> CrawledPage:
    record = row.record or {}
    status, title, words = record.get("status"), record.get("title"), record.get("words")
    found = _texts(evidence.get(row.url))
    final = record.get("final_url")
    if not found and isinstance(final, str):
        found = _texts(evidence.get(final))
    return CrawledPage(
        url=row.url,
        status=row.status,
        http_status=status if isinstance(status, int) else None,
        template=row.template,
        depth=link_depth(row.source, row.depth),
        source=row.source,
        title=title if isinstance(title, str) else None,
        words=words if isinstance(words, int) and _read_as_page(record) else None,
        failing=_texts(record.get("failing")),
        findings=found,
        error=row.error or (record.get("error") if isinstance(record.get("error"), str) else None),
    )


def site_crawls(
    batch: CompetitiveAnalysisBatch, pages: Mapping[uuid.UUID, Sequence[CrawlPage]]
) -> tuple[SiteCrawl, ...]:
    """The batch's crawled sites, in batch order, each with every page of its crawl."""
    crawls = {crawl.analysis_id: crawl for crawl in batch.crawls}
    found: list[SiteCrawl] = []
    for item in batch.urls:
        crawl = crawls.get(item.analysis_id)
        if crawl is None:
            continue
        rows = pages.get(crawl.id, ())
        evidence = _evidence(crawl, rows)
        found.append(
            SiteCrawl(
                url=item.url,
                status=crawl.status,
                pages=tuple(crawled_page(row, evidence) for row in rows),
            )
        )
    return tuple(found)


def report_of(
    batch: CompetitiveAnalysisBatch,
    comparison: ComparisonResult,
    screenshots: ScreenshotStore | None = None,
    pages: Mapping[uuid.UUID, Sequence[CrawlPage]] | None = None,
) -> Report:
    """The batch (loaded with its URLs, analyses and crawls), its comparison, screenshot
    files and its crawls' pages (``pages``: by crawl id; ``CrawlRepository.all_pages``)."""
    try:
        document = ComparisonDocument.model_validate(comparison.result)
    except ValidationError:
        raise ConflictError(
            f"the comparison of batch {batch.id} was made by an older Aura "
            f"(comparison version {comparison.comparison_version}); run the batch again"
        ) from None
    analyses = []
    for item in batch.urls:
        shots: list[Screenshot] = []
        if screenshots is not None:
            for name in _screenshot_names(item.analysis.result):
                # The store serves only the names the engine writes, inside the analysis folder.
                path = screenshots.path(item.analysis_id, str(name))
                if path is not None:
                    shots.append(Screenshot(name=path.name, data=path.read_bytes()))
        analyses.append(
            SiteAnalysis(
                url=item.url,
                status=item.analysis.status,
                error=item.analysis.error,
                result=item.analysis.result,
                screenshots=tuple(shots),
            )
        )
    return Report(
        batch=BatchRead.of(batch),
        comparison=document,
        analyses=tuple(analyses),
        crawls=site_crawls(batch, pages or {}),
        compared_at=comparison.created_at,
    )
