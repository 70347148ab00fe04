"""Running a comparison set from the command line (``aura sets run``, ``aura analyze --set``).

The run is a batch of the set created by ``SetService.run`` (trigger ``cli``), worked off by
this process like any ``aura analyze`` batch. After it finishes, the same worker records
the run's changes and alerts (the ``track_run`` job) and makes the first webhook
deliveries; the command waits for that, within bounds, because the jobs of an in-process
queue end with the process. What is left (a delivery waiting for its retry) is picked up
by the recovery sweep of ``aura serve`` or ``aura worker``.
"""

from __future__ import annotations

import asyncio
import uuid
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import TypeVar

from sqlalchemy.ext.asyncio import AsyncSession

from aura.audit.fetch import NetworkPolicy
from aura.cli.batch_run import BatchOutcome, ProgressSink, follow_batch, working_runtime
from aura.competitive.schemas import BatchRead
from aura.config import Settings
from aura.models import BatchStatus
from aura.runtime import Runtime
from aura.sets.monitoring import MonitoringService
from aura.sets.schemas import AlertRead, RunSummary, SetRead
from aura.sets.service import SetService

T = TypeVar("T")

#: How often the database is asked whether the run's follow-up jobs are done.
POLL_SECONDS = 0.2
#: Runs read per poll: the one followed is among the newest unless many started since.
RECENT_RUNS = 10
FINISHED = (BatchStatus.COMPLETED, BatchStatus.PARTIAL)


@dataclass(frozen=True)
class SetRun:
    set: SetRead
    outcome: BatchOutcome
    #: False when the change record or a first delivery was still outstanding at exit.
    settled: bool


async def run_set(
    settings: Settings,
    name_or_id: str,
    progress: ProgressSink,
    *,
    policy: NetworkPolicy | None = None,
) -> SetRun:
    """Run the set named ``name_or_id`` in this process; ``NotFoundError`` if there is none."""
    ran, _ = await run_set_then(settings, name_or_id, progress, _nothing, policy=policy)
    return ran


async def _nothing(runtime: Runtime, ran: SetRun) -> None:
    return None


async def run_set_then(
    settings: Settings,
    name_or_id: str,
    progress: ProgressSink,
    then: Callable[[Runtime, SetRun], Awaitable[T]],
    *,
    policy: NetworkPolicy | None = None,
) -> tuple[SetRun, T]:
    """``run_set``, then ``then`` on the same runtime (to read what the run produced)."""
    async with working_runtime(settings, policy) as runtime:
        sets = SetService(runtime)
        async with runtime.db.read() as session:
            found = await sets.find(session, name_or_id)

        async def start(session: AsyncSession) -> BatchRead:
            return await sets.run(session, found.id, "cli")

        outcome = await follow_batch(runtime, start, progress)
        settled = await _settle(runtime, found.id, outcome.batch)
        ran = SetRun(set=found, outcome=outcome, settled=settled)
        return ran, await then(runtime, ran)


async def _settle(runtime: Runtime, set_id: uuid.UUID, batch: BatchRead) -> bool:
    """Wait, at most a job's lease, for the run's change record and first deliveries."""
    if batch.status not in FINISHED:
        return True
    sets, monitoring = SetService(runtime), MonitoringService(runtime)
    async with runtime.db.read() as session:
        runs = (await sets.runs(session, set_id)).items
    if not _has_earlier_finished_run(runs, batch.id):
        return True  # the set's first finished run: it gets no change record
    loop = asyncio.get_running_loop()
    deadline = loop.time() + runtime.settings.job_lease_seconds
    while True:
        async with runtime.db.read() as session:
            recent = (await sets.runs(session, set_id, RECENT_RUNS)).items
            alerts = (await monitoring.alerts(session, set_id)).items
        this = next((run for run in recent if run.batch_id == batch.id), None)
        tracked = this is None or this.change_count is not None
        if tracked and not _first_delivery_due(alerts, batch.id):
            return True
        if loop.time() >= deadline:
            return False
        await asyncio.sleep(POLL_SECONDS)


def _has_earlier_finished_run(runs: list[RunSummary], batch_id: uuid.UUID) -> bool:
    this = next((run for run in runs if run.batch_id == batch_id), None)
    return this is not None and any(
        run.status in FINISHED and run.created_at < this.created_at for run in runs
    )


def _first_delivery_due(alerts: list[AlertRead], batch_id: uuid.UUID) -> bool:
    """Whether an alert of the run waits for its first delivery attempt or is being sent."""
    return any(
        alert.batch_id == batch_id
        and (
            alert.delivery.status == "sending"
            or (alert.delivery.status == "pending" and alert.delivery.attempts == 0)
        )
        for alert in alerts
    )
