"""What every queue engine offers (``aura.queue`` picks one by URL)."""

from __future__ import annotations

import datetime as dt
from abc import ABC, abstractmethod
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from types import TracebackType
from typing import Self

Handler = Callable[[str], Awaitable[None]]

#: The queue URL of a process that runs its own jobs without Docket.
LOCAL_URL = "local://"


@dataclass(frozen=True)
class QueueRules:
    """How the jobs of a queue run, whichever engine carries them."""

    #: Attempts of a job in all, the first included.
    max_attempts: int = 3
    #: The delay before the second attempt, doubling for each one after, up to the second.
    retry_delays: tuple[float, float] = (1.0, 30.0)
    #: Seconds an attempt may take before it is cancelled (and counts as failed).
    time_limit: float = 300.0
    #: Docket: seconds after which a job whose worker went silent is handed to another.
    redelivery_after: float = 120.0

    @property
    def min_delay(self) -> float:
        return self.retry_delays[0]

    @property
    def max_delay(self) -> float:
        return max(self.retry_delays)


class TaskQueue(ABC):
    """A named queue of jobs (``kind(entity_id)`` under an idempotency key); the engines
    share its name, its rules, and a delay made a due time."""

    def __init__(self, url: str, name: str, rules: QueueRules | None) -> None:
        self.url = url
        self.name = name
        self.rules = rules or QueueRules()

    @abstractmethod
    async def __aenter__(self) -> Self: ...

    @abstractmethod
    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None: ...

    async def enqueue(self, kind: str, entity_id: str, key: str, delay: float = 0.0) -> bool:
        """Queue ``kind(entity_id)`` under ``key``; False when that key is already queued."""
        when = dt.datetime.now(dt.UTC) + dt.timedelta(seconds=delay)
        return await self.enqueue_at(kind, entity_id, key, when)

    @abstractmethod
    async def enqueue_at(self, kind: str, entity_id: str, key: str, when: dt.datetime) -> bool:
        """Queue ``kind(entity_id)`` to run at ``when`` (at once if past); False if ``key`` is
        already queued."""

    @abstractmethod
    async def ping(self) -> None:
        """Raise unless the queue can take jobs."""

    @abstractmethod
    async def run_worker(self, *, concurrency: int, name: str | None = None) -> None:
        """Run jobs until cancelled."""
