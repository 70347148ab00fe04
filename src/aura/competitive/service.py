"""Business logic of competitive batches. Services flush; the boundary commits."""

from __future__ import annotations

import asyncio
import dataclasses
import uuid
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm.attributes import set_committed_value

from aura.analyses.repository import AnalysisRepository
from aura.analyses.service import with_runs
from aura.comparison import COMPARISON_VERSION, SiteInput, compare
from aura.competitive.crawls import CrawlRepository
from aura.competitive.events import BATCH_STATUS, batch_event, publish_after_commit
from aura.competitive.repository import BatchRepository
from aura.competitive.schemas import MAX_LABEL, BatchCreate
from aura.crawl.records import CrawlOptions
from aura.db.engine import after_commit
from aura.db.types import utcnow
from aura.errors import ConflictError, InvalidInputError, NotFoundError, input_error
from aura.events import EventBus
from aura.jobs import Enqueuer, enqueue_audit, enqueue_crawl_start
from aura.models import (
    Analysis,
    AnalysisStatus,
    BatchStatus,
    ComparisonResult,
    CompetitiveAnalysisBatch,
    CompetitiveAnalysisUrl,
    Crawl,
    CrawlPage,
    CrawlStatus,
)
from aura.screenshots import ScreenshotStore
from aura.urls import InvalidUrlError, normalise_url


@dataclass(frozen=True)
class ValidBatch:
    name: str | None
    urls: list[str]
    primary_url: str | None
    mode: str | None
    runs: int = 1
    #: Normalised URL → the user's name for it (only the URLs given one).
    labels: dict[str, str] = field(default_factory=dict)
    #: What to crawl of each site (``max_pages`` 1: the start pages only).
    crawl: CrawlOptions = field(default_factory=CrawlOptions)


def crawl_options(data: BatchCreate, base: CrawlOptions | None = None) -> CrawlOptions:
    """The crawl a request asks for, over ``base`` (a set's stored options, or the default)."""
    options = base or CrawlOptions()
    changes: dict[str, Any] = {}
    if data.pages is not None:
        changes["max_pages"] = data.pages
    if data.depth is not None:
        changes["max_depth"] = data.depth
    if data.include is not None:
        changes["include"] = tuple(data.include)
    if data.exclude is not None:
        changes["exclude"] = tuple(data.exclude)
    if data.subdomains is not None:
        changes["subdomains"] = data.subdomains
    return dataclasses.replace(options, **changes) if changes else options


def validate_batch(data: BatchCreate, *, max_urls: int, allow_private: bool) -> ValidBatch:
    """Normalise and check a batch request; every problem is reported, each naming its URL."""
    errors: list[dict[str, Any]] = []

    def fail(loc: list[str | int], message: str, value: Any) -> None:
        errors.append(input_error(loc, message, value))

    if not 2 <= len(data.urls) <= max_urls:
        fail(["body", "urls"], f"give between 2 and {max_urls} URLs (got {len(data.urls)})", None)

    urls: list[str] = []
    first_index: dict[str, int] = {}
    for index, raw in enumerate(data.urls):
        try:
            url = normalise_url(raw, allow_private=allow_private)
        except InvalidUrlError as error:
            fail(["body", "urls", index], str(error), raw)
            continue
        if url in first_index:
            fail(
                ["body", "urls", index],
                f"{raw!r} is the same URL as entry {first_index[url] + 1} ({url})",
                raw,
            )
            continue
        first_index[url] = index
        urls.append(url)

    primary: str | None = None
    if data.primary_url is not None and data.primary_url.strip():
        try:
            primary = normalise_url(data.primary_url, allow_private=allow_private)
        except InvalidUrlError as error:
            fail(["body", "primary_url"], str(error), data.primary_url)
        else:
            if primary not in first_index:
                fail(
                    ["body", "primary_url"],
                    f"primary_url {data.primary_url!r} is not one of the submitted urls",
                    data.primary_url,
                )
    labels: dict[str, str] = {}
    for raw, given in (data.labels or {}).items():
        loc: list[str | int] = ["body", "labels", raw]
        try:
            url = normalise_url(raw, allow_private=allow_private)
        except InvalidUrlError as error:
            fail(loc, str(error), raw)
            continue
        label = " ".join(given.split())
        if url not in first_index:
            fail(loc, f"{raw!r} is not one of the submitted urls", raw)
        elif len(label) > MAX_LABEL:
            fail(loc, f"a label has at most {MAX_LABEL} characters (got {len(label)})", given)
        elif url in labels:
            fail(loc, f"{raw!r} is labelled twice (as {url})", raw)
        elif label:
            labels[url] = label
    if errors:
        raise InvalidInputError(errors)
    name = data.name.strip() if data.name and data.name.strip() else None
    return ValidBatch(
        name=name,
        urls=urls,
        primary_url=primary,
        mode=data.mode,
        runs=data.runs or 1,
        labels=labels,
        crawl=crawl_options(data),
    )


class CompetitiveService:
    def __init__(
        self,
        queue: Enqueuer,
        bus: EventBus,
        *,
        max_urls: int,
        allow_private: bool,
        default_mode: str = "static",
        screenshots: ScreenshotStore | None = None,
    ) -> None:
        self.queue = queue
        self.bus = bus
        self.max_urls = max_urls
        self.allow_private = allow_private
        self.default_mode = default_mode
        self.screenshots = screenshots

    async def create(
        self,
        session: AsyncSession,
        data: BatchCreate,
        *,
        set_id: uuid.UUID | None = None,
        trigger: str | None = None,
        options: Mapping[str, dict[str, Any]] | None = None,
        crawl: CrawlOptions | None = None,
    ) -> CompetitiveAnalysisBatch:
        """A new batch; a comparison set's run also names its set, what started it, each
        URL's analysis options (normalised URL → options) and its crawl options (which the
        request's own fields override)."""
        valid = validate_batch(data, max_urls=self.max_urls, allow_private=self.allow_private)
        crawling = crawl_options(data, crawl) if crawl is not None else valid.crawl
        mode = valid.mode or self.default_mode
        batch = CompetitiveAnalysisBatch(
            name=valid.name,
            primary_url=valid.primary_url,
            mode=mode,
            total_urls=len(valid.urls),
            status=BatchStatus.PENDING,
            set_id=set_id,
            trigger=trigger,
            crawls_pending=len(valid.urls) if crawling.crawls else 0,
        )
        analyses = [
            Analysis(
                url=url,
                mode=mode,
                status=AnalysisStatus.QUEUED,
                options=with_runs(options.get(url) if options is not None else None, valid.runs),
            )
            for url in valid.urls
        ]
        batch.urls = [
            CompetitiveAnalysisUrl(
                position=position,
                url=url,
                is_primary=url == valid.primary_url,
                label=valid.labels.get(url),
                analysis=analysis,
            )
            for position, (url, analysis) in enumerate(zip(valid.urls, analyses, strict=True))
        ]
        batch.crawls = []
        await BatchRepository(session).add(batch)
        if crawling.crawls:
            # Each site's crawl: its start page is the URL, whose full analysis runs as in
            # any batch.
            batch.crawls = [
                Crawl(
                    analysis_id=analysis.id,
                    start_url=url,
                    options=crawling.as_json(),
                    status=CrawlStatus.QUEUED,
                )
                for url, analysis in zip(valid.urls, analyses, strict=True)
            ]
            await session.flush()
        analysis_ids = [analysis.id for analysis in analyses]
        crawl_ids = [item.id for item in batch.crawls]

        async def enqueue_all() -> None:
            for analysis_id in analysis_ids:
                await enqueue_audit(self.queue, analysis_id)
            for crawl_id in crawl_ids:
                await enqueue_crawl_start(self.queue, crawl_id)

        after_commit(session, enqueue_all)
        return batch

    async def get(self, session: AsyncSession, batch_id: uuid.UUID) -> CompetitiveAnalysisBatch:
        batch = await BatchRepository(session).get(batch_id)
        if batch is None:
            raise NotFoundError(f"batch {batch_id} not found")
        return batch

    async def page(
        self, session: AsyncSession, page: int, page_size: int
    ) -> tuple[list[CompetitiveAnalysisBatch], int]:
        return await BatchRepository(session).page((page - 1) * page_size, page_size)

    async def delete(self, session: AsyncSession, batch_id: uuid.UUID) -> None:
        batches = BatchRepository(session)
        analysis_ids = await batches.analysis_ids(batch_id)
        if not analysis_ids and await batches.get(batch_id) is None:
            raise NotFoundError(f"batch {batch_id} not found")
        # Analyses first, then the batch: the order in which the jobs lock them (claim and
        # store update the analysis, then its batch), so the two cannot deadlock. Jobs still
        # running for these analyses find nothing to update and stop there.
        await AnalysisRepository(session).delete(analysis_ids)
        await batches.delete(batch_id)
        screenshots = self.screenshots
        if screenshots is not None and analysis_ids:

            async def remove_screenshots() -> None:
                await asyncio.to_thread(screenshots.remove, analysis_ids)
                await asyncio.to_thread(screenshots.remove_pairs, batch_id)

            after_commit(session, remove_screenshots)

    async def cancel(self, session: AsyncSession, batch_id: uuid.UUID) -> CompetitiveAnalysisBatch:
        batches = BatchRepository(session)
        batch = await self.get(session, batch_id)
        # The queued analyses first, then the batch: the order in which the jobs lock them
        # (see delete). If the batch cannot be cancelled, the error rolls both back.
        await AnalysisRepository(session).cancel_queued([item.analysis_id for item in batch.urls])
        # Its crawls stop: their page jobs find the crawl no longer crawling.
        await CrawlRepository(session).cancel(batch_id)
        version = await batches.transition(
            batch_id,
            BatchStatus.CANCELLED,
            allowed_from=(BatchStatus.PENDING, BatchStatus.RUNNING),
        )
        if version is None:
            raise ConflictError(
                f"batch {batch_id} is {batch.status} and can no longer be cancelled"
            )
        cancelled = batch_event(BATCH_STATUS, batch_id, version, status=BatchStatus.CANCELLED)
        publish_after_commit(session, self.bus, cancelled)
        session.expunge_all()  # reload the new states rather than the identity map's
        return await self.get(session, batch_id)

    async def crawl_pages(
        self,
        session: AsyncSession,
        batch_id: uuid.UUID,
        url_id: uuid.UUID,
        *,
        page: int,
        page_size: int,
        template: str | None = None,
        status: str | None = None,
        failing: str | None = None,
    ) -> tuple[list[CrawlPage], int]:
        """The pages of the crawl of one site (a URL row) of the batch."""
        batch = await self.get(session, batch_id)
        item = next((item for item in batch.urls if item.id == url_id), None)
        if item is None:
            raise NotFoundError(f"batch {batch_id} has no site {url_id}")
        crawl = next((c for c in batch.crawls if c.analysis_id == item.analysis_id), None)
        if crawl is None:
            raise NotFoundError(f"{item.url} was not crawled (the batch analyses one page a site)")
        return await CrawlRepository(session).pages(
            crawl.id,
            offset=(page - 1) * page_size,
            limit=page_size,
            template=template,
            status=status,
            failing=failing,
        )

    async def crawled_pages(
        self, session: AsyncSession, batch: CompetitiveAnalysisBatch
    ) -> dict[uuid.UUID, list[CrawlPage]]:
        """Every page of the batch's crawls, by crawl id (for the exports' pages tables).
        A crawl stored before its report kept the pages' evidence gets its rules too (batch
        reads leave them out): the evidence is worked out again from them."""
        crawls = CrawlRepository(session)
        older = [
            crawl
            for crawl in batch.crawls
            if crawl.report is not None and "page_findings" not in crawl.report
        ]
        if older:
            rules = await crawls.rules_of([crawl.id for crawl in older])
            for crawl in older:
                set_committed_value(crawl, "rules", rules.get(crawl.id))
        return await crawls.all_pages([crawl.id for crawl in batch.crawls])

    async def report_parts(
        self, session: AsyncSession, batch_id: uuid.UUID, *, pages: bool = True
    ) -> tuple[CompetitiveAnalysisBatch, ComparisonResult, dict[uuid.UUID, list[CrawlPage]]]:
        """What an export of the batch is made from (``aura.reports.loading.report_of``): the
        batch, its comparison and, when ``pages``, its crawls' pages (a format that shows
        no page, such as the metrics CSV, need not read them)."""
        batch, comparison = await self.comparison(session, batch_id)
        crawled = await self.crawled_pages(session, batch) if pages else {}
        return batch, comparison, crawled

    async def comparison(
        self, session: AsyncSession, batch_id: uuid.UUID
    ) -> tuple[CompetitiveAnalysisBatch, ComparisonResult]:
        batch = await self.get(session, batch_id)
        if batch.status == BatchStatus.CANCELLED and any(
            item.analysis.status == AnalysisStatus.COMPLETED for item in batch.urls
        ):
            return batch, await _comparison_so_far(batch)
        if batch.status not in (BatchStatus.COMPLETED, BatchStatus.PARTIAL):
            raise ConflictError(_comparison_unavailable(batch))
        comparison = await BatchRepository(session).get_comparison(batch_id)
        if comparison is None:
            raise ConflictError(f"batch {batch_id} has no stored comparison")
        if comparison.comparison_version != COMPARISON_VERSION:
            # The comparison is a pure function of the stored analyses: one made by another
            # version of Aura is made again from them when read (not stored), so an upgrade
            # does not lock users out of their past comparisons.
            return batch, await _comparison_so_far(batch)
        return batch, comparison


def batch_sites(batch: CompetitiveAnalysisBatch) -> list[SiteInput]:
    """The comparison's input: each URL of the batch with its analysis, in the batch's order.
    A crawled site's result carries its crawl's site report as ``result["site"]``."""
    # Without the per-page evidence: the pages table's, read by the exports from the crawl.
    reports = {
        crawl.analysis_id: {k: v for k, v in crawl.report.items() if k != "page_findings"}
        for crawl in batch.crawls
        if crawl.report is not None
    }
    return [
        SiteInput(
            url=item.url,
            status=item.analysis.status,
            is_primary=item.is_primary,
            error=item.analysis.error,
            result=_with_site(item.analysis.result, reports.get(item.analysis_id)),
            label=item.label,
        )
        for item in batch.urls
    ]


def _with_site(
    result: dict[str, Any] | None, report: dict[str, Any] | None
) -> dict[str, Any] | None:
    if result is None or report is None:
        return result
    return {**result, "site": report}


async def _comparison_so_far(batch: CompetitiveAnalysisBatch) -> ComparisonResult:
    """The comparison made when it is read, not stored: that of a cancelled batch's sites
    finished so far (an analysis running when the batch was cancelled still finishes, and
    the next read includes it; the others are listed as left out), or one whose stored copy
    was made by another version of the comparison."""
    # Off the event loop: tens of ms for a large batch.
    document = await asyncio.to_thread(compare, batch_sites(batch), batch.primary_url)
    return ComparisonResult(
        batch_id=batch.id,
        analysis_version=document["analysis_version"],
        comparison_version=COMPARISON_VERSION,
        result=document,
        created_at=utcnow(),
    )


def _comparison_unavailable(batch: CompetitiveAnalysisBatch) -> str:
    if batch.status == BatchStatus.FAILED:
        return f"batch {batch.id} failed: {batch.error or 'no URL could be analysed'}"
    if batch.status == BatchStatus.CANCELLED:
        return (
            f"batch {batch.id} was cancelled and none of its URLs has been analysed; "
            "it has no comparison"
        )
    return (
        f"the comparison of batch {batch.id} is not ready yet (status {batch.status}, "
        f"{batch.completed_urls + batch.failed_urls} of {batch.total_urls} URLs done)"
    )
