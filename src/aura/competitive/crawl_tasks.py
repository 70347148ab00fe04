"""The crawl jobs: ``crawl_start`` (the site's rules and first pages), ``crawl_page`` (claim
one page, fetch it politely, store its record and the links to follow) and ``crawl_finish``
(the site report, then the batch's fan-in).

The database is the frontier: pages are rows claimed with a lease and a token like analyses.
A page job is offered to the queue when its page can run: the crawl offers its next queued
pages (as many as its concurrency) whenever a page settles, and a job that finds the crawl
busy, or its fetch slot later, offers itself again for when it can run. So the queue holds a
few jobs per crawl, never one per discovered page.
"""

from __future__ import annotations

import asyncio
import dataclasses
import datetime as dt
import logging
import time
import uuid
from typing import TYPE_CHECKING, Any

from aura.analyses.tasks import BROWSER_WAIT_RETRY, time_limit
from aura.audit.fetch import Fetcher
from aura.audit.runner import AnalysisError, analyze_url
from aura.competitive.crawls import (
    CrawlRepository,
    NotYet,
    PageClaim,
    Seed,
    Settled,
    sitemap_depth,
)
from aura.competitive.events import (
    BATCH_STATUS,
    CRAWL_FINISHED,
    CRAWL_PROGRESS,
    batch_event,
    publish_after_commit,
)
from aura.competitive.repository import BatchRepository
from aura.crawl.page import crawl_page
from aura.crawl.records import SITEMAP_SOURCE, CrawlOptions, PageRecord
from aura.crawl.resources import check_resource, check_resources
from aura.crawl.rules import MAX_SITEMAP_BYTES, SiteRules, origin_of, site_rules
from aura.crawl.site import site_report
from aura.crawl.urls import Scope, normalise
from aura.db.engine import after_commit
from aura.db.types import utcnow
from aura.events import EventBus
from aura.jobs import enqueue_comparison, enqueue_crawl_finish, enqueue_crawl_page
from aura.models import BatchStatus, CrawlStatus

if TYPE_CHECKING:
    from aura.runtime import Runtime

logger = logging.getLogger(__name__)

#: Least time between two ``crawl.progress`` events of one crawl from one process.
PROGRESS_INTERVAL = 0.5


class ProgressThrottle:
    """When a crawl's progress event is due: at most one per ``interval`` per crawl, and
    always the last one (the crawl drained). It remembers only the crawls that published
    within the interval (an older moment is as good as none), so a crawl that is cancelled,
    fails or drains on another worker leaves nothing behind once the interval has passed."""

    def __init__(self, interval: float = PROGRESS_INTERVAL) -> None:
        self.interval = interval
        self._last: dict[uuid.UUID, float] = {}

    def __len__(self) -> int:
        return len(self._last)

    def due(self, crawl_id: uuid.UUID, now: float, *, final: bool = False) -> bool:
        expired = [key for key, moment in self._last.items() if now - moment >= self.interval]
        for key in expired:
            del self._last[key]
        if final:
            self._last.pop(crawl_id, None)
            return True
        if crawl_id in self._last:
            return False
        self._last[crawl_id] = now
        return True


_progress = ProgressThrottle()
#: Seconds a crawl's finish spends checking the site's subresources at most.
RESOURCE_CHECK_S = 60.0


def _fetcher(runtime: Runtime, *, max_bytes: int | None = None) -> Fetcher:
    limits = runtime.analysis_options().limits
    if max_bytes is not None:
        limits = dataclasses.replace(limits, max_bytes=max_bytes)
    return Fetcher(limits, runtime.policy)


async def _site_url(start: str, fetcher: Fetcher) -> str:
    """The URL whose site is crawled: where the start URL's redirects end when they lead to
    another origin (``brand.com`` → ``brand.co.uk``: its robots.txt, sitemaps and links are
    the site's), else the start URL."""
    checked = await check_resource(start, fetcher)
    final = checked.final_url
    if final and checked.status is not None and origin_of(final) != origin_of(start):
        return final
    return start


async def run_crawl_start(runtime: Runtime, entity_id: str) -> None:
    crawl_id = uuid.UUID(entity_id)
    async with runtime.db.read() as session:
        crawl = await CrawlRepository(session).get(crawl_id)
        if crawl is None:
            return
        status, start_url = crawl.status, crawl.start_url
        options = CrawlOptions.from_json(crawl.options)
    if status == CrawlStatus.CRAWLING:
        await offer_pages(runtime, crawl_id, options.concurrency)  # a repeat: carry on
        return
    if status != CrawlStatus.QUEUED:
        return
    start = normalise(start_url) or start_url
    # Sitemaps may be far larger than a page (rules.py bounds what it keeps of them).
    async with _fetcher(runtime, max_bytes=MAX_SITEMAP_BYTES) as fetcher:
        site = start
        try:
            site = await _site_url(start, fetcher)
            rules = await site_rules(site, fetcher, options)
        except Exception:
            # Without rules the crawl still runs (robots.txt unread: everything allowed).
            logger.exception("reading the rules of %s failed", site)
            rules = SiteRules(robots_url=f"{origin_of(site)}/robots.txt", site_url=site)
    seeds = [Seed(start, 0, "start")]
    if options.use_sitemaps:
        scope = Scope(site, options)
        for entry in rules.entries:
            url = normalise(entry.url)
            if url is not None and scope.refusal(url) is None and rules.allowed(url):
                seeds.append(Seed(url, sitemap_depth(options), SITEMAP_SOURCE, entry.sitemap))
    async with runtime.db.write() as session:
        started = await CrawlRepository(session).start(crawl_id, rules, seeds)
        if started:
            after_commit(session, lambda: offer_pages(runtime, crawl_id, options.concurrency))


async def offer_pages(runtime: Runtime, crawl_id: uuid.UUID, count: int) -> None:
    """Put the crawl's next queued pages on the queue (a page already there stays once)."""
    async with runtime.db.read() as session:
        page_ids = await CrawlRepository(session).next_queued(crawl_id, max(1, count))
    for page_id in page_ids:
        await enqueue_crawl_page(runtime.queue, page_id)


async def run_crawl_page(runtime: Runtime, entity_id: str) -> None:
    page_id = uuid.UUID(entity_id)
    settings = runtime.settings
    lease = dt.timedelta(seconds=settings.job_lease_seconds)
    async with runtime.db.write() as session:
        outcome = await CrawlRepository(session).claim(
            page_id, lease, can_render=runtime.browser.available
        )
        if isinstance(outcome, Settled):
            _after_settled(runtime, session, outcome)
    if outcome is None or isinstance(outcome, Settled):
        return
    if isinstance(outcome, NotYet):
        await enqueue_crawl_page(runtime.queue, page_id, delay=outcome.delay)
        return
    claim = outcome
    if claim.attempts > settings.job_max_attempts:
        reason = f"gave up after {settings.job_max_attempts} attempts (the worker kept failing)"
        await _settle(runtime, claim, None, reason)
        return
    wait = (claim.slot - utcnow()).total_seconds()
    try:
        if wait > 0:
            await asyncio.sleep(wait)  # politeness: this page's fetch slot
        async with asyncio.timeout(settings.job_lease_seconds * 0.8):
            async with _fetcher(runtime) as fetcher:
                record = await crawl_page(
                    claim.url, claim.depth, fetcher, source=claim.source, found_on=claim.found_on
                )
        if claim.render and record.ok and record.is_html:
            rendered = await _rendered(runtime, claim, record)
            if rendered is None:
                # No browser came free in time: the page waits in the queue (not an attempt)
                # for its render, like a browser-mode analysis.
                await _release(runtime, claim, attempt=False)
                await enqueue_crawl_page(runtime.queue, claim.page_id, delay=BROWSER_WAIT_RETRY)
                return
            record = rendered
        error = None
    except TimeoutError:
        record, error = None, f"the page took longer than {settings.job_lease_seconds * 0.8:g} s"
    except asyncio.CancelledError:
        await _release(runtime, claim)
        raise
    except Exception as failure:
        logger.exception("crawling %s crashed", claim.url)
        record, error = None, f"internal error while crawling: {type(failure).__name__}"
    try:
        await _settle(runtime, claim, record, error)
    except Exception:
        await _release(runtime, claim)
        raise


async def _rendered(runtime: Runtime, claim: PageClaim, record: PageRecord) -> PageRecord | None:
    """The template's sample: the page's full analysis in browser mode, whose category scores
    and failing audits replace the static ones on the record; None if no browser came free
    in time. If the analysis fails, the static record stays (``rendered`` False)."""
    settings = runtime.settings
    async with runtime.render_permit("browser") as permitted:
        if not permitted:
            return None
        try:
            async with asyncio.timeout(time_limit(settings, 1)):
                result = await analyze_url(claim.url, runtime.analysis_options("browser"))
        except (AnalysisError, TimeoutError) as failure:
            logger.info("rendering %s failed: %s", claim.url, failure)
            return dataclasses.replace(record, rendered=False)
    categories = result.get("categories") or {}
    scores: dict[str, float | None] = {}
    failing: list[str] = []
    for name, category in categories.items():
        if not isinstance(category, dict) or category.get("informative"):
            continue
        score = category.get("score")
        scores[name] = float(score) if isinstance(score, int | float) else None
        for audit in category.get("audits") or ():
            value = audit.get("score") if isinstance(audit, dict) else None
            if isinstance(value, int | float) and value < 0.9:
                failing.append(str(audit.get("id")))
    return dataclasses.replace(
        record, scores=scores, failing=tuple(dict.fromkeys(failing)), rendered=True
    )


async def _settle(
    runtime: Runtime, claim: PageClaim, record: PageRecord | None, error: str | None
) -> None:
    async with runtime.db.write() as session:
        crawls = CrawlRepository(session)
        if record is None:
            settled = await crawls.fail(claim, error or "the page could not be crawled")
        else:
            settled = await crawls.store(claim, record, error=error)
        if settled is None:
            logger.info("crawl page %s was taken over or removed; record dropped", claim.page_id)
            return
        _after_settled(runtime, session, settled)


def _after_settled(runtime: Runtime, session: Any, settled: Settled) -> None:
    """After a page settled: the crawl's finish when nothing is left, else its next pages
    (read in the page's own transaction: ``Settled.offer``); and (throttled) a progress
    event."""
    crawl_id = settled.crawl_id
    # The progress first, right after the commit: a page settled just before holds its event
    # no longer than its own commit, so the counts go out in the order they were stored (two
    # settling together may still cross; a watcher keeps the higher counts, lib/crawlPages.ts).
    if _progress.due(crawl_id, time.monotonic(), final=settled.drained):
        publish_progress(session, runtime.bus, settled)
    if settled.drained:

        async def finish() -> None:
            await enqueue_crawl_finish(runtime.queue, crawl_id)

        after_commit(session, finish)
    elif settled.offer:

        async def more() -> None:
            for page_id in settled.offer:
                await enqueue_crawl_page(runtime.queue, page_id)

        after_commit(session, more)


def publish_progress(session: Any, bus: EventBus, settled: Settled) -> None:
    """``crawl.progress`` on the batch's channel. It carries no version: it changes nothing
    a snapshot holds beyond counters, and one per page would make the batch's versions (which
    watchers require gap-free) churn; watchers pass it on as it comes."""
    event = {
        "type": CRAWL_PROGRESS,
        "batch_id": str(settled.batch_id),
        "crawl_id": str(settled.crawl_id),
        "discovered": settled.discovered,
        "done": settled.done,
        "failed": settled.failed,
        "skipped": settled.skipped,
        "queued": max(0, settled.discovered - settled.done - settled.failed),
    }
    publish_after_commit(session, bus, event)


async def _release(runtime: Runtime, claim: PageClaim, *, attempt: bool = True) -> None:
    try:
        async with runtime.db.write() as session:
            await CrawlRepository(session).release(claim, attempt=attempt)
    except Exception:
        logger.exception("could not release crawl page %s", claim.page_id)


async def _check_resources(
    runtime: Runtime, records: list[PageRecord], rules: SiteRules | None, options: CrawlOptions
) -> list[PageRecord]:
    """The pages' same-site subresources, checked once each for the broken-resources finding
    (``aura.crawl.resources``), politely and within a third of the job's time limit."""
    delay = rules.delay(options) if rules is not None else options.delay_s
    try:
        async with _fetcher(runtime) as fetcher:
            return await check_resources(
                records,
                fetcher,
                rules,
                concurrency=options.concurrency,
                delay_s=delay,
                time_s=min(RESOURCE_CHECK_S, runtime.settings.job_lease_seconds / 3),
            )
    except Exception:
        # The report goes on without them: its finding then says it cannot tell.
        logger.exception(
            "checking the subresources of %s failed", records[0].url if records else ""
        )
        return []


async def run_crawl_finish(runtime: Runtime, entity_id: str) -> None:
    crawl_id = uuid.UUID(entity_id)
    async with runtime.db.write() as session:
        crawl = await CrawlRepository(session).begin_finish(crawl_id)
        if crawl is None:
            return
        start_url = crawl.start_url
        rules = SiteRules.from_json(crawl.rules) if crawl.rules else None
        options = CrawlOptions.from_json(crawl.options)
    async with runtime.db.read() as session:
        records = await CrawlRepository(session).records(crawl_id)
    report: dict[str, Any] | None
    try:
        resources = await _check_resources(runtime, records, rules, options)
        report = await asyncio.to_thread(site_report, [*records, *resources], rules, start_url)
        error = None
    except Exception as failure:
        logger.exception("the site report of %s failed", start_url)
        report, error = None, f"internal error in the site report: {type(failure).__name__}"
    async with runtime.db.write() as session:
        batch_id = await CrawlRepository(session).complete(crawl_id, report, error)
        if batch_id is None:
            return  # another finisher won
        fan_in = await BatchRepository(session).record_crawl_finished(batch_id)
        if fan_in is None:
            return
        finished = batch_event(
            CRAWL_FINISHED,
            batch_id,
            fan_in.version,
            crawl_id=str(crawl_id),
            status=CrawlStatus.COMPLETED if error is None else CrawlStatus.FAILED,
            pages=len(records),
            error=error,
        )
        publish_after_commit(session, runtime.bus, finished)
        if fan_in.comparing_version is None:
            return
        comparing = batch_event(
            BATCH_STATUS, batch_id, fan_in.comparing_version, status=BatchStatus.COMPARING
        )
        publish_after_commit(session, runtime.bus, comparing)

        async def compare() -> None:
            await enqueue_comparison(runtime.queue, batch_id)

        after_commit(session, compare)
    logger.info("crawl %s of %s finished: %d pages", crawl_id, start_url, len(records))
