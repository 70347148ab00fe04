"""The queue on the task engine (Docket): the only module that imports it.

``memory://`` (one process: ``aura serve``'s embedded worker) or ``redis://`` (shared by any
number of processes, with leases and redelivery after a worker dies).
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Awaitable, Callable, Mapping
from types import TracebackType
from typing import Any

from docket import Docket, ExponentialRetry, Timeout, Worker

from aura.queue.base import Handler, QueueRules, TaskQueue

logger = logging.getLogger(__name__)


class DocketQueue(TaskQueue):
    """A named queue on ``memory://`` (in-process) or ``redis://`` (shared by processes)."""

    def __init__(
        self,
        url: str,
        name: str,
        handlers: Mapping[str, Handler],
        rules: QueueRules | None = None,
    ) -> None:
        super().__init__(url, name, rules)
        self._docket = Docket(name=name, url=url)
        for kind, handler in handlers.items():
            self._docket.register(_as_task(kind, handler, self.rules))
        self._opened = False

    @property
    def in_process(self) -> bool:
        return self.url.startswith("memory://")

    async def __aenter__(self) -> DocketQueue:
        await self._docket.__aenter__()
        self._opened = True
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self._opened = False
        await self._docket.__aexit__(exc_type, exc, tb)

    async def enqueue_at(self, kind: str, entity_id: str, key: str, when: dt.datetime) -> bool:
        """Queue ``kind(entity_id)`` to run at ``when`` (at once if past); False if ``key`` is
        already queued."""
        execution = await self._docket.add(kind, when=when, key=key)(entity_id)
        return str(getattr(execution.disposition, "value", "scheduled")) == "scheduled"

    async def ping(self) -> None:
        """Raise unless the queue can take jobs."""
        if not self._opened:
            raise ConnectionError("the queue is not open")
        if self.in_process:
            return  # the in-process backend lives and dies with this process
        async with self._docket.redis() as redis:
            await redis.ping()

    async def run_worker(self, *, concurrency: int, name: str | None = None) -> None:
        """Run jobs until cancelled; in-flight jobs are let finish (or released) on the way out."""
        async with Worker(
            self._docket,
            name=name,
            concurrency=concurrency,
            redelivery_timeout=dt.timedelta(seconds=self.rules.redelivery_after),
            minimum_check_interval=dt.timedelta(milliseconds=50),
            scheduling_resolution=dt.timedelta(milliseconds=50),
            schedule_automatic_tasks=False,
        ) as worker:
            await worker.run_forever()


def _as_task(
    kind: str,
    handler: Handler,
    rules: QueueRules,
) -> Callable[..., Awaitable[None]]:
    retry = ExponentialRetry(
        attempts=rules.max_attempts,
        minimum_delay=dt.timedelta(seconds=rules.min_delay),
        maximum_delay=dt.timedelta(seconds=rules.max_delay),
    )
    timeout = Timeout(dt.timedelta(seconds=rules.time_limit))

    # Docket reads dependencies from parameter defaults, and finds tasks by function name.
    async def task(entity_id: str, retry: Any = retry, timeout: Any = timeout) -> None:  # noqa: ASYNC109
        await handler(entity_id)

    task.__name__ = task.__qualname__ = kind
    return task
