"""What every queue engine offers (``aura.queue`` picks one by URL)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Awaitable, Callable
from types import TracebackType
from typing import Protocol

Handler = Callable[[str], Awaitable[None]]

#: The queue URL of a process that runs its own jobs without Docket.
LOCAL_URL = "local://"


class TaskQueue(Protocol):
    """A named queue of jobs (``kind(entity_id)`` under an idempotency key)."""

    url: str
    name: str
    redelivery_after: float

    @property
    def in_process(self) -> bool:
        """True when the jobs live and die with this process."""
        ...

    async def __aenter__(self) -> TaskQueue: ...

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None: ...

    async def enqueue(self, kind: str, entity_id: str, key: str, delay: float = 0.0) -> bool:
        """Queue ``kind(entity_id)`` under ``key``; False when that key is already queued."""
        ...

    async def enqueue_at(self, kind: str, entity_id: str, key: str, when: dt.datetime) -> bool:
        """Queue ``kind(entity_id)`` to run at ``when`` (at once if past); False if ``key`` is
        already queued."""
        ...

    async def ping(self) -> None:
        """Raise unless the queue can take jobs."""
        ...

    async def run_worker(self, *, concurrency: int, name: str | None = None) -> None:
        """Run jobs until cancelled."""
        ...
