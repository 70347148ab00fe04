"""Running a batch from the command line, through the same service and tasks as the API.

The batch lives in the configured database; the jobs run on an in-process queue and worker
(whatever queue the settings name), so one command does the whole job and then exits. The
caller's ``ProgressSink`` sees every event of the batch, in order, and a snapshot whenever
the event stream cannot be trusted (a resync, or quiet for a while).
"""

from __future__ import annotations

import asyncio
import contextlib
import uuid
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from dataclasses import dataclass
from typing import Any, Protocol

from sqlalchemy.ext.asyncio import AsyncSession

from aura.audit.audits import all_audits
from aura.audit.fetch import NetworkPolicy
from aura.cli import head_start
from aura.competitive.events import BATCH_FINISHED, CRAWL_PROGRESS
from aura.competitive.schemas import BatchCreate, BatchRead
from aura.competitive.service import CompetitiveService
from aura.config import Settings
from aura.db.migrate import upgrade_if_behind
from aura.errors import ConflictError, NotFoundError
from aura.models import BatchStatus
from aura.queue import LOCAL_URL
from aura.reports import Report
from aura.reports.loading import report_of
from aura.runtime import Runtime
from aura.worker import create_runtime

#: How long the event stream may stay quiet before the database is asked for the state.
QUIET_SECONDS = 2.0


#: Creates a batch in the write session it is given (committed by the caller) and returns it.
StartBatch = Callable[[AsyncSession], Awaitable[BatchRead]]


class ProgressSink(Protocol):
    def snapshot(self, batch: BatchRead) -> None: ...

    def event(self, event: dict[str, Any]) -> None: ...


@dataclass(frozen=True)
class BatchOutcome:
    batch: BatchRead
    #: None when there is no comparison (every URL failed, or the batch was cancelled).
    report: Report | None

    @property
    def every_url_failed(self) -> bool:
        return self.batch.completed_urls == 0


def local_settings(settings: Settings) -> Settings:
    """The settings with an in-process queue and event bus: this process does the work, on
    the queue that needs no task engine (``aura.queue.local``)."""
    return settings.model_copy(update={"queue_url": LOCAL_URL, "events_url": "memory://"})


def prepare_database(settings: Settings) -> None:
    """Bring the schema up to date, as ``aura serve`` does (blocking; call outside a loop).
    A SQLite file already at the newest revision is left alone without loading Alembic.

    What the command's head start prepared is taken first (``aura.cli.head_start``): a new
    database, built while the command loaded, and the readability tables."""
    head_start.finish(settings.database_url_resolved)
    upgrade_if_behind(settings.database_url_resolved)


def service_for(runtime: Runtime, *, allow_private: bool | None = None) -> CompetitiveService:
    return CompetitiveService(
        runtime.queue,
        runtime.bus,
        max_urls=runtime.settings.max_batch_urls,
        allow_private=runtime.settings.allow_private_networks
        if allow_private is None
        else allow_private,
        default_mode=runtime.default_mode,
        screenshots=runtime.screenshots,
    )


async def load_report(runtime: Runtime, batch_id: uuid.UUID, *, pages: bool = True) -> Report:
    """The report of a finished batch (without the crawled pages unless ``pages``);
    ``ConflictError`` when it has no comparison."""
    async with runtime.db.read() as session:
        batch, comparison, crawled = await service_for(runtime).report_parts(
            session, batch_id, pages=pages
        )
        return report_of(batch, comparison, runtime.screenshots, crawled)


async def read_batch(runtime: Runtime, batch_id: uuid.UUID) -> BatchRead:
    async with runtime.db.read() as session:
        return BatchRead.of(await service_for(runtime).get(session, batch_id))


@asynccontextmanager
async def own_jobs_worker(runtime: Runtime) -> AsyncIterator[None]:
    """Work off the in-process queue, which holds only this command's jobs.

    Unlike ``runtime.work()`` it runs no recovery sweep: the sweep would pull queued jobs of
    other processes sharing the database (a running ``aura serve``) into this short-lived
    worker, where they would hold up this batch and be released again on exit.
    """
    # The audit modules are imported now, before any job runs: imported by the first
    # analysis, they held the event loop for 0.1 s while the other jobs were claiming their
    # analyses, one write transaction after the other (and so started that much later).
    all_audits()
    task = asyncio.create_task(
        runtime.queue.run_worker(
            concurrency=runtime.settings.worker_concurrency, name=runtime.worker_name
        ),
        name="aura-cli-worker",
    )
    try:
        yield
    finally:
        task.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await task


async def run_batch(
    settings: Settings,
    request: BatchCreate,
    progress: ProgressSink,
    *,
    policy: NetworkPolicy | None = None,
    allow_private: bool | None = None,
) -> BatchOutcome:
    """Create the batch, work it off in this process and return it with its report.

    Cancelling the call (Ctrl-C) cancels the batch in the database before re-raising.
    """
    async with working_runtime(settings, policy) as runtime:
        service = service_for(runtime, allow_private=allow_private)

        async def start(session: AsyncSession) -> BatchRead:
            return BatchRead.of(await service.create(session, request))

        return await follow_batch(runtime, start, progress)


@asynccontextmanager
async def working_runtime(
    settings: Settings, policy: NetworkPolicy | None = None
) -> AsyncIterator[Runtime]:
    """A runtime on an in-process queue with its worker running, for one command."""
    runtime = create_runtime(local_settings(settings), policy)
    async with runtime.opened(), own_jobs_worker(runtime):
        yield runtime


async def follow_batch(runtime: Runtime, start: StartBatch, progress: ProgressSink) -> BatchOutcome:
    """Start a batch on a ``working_runtime``, show its progress, return it with its report.

    Cancelling the call (Ctrl-C) cancels the batch in the database before re-raising.
    """
    async with contextlib.AsyncExitStack() as stack:
        async with runtime.db.write() as session:
            created = await start(session)
            # Subscribed before the commit enqueues the jobs: no event can come before it.
            events = await stack.enter_async_context(runtime.bus.subscribe(created.id))
        progress.snapshot(created)
        try:
            final = await _follow(runtime, created, events, progress)
        except asyncio.CancelledError:
            await _cancel(runtime, service_for(runtime), created.id)
            raise
        report = None
        if final.status in (BatchStatus.COMPLETED, BatchStatus.PARTIAL):
            report = await load_report(runtime, final.id)
        return BatchOutcome(batch=final, report=report)


async def _follow(
    runtime: Runtime, batch: BatchRead, events: Any, progress: ProgressSink
) -> BatchRead:
    version = batch.version
    while True:
        try:
            async with asyncio.timeout(QUIET_SECONDS):
                event: dict[str, Any] = await events.get()
        except TimeoutError:
            event = {"type": "resync"}
        kind = event.get("type")
        event_version = event.get("version")
        if kind == CRAWL_PROGRESS:
            progress.event(event)  # counters only, without a version
            continue
        if kind == "resync" or not isinstance(event_version, int):
            current = await read_batch(runtime, batch.id)
            if current.version != version:
                version = current.version
                progress.snapshot(current)
            if BatchStatus(current.status).finished:
                return current
            continue
        if event_version <= version:
            continue
        version = event_version
        progress.event(event)
        if kind == BATCH_FINISHED or event.get("status") == BatchStatus.CANCELLED:
            return await read_batch(runtime, batch.id)


async def _cancel(runtime: Runtime, service: CompetitiveService, batch_id: uuid.UUID) -> None:
    with contextlib.suppress(ConflictError, NotFoundError):
        async with runtime.db.write() as session:
            await service.cancel(session, batch_id)
