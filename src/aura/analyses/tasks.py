"""The ``audit_url`` job: claim, analyse outside any transaction, store, fan in."""

from __future__ import annotations

import asyncio
import datetime as dt
import logging
import time
import uuid
from dataclasses import replace
from typing import TYPE_CHECKING, Any

from sqlalchemy.ext.asyncio import AsyncSession

from aura.analyses.repository import AnalysisRepository, Claim
from aura.audit.runner import AnalysisError, analyze_url
from aura.competitive.events import (
    BATCH_STATUS,
    URL_FINISHED,
    URL_STAGE,
    URL_STARTED,
    batch_event,
    publish_after_commit,
)
from aura.competitive.repository import BatchRepository
from aura.db.engine import after_commit
from aura.jobs import enqueue_audit_again, enqueue_comparison
from aura.models import AnalysisStatus, BatchStatus

if TYPE_CHECKING:
    from aura.config import Settings
    from aura.runtime import Runtime

logger = logging.getLogger(__name__)

#: How long a browser-mode job that found no browser free in time waits before it is
#: offered again.
BROWSER_WAIT_RETRY = 2.0


async def run_audit(runtime: Runtime, entity_id: str) -> None:
    analysis_id = uuid.UUID(entity_id)
    # A browser-mode job waits for a free browser slot before it claims: the wait is queueing
    # (the URL stays "queued" and holds no lease), not part of the analysis's time limit. A
    # worker that took more browser jobs than it can render would otherwise fail them as
    # too slow while another worker sits idle.
    if not runtime.browser.available:
        await _run_claimed(runtime, analysis_id)  # every analysis runs static here
        return
    async with runtime.db.read() as session:
        mode = await AnalysisRepository(session).mode_of(analysis_id)
    if mode is None:
        return
    async with runtime.render_permit(mode) as permitted:
        if not permitted:
            # Still queued and unclaimed: offered again shortly, to whichever worker has a
            # browser free then. (The recovery sweep would too, but a command's own worker
            # runs none: `aura analyze` waited for such a page for good.)
            logger.info("analysis %s waited too long for a browser; queued again", analysis_id)
            await enqueue_audit_again(runtime.queue, analysis_id, delay=BROWSER_WAIT_RETRY)
            return
        await _run_claimed(runtime, analysis_id)


async def _run_claimed(runtime: Runtime, analysis_id: uuid.UUID) -> None:
    settings = runtime.settings
    lease = dt.timedelta(seconds=settings.job_lease_seconds)

    async with runtime.db.write() as session:
        claim = await AnalysisRepository(session).claim(analysis_id, lease, runtime.worker_name)
        if claim is not None and claim.batch_id is not None:
            await _announce_start(runtime, session, claim, claim.batch_id)
    if claim is None:
        logger.debug("analysis %s is not claimable (done, running or gone)", analysis_id)
        return

    if claim.attempts > settings.job_max_attempts:
        await _store(
            runtime,
            claim,
            None,
            f"gave up after {settings.job_max_attempts} attempts (the worker kept failing)",
            0.0,
        )
        return

    started = time.perf_counter()
    try:
        # The lease outlives this limit (see Settings), so nobody else takes the job meanwhile.
        async with asyncio.timeout(time_limit(settings, claim.runs)):
            options = runtime.analysis_options(
                claim.mode,
                claim.analysis_id,
                ignore_selectors=claim.ignore_selectors,
                runs=claim.runs,
            )

            async def on_stage(stage: str) -> None:
                await _announce_stage(runtime, claim, stage)

            result = await analyze_url(claim.url, replace(options, on_stage=on_stage))
        error = None
    except AnalysisError as failure:
        result, error = None, str(failure)
    except TimeoutError:
        limit = time_limit(settings, claim.runs)
        result, error = None, f"the analysis took longer than {limit:g} s"
    except asyncio.CancelledError:
        await _release(runtime, claim)
        raise
    except Exception as failure:
        # A bug in an analysis must not poison the job forever: record it for this URL.
        logger.exception("analysis of %s crashed", claim.url)
        result, error = None, f"internal error while analysing: {type(failure).__name__}"

    try:
        await _store(runtime, claim, result, error, time.perf_counter() - started)
    except Exception:
        await _release(runtime, claim)
        raise


async def _announce_start(
    runtime: Runtime, session: AsyncSession, claim: Claim, batch_id: uuid.UUID
) -> None:
    batches = BatchRepository(session)
    version = await batches.bump_version(batch_id)
    if version is None:
        return
    started = batch_event(
        URL_STARTED,
        batch_id,
        version,
        analysis_id=str(claim.analysis_id),
        url=claim.url,
        attempt=claim.attempts,
    )
    publish_after_commit(session, runtime.bus, started)
    running = await batches.transition(
        batch_id, BatchStatus.RUNNING, allowed_from=(BatchStatus.PENDING,)
    )
    if running is not None:
        status = batch_event(BATCH_STATUS, batch_id, running, status=BatchStatus.RUNNING)
        publish_after_commit(session, runtime.bus, status)


async def _announce_stage(runtime: Runtime, claim: Claim, stage: str) -> None:
    """Record the stage the analysis reached and tell the batch's watchers (one version)."""
    async with runtime.db.write() as session:
        if not await AnalysisRepository(session).set_stage(claim, stage):
            return  # the claim was lost: the new holder reports its own progress
        if claim.batch_id is None:
            return
        version = await BatchRepository(session).bump_version(claim.batch_id)
        if version is None:
            return
        event = batch_event(
            URL_STAGE,
            claim.batch_id,
            version,
            analysis_id=str(claim.analysis_id),
            url=claim.url,
            stage=stage,
        )
        publish_after_commit(session, runtime.bus, event)


async def _store(
    runtime: Runtime,
    claim: Claim,
    result: dict[str, Any] | None,
    error: str | None,
    elapsed: float,
) -> None:
    succeeded = result is not None
    async with runtime.db.write() as session:
        stored = await AnalysisRepository(session).finish(
            claim,
            status=AnalysisStatus.COMPLETED if succeeded else AnalysisStatus.FAILED,
            result=result,
            error=error,
            final_url=result.get("final_url") if result else None,
            analysis_version=result.get("analysis_version") if result else None,
            duration_ms=round(elapsed * 1000),
        )
        if not stored:
            logger.info("analysis %s was taken over or removed; result dropped", claim.analysis_id)
            return
        if claim.batch_id is None:
            return
        batch_id = claim.batch_id
        fan_in = await BatchRepository(session).record_url_finished(batch_id, succeeded=succeeded)
        if fan_in is None:
            return
        finished = batch_event(
            URL_FINISHED,
            batch_id,
            fan_in.version,
            analysis_id=str(claim.analysis_id),
            url=claim.url,
            status=AnalysisStatus.COMPLETED if succeeded else AnalysisStatus.FAILED,
            error=error,
            progress=fan_in.progress,
            completed_urls=fan_in.completed_urls,
            failed_urls=fan_in.failed_urls,
        )
        publish_after_commit(session, runtime.bus, finished)
        if fan_in.comparing_version is not None:
            comparing = batch_event(
                BATCH_STATUS, batch_id, fan_in.comparing_version, status=BatchStatus.COMPARING
            )
            publish_after_commit(session, runtime.bus, comparing)
            after_commit(session, lambda: _enqueue_comparison(runtime, batch_id))


async def _enqueue_comparison(runtime: Runtime, batch_id: uuid.UUID) -> None:
    await enqueue_comparison(runtime.queue, batch_id)


async def _release(runtime: Runtime, claim: Claim) -> None:
    try:
        async with runtime.db.write() as session:
            await AnalysisRepository(session).release(claim)
    except Exception:
        # The lease expires on its own and the recovery sweep takes the job up again.
        logger.exception("could not release analysis %s", claim.analysis_id)


def time_limit(settings: Settings, runs: int) -> float:
    """The analysis's time limit: each render beyond the first adds a page budget, within
    the job's lease (which must outlive it, so that nobody else takes the job meanwhile)."""
    limit = settings.analysis_timeout + (runs - 1) * settings.browser_page_budget
    return float(min(limit, settings.job_lease_seconds * 0.9))
