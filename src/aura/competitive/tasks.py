"""The ``compare_batch`` job: compute the comparison and finish the batch, exactly once."""

from __future__ import annotations

import asyncio
import logging
import uuid
from typing import TYPE_CHECKING

from aura.comparison import COMPARISON_VERSION, compare
from aura.competitive.events import BATCH_FINISHED, batch_event, publish_after_commit
from aura.competitive.repository import BatchRepository
from aura.competitive.service import batch_sites
from aura.db.engine import after_commit
from aura.jobs import enqueue_tracking
from aura.models import AnalysisStatus, BatchStatus, ComparisonResult

if TYPE_CHECKING:
    from aura.runtime import Runtime

logger = logging.getLogger(__name__)


async def run_comparison(runtime: Runtime, entity_id: str) -> None:
    batch_id = uuid.UUID(entity_id)
    async with runtime.db.read() as session:
        batch = await BatchRepository(session).get(batch_id)
        if batch is None or batch.status != BatchStatus.COMPARING:
            return
        sites = batch_sites(batch)
        primary_url = batch.primary_url
        set_id = batch.set_id

    # Pure computation, outside any transaction, and off the event loop (tens of ms for a
    # large batch).
    document = await asyncio.to_thread(compare, sites, primary_url)
    succeeded = sum(site.status == AnalysisStatus.COMPLETED for site in sites)
    if succeeded == 0:
        outcome, error = BatchStatus.FAILED, "every URL failed; see each URL's error"
    elif succeeded < len(sites):
        outcome, error = BatchStatus.PARTIAL, None
    else:
        outcome, error = BatchStatus.COMPLETED, None

    async with runtime.db.write() as session:
        batches = BatchRepository(session)
        # The conditional transition is the lock: a duplicate job finds the batch finished.
        version = await batches.transition(
            batch_id, outcome, allowed_from=(BatchStatus.COMPARING,), error=error
        )
        if version is None:
            return
        finished = batch_event(
            BATCH_FINISHED,
            batch_id,
            version,
            status=outcome,
            error=error,
            comparison_ready=outcome != BatchStatus.FAILED,
        )
        publish_after_commit(session, runtime.bus, finished)
        if outcome != BatchStatus.FAILED:
            await batches.store_comparison(
                ComparisonResult(
                    batch_id=batch_id,
                    analysis_version=document["analysis_version"],
                    comparison_version=COMPARISON_VERSION,
                    result=document,
                )
            )
            if set_id is not None:
                # A run of a comparison set: what changed since its previous run.
                queue = runtime.queue

                async def track() -> None:
                    await enqueue_tracking(queue, batch_id)

                after_commit(session, track)
    logger.info("batch %s finished: %s", batch_id, outcome)
