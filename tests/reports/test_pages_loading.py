"""The pages of a report from the stored crawl: the evidence the crawl's report stored, or,
for a crawl finished before Aura stored it, worked out again from the pages' records."""

from __future__ import annotations

import uuid
from typing import Any

from aura.crawl.records import PageRecord
from aura.crawl.site import site_report
from aura.models import CompetitiveAnalysisBatch, CompetitiveAnalysisUrl, Crawl, CrawlPage
from aura.reports.loading import site_crawls
from tests.support.records import html_page

SITE = "https://shop.example/"


def record(path: str, **values: Any) -> PageRecord:
    defaults = {"title": "Same title", "words": 250, "template": path}
    return html_page(SITE, path, **{**defaults, **values})


RECORDS = [
    record("/", depth=0, source="start", links=(SITE + "a", SITE + "gone")),
    record("/a", failing=("meta-description",)),
    record("/gone", status=404, content_type="text/plain", title=None, words=0),
]


def stored(
    *, with_evidence: bool
) -> tuple[CompetitiveAnalysisBatch, dict[uuid.UUID, list[CrawlPage]]]:
    """A batch of one crawled site, as the database holds it after the crawl (its report
    with or without the per-page evidence), and the crawl's page rows."""
    report = site_report(RECORDS, None, SITE)
    if not with_evidence:
        del report["page_findings"]
    analysis_id, crawl_id = uuid.uuid4(), uuid.uuid4()
    crawl = Crawl(
        id=crawl_id,
        analysis_id=analysis_id,
        start_url=SITE,
        options={},
        rules=None,
        status="completed",
        report=report,
    )
    rows = [
        CrawlPage(
            crawl_id=crawl_id,
            url=item.url,
            depth=item.depth,
            source=item.source,
            status="done" if item.status == 200 else "failed",
            template=item.template,
            record=item.as_json(),
        )
        for item in RECORDS
    ]
    batch = CompetitiveAnalysisBatch(
        urls=[CompetitiveAnalysisUrl(url=SITE, analysis_id=analysis_id, position=0)],
        crawls=[crawl],
    )
    return batch, {crawl_id: rows}


def test_the_pages_with_the_findings_they_are_evidence_for() -> None:
    batch, pages = stored(with_evidence=True)
    (crawl,) = site_crawls(batch, pages)
    by_url = {page.url: page for page in crawl.pages}
    assert crawl.url == SITE
    assert "broken-internal-links" in by_url[SITE + "gone"].findings
    assert "duplicate-titles" in by_url[SITE + "a"].findings
    assert by_url[SITE + "gone"].http_status == 404
    # A page the crawl did not read as HTML has no word count (not zero words).
    assert by_url[SITE + "gone"].words is None
    assert by_url[SITE + "a"].words == 250
    assert by_url[SITE + "a"].failing == ("meta-description",)


def test_a_crawl_stored_without_the_evidence_gets_it_from_its_records() -> None:
    batch, pages = stored(with_evidence=False)
    (crawl,) = site_crawls(batch, pages)
    by_url = {page.url: page for page in crawl.pages}
    assert "broken-internal-links" in by_url[SITE + "gone"].findings
    assert "broken-internal-links" in by_url[SITE].findings
    assert "duplicate-titles" in by_url[SITE + "a"].findings
