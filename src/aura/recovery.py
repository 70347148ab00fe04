"""The recovery sweep: re-enqueue what a crash, a lost queue or a dead worker left behind.

Safe to run any number of times from any number of processes: the queue drops a key that
is already queued, and the claim step turns a duplicate delivery into a no-op.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

from aura.analyses.repository import AnalysisRepository
from aura.competitive.repository import BatchRepository
from aura.db.engine import Database
from aura.db.types import utcnow
from aura.jobs import Enqueuer, enqueue_audit, enqueue_comparison

logger = logging.getLogger(__name__)

SWEEP_LIMIT = 1000


@dataclass(frozen=True)
class SweepReport:
    analyses: int
    comparisons: int


async def sweep(db: Database, queue: Enqueuer) -> SweepReport:
    async with db.read() as session:
        analysis_ids = await AnalysisRepository(session).stranded(utcnow(), SWEEP_LIMIT)
        batch_ids = await BatchRepository(session).comparing(SWEEP_LIMIT)
    requeued_analyses = 0
    for analysis_id in analysis_ids:
        requeued_analyses += await enqueue_audit(queue, analysis_id)
    requeued_batches = 0
    for batch_id in batch_ids:
        requeued_batches += await enqueue_comparison(queue, batch_id)
    if requeued_analyses or requeued_batches:
        logger.info(
            "recovery sweep re-enqueued %d analyses and %d comparisons",
            requeued_analyses,
            requeued_batches,
        )
    return SweepReport(requeued_analyses, requeued_batches)
