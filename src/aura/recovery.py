"""The recovery sweep: re-enqueue what a crash, a lost queue or a dead worker left behind.

Safe to run any number of times from any number of processes: the queue drops a key that
is already queued, and the claim step turns a duplicate delivery into a no-op.
"""

from __future__ import annotations

import logging
import uuid
from collections.abc import Awaitable, Callable
from dataclasses import dataclass

from aura.analyses.repository import AnalysisRepository
from aura.competitive.crawls import CrawlRepository
from aura.competitive.repository import BatchRepository
from aura.db.engine import Database
from aura.db.types import utcnow
from aura.jobs import (
    Enqueuer,
    Scheduler,
    enqueue_audit,
    enqueue_comparison,
    enqueue_crawl_finish,
    enqueue_crawl_page,
    enqueue_crawl_start,
    enqueue_delivery,
    enqueue_set_run,
    enqueue_tracking,
)
from aura.sets.alert_repository import AlertRepository, ChangeRepository
from aura.sets.repository import SetRepository

logger = logging.getLogger(__name__)

SWEEP_LIMIT = 1000

_CRAWL_JOBS: dict[str, Callable[[Enqueuer, uuid.UUID], Awaitable[bool]]] = {
    "start": enqueue_crawl_start,
    "page": enqueue_crawl_page,
    "finish": enqueue_crawl_finish,
}


@dataclass(frozen=True)
class SweepReport:
    analyses: int
    comparisons: int
    trackings: int = 0
    deliveries: int = 0
    schedules: int = 0
    crawl_jobs: int = 0


async def sweep(db: Database, queue: Scheduler) -> SweepReport:
    async with db.read() as session:
        analysis_ids = await AnalysisRepository(session).stranded(utcnow(), SWEEP_LIMIT)
        batch_ids = await BatchRepository(session).comparing(SWEEP_LIMIT)
        untracked = await ChangeRepository(session).untracked(SWEEP_LIMIT)
        deliveries = await AlertRepository(session).stranded(utcnow(), SWEEP_LIMIT)
        # Every enabled schedule's next run: a due one (missed while nothing ran) fires at
        # once, the others wait in the queue for their time; the keys make repeats no-ops.
        schedules = await SetRepository(session).scheduled(SWEEP_LIMIT)
        # Crawls: queued ones (start), their next queued pages and running pages whose lease
        # ran out (page), and crawls with nothing left or stuck finishing (finish).
        crawl_jobs = await CrawlRepository(session).stranded(utcnow(), SWEEP_LIMIT)
    requeued_analyses = 0
    for analysis_id in analysis_ids:
        requeued_analyses += await enqueue_audit(queue, analysis_id)
    requeued_batches = 0
    for batch_id in batch_ids:
        requeued_batches += await enqueue_comparison(queue, batch_id)
    requeued_trackings = 0
    for batch_id in untracked:
        requeued_trackings += await enqueue_tracking(queue, batch_id)
    requeued_deliveries = 0
    for alert_id, attempt in deliveries:
        requeued_deliveries += await enqueue_delivery(queue, alert_id, attempt)
    requeued_schedules = 0
    for set_id, due in schedules:
        requeued_schedules += await enqueue_set_run(queue, set_id, due)
    requeued_crawl_jobs = 0
    for kind, entity_id in crawl_jobs:
        enqueue = _CRAWL_JOBS[kind]
        requeued_crawl_jobs += await enqueue(queue, entity_id)
    if requeued_crawl_jobs:
        logger.info("recovery sweep re-enqueued %d crawl jobs", requeued_crawl_jobs)
    if requeued_schedules:
        logger.info("recovery sweep enqueued %d scheduled set runs", requeued_schedules)
    if requeued_trackings or requeued_deliveries:
        logger.info(
            "recovery sweep re-enqueued %d change trackings and %d alert deliveries",
            requeued_trackings,
            requeued_deliveries,
        )
    if requeued_analyses or requeued_batches:
        logger.info(
            "recovery sweep re-enqueued %d analyses and %d comparisons",
            requeued_analyses,
            requeued_batches,
        )
    return SweepReport(
        requeued_analyses,
        requeued_batches,
        requeued_trackings,
        requeued_deliveries,
        requeued_schedules,
        requeued_crawl_jobs,
    )
