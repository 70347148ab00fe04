"""The queue of a process that runs its own jobs and then exits (``local://``).

``aura analyze`` creates a batch, works off its jobs and exits: nothing else takes those
jobs, and none outlives the process. It needs the queue's rules (one job per key until it
starts, the time limit of an attempt, retries with growing delays, a bounded number of jobs
at once), not the machinery that carries jobs between processes, whose start-up would cost
the command a quarter of a second of imports (Docket, its Redis client and their
dependencies). The jobs run as tasks of this event loop; the database stays the source of
truth, exactly as on Docket.
"""

from __future__ import annotations

import asyncio
import contextlib
import datetime as dt
import heapq
import itertools
import logging
from collections.abc import Mapping
from dataclasses import dataclass, field
from types import TracebackType

from aura.queue.base import Handler, QueueRules, TaskQueue

logger = logging.getLogger(__name__)


@dataclass(order=True)
class _Job:
    when: dt.datetime
    order: int
    kind: str = field(compare=False)
    entity_id: str = field(compare=False)
    key: str = field(compare=False)
    attempt: int = field(default=1, compare=False)
    #: False once the key was given to another job (a retry replaces a queued job).
    live: bool = field(default=True, compare=False)


class LocalQueue(TaskQueue):
    """Jobs held in memory and run by ``run_worker`` in this event loop."""

    def __init__(
        self,
        url: str,
        name: str,
        handlers: Mapping[str, Handler],
        rules: QueueRules | None = None,
    ) -> None:
        super().__init__(url, name, rules)
        self._handlers = dict(handlers)
        self._due: list[_Job] = []  # a heap, soonest first (then first queued)
        self._queued: dict[str, _Job] = {}  # by key: the jobs not started yet
        self._order = itertools.count()
        self._changed = asyncio.Event()
        self._opened = False

    async def __aenter__(self) -> LocalQueue:
        self._opened = True
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self._opened = False

    async def enqueue_at(self, kind: str, entity_id: str, key: str, when: dt.datetime) -> bool:
        if kind not in self._handlers:
            raise KeyError(f"no task named {kind!r}")
        if key in self._queued:
            return False
        self._push(_Job(when, next(self._order), kind, entity_id, key))
        return True

    async def ping(self) -> None:
        if not self._opened:
            raise ConnectionError("the queue is not open")

    def _push(self, job: _Job) -> None:
        replaced = self._queued.get(job.key)
        if replaced is not None:
            replaced.live = False
        self._queued[job.key] = job
        heapq.heappush(self._due, job)
        self._changed.set()

    def _next_due(self) -> tuple[_Job | None, float | None]:
        """The first job due now, or none and how long until one is (None: nothing queued)."""
        while self._due and not self._due[0].live:
            heapq.heappop(self._due)
        if not self._due:
            return None, None
        wait = (self._due[0].when - dt.datetime.now(dt.UTC)).total_seconds()
        if wait > 0:
            return None, wait
        job = heapq.heappop(self._due)
        del self._queued[job.key]  # the key is free once its job runs
        return job, None

    async def run_worker(self, *, concurrency: int, name: str | None = None) -> None:
        """Run jobs, at most ``concurrency`` at once, until cancelled; the jobs running then
        are cancelled with it."""
        running: set[asyncio.Task[None]] = set()

        def finished(task: asyncio.Task[None]) -> None:
            running.discard(task)
            self._changed.set()

        try:
            while True:
                self._changed.clear()
                # None: no job is due later, or every slot is taken (a finishing job wakes
                # the worker).
                wait: float | None = None
                while len(running) < concurrency:
                    job, wait = self._next_due()
                    if job is None:
                        break
                    task = asyncio.create_task(self._run(job), name=f"{job.kind}:{job.key}")
                    running.add(task)
                    task.add_done_callback(finished)
                with contextlib.suppress(TimeoutError):
                    async with asyncio.timeout(wait):
                        await self._changed.wait()
        finally:
            for task in running:
                task.cancel()
            await asyncio.gather(*running, return_exceptions=True)

    async def _run(self, job: _Job) -> None:
        call = f"{job.kind}({job.entity_id!r})"
        try:
            async with asyncio.timeout(self.rules.time_limit):
                await self._handlers[job.kind](job.entity_id)
        except Exception:
            if job.attempt >= self.rules.max_attempts:
                logger.exception("%s failed (attempt %d, the last)", call, job.attempt)
                return
            delay = min(self.rules.min_delay * 2 ** (job.attempt - 1), self.rules.max_delay)
            logger.error(
                "%s failed (attempt %d); trying again in %g s",
                call,
                job.attempt,
                delay,
                exc_info=True,
            )
            when = dt.datetime.now(dt.UTC) + dt.timedelta(seconds=delay)
            self._push(
                _Job(when, next(self._order), job.kind, job.entity_id, job.key, job.attempt + 1)
            )
