"""The queue of a command that runs its own jobs (``local://``): the same rules as on Docket
(one job per key until it starts, retries, a time limit per attempt, jobs at once bounded),
checked through what the jobs see."""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import AsyncIterator
from typing import Any

from aura.queue import LOCAL_URL, Handler, QueueRules, create_queue
from aura.queue.local import LocalQueue


@contextlib.asynccontextmanager
async def working(
    handlers: dict[str, Handler], concurrency: int = 4, **rules: Any
) -> AsyncIterator[LocalQueue]:
    queue = create_queue(LOCAL_URL, "test", handlers, QueueRules(**rules))
    assert isinstance(queue, LocalQueue)
    async with queue:
        worker = asyncio.create_task(queue.run_worker(concurrency=concurrency))
        try:
            yield queue
        finally:
            worker.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await worker


async def test_a_key_is_queued_once_until_its_job_starts() -> None:
    started = asyncio.Event()
    release = asyncio.Event()
    ran: list[str] = []
    both = asyncio.Event()

    async def job(entity_id: str) -> None:
        ran.append(entity_id)
        started.set()
        if len(ran) == 2:
            both.set()
        await release.wait()

    queue = create_queue(LOCAL_URL, "test", {"job": job})
    async with queue:
        assert await queue.enqueue("job", "first", key="k")
        assert not await queue.enqueue("job", "second", key="k")  # still queued
        worker = asyncio.create_task(queue.run_worker(concurrency=2))
        await started.wait()
        # Running: the key is free again, so the job can be offered anew.
        assert await queue.enqueue("job", "third", key="k")
        release.set()
        await both.wait()
        worker.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await worker
    assert ran == ["first", "third"]


async def test_a_failing_job_is_tried_again_up_to_the_attempts() -> None:
    attempts: list[str] = []
    done = asyncio.Event()

    async def flaky(entity_id: str) -> None:
        attempts.append(entity_id)
        if len(attempts) < 3:
            raise RuntimeError("not yet")
        done.set()

    async with working({"flaky": flaky}, max_attempts=3, retry_delays=(0.01, 0.02)) as queue:
        await queue.enqueue("flaky", "x", key="flaky:x")
        await done.wait()
    assert attempts == ["x", "x", "x"]


async def test_a_job_failing_every_attempt_stops_after_the_last() -> None:
    attempts: list[int] = []
    gave_up = asyncio.Event()

    async def broken(entity_id: str) -> None:
        attempts.append(1)
        if len(attempts) == 2:
            gave_up.set()
        raise RuntimeError("always")

    async def marker(entity_id: str) -> None:
        marked.set()

    marked = asyncio.Event()
    handlers: dict[str, Handler] = {"broken": broken, "marker": marker}
    async with working(handlers, max_attempts=2, retry_delays=(0.01, 0.01)) as queue:
        await queue.enqueue("broken", "x", key="broken:x")
        await gave_up.wait()
        # A job queued after the last attempt's retry delay has passed runs, and the broken
        # one has not come back.
        await queue.enqueue("marker", "m", key="marker", delay=0.05)
        await marked.wait()
    assert len(attempts) == 2


async def test_an_attempt_over_the_time_limit_is_cancelled_and_tried_again() -> None:
    calls: list[str] = []
    cancelled = asyncio.Event()
    second = asyncio.Event()

    async def slow_then_quick(entity_id: str) -> None:
        calls.append(entity_id)
        if len(calls) == 1:
            try:
                await asyncio.Event().wait()  # never set: only the time limit ends it
            except asyncio.CancelledError:
                cancelled.set()
                raise
        second.set()

    rules = {"time_limit": 0.1, "retry_delays": (0.01, 0.01)}
    async with working({"job": slow_then_quick}, **rules) as queue:
        await queue.enqueue("job", "x", key="job:x")
        await second.wait()
    assert cancelled.is_set()
    assert calls == ["x", "x"]


async def test_no_more_jobs_run_at_once_than_the_concurrency() -> None:
    running = 0
    most = 0
    finished = 0
    release = asyncio.Event()
    two_running = asyncio.Event()
    all_done = asyncio.Event()

    async def job(entity_id: str) -> None:
        nonlocal running, most, finished
        running += 1
        most = max(most, running)
        if running == 2:
            two_running.set()
        await release.wait()
        running -= 1
        finished += 1
        if finished == 6:
            all_done.set()

    async with working({"job": job}, concurrency=2) as queue:
        for index in range(6):
            await queue.enqueue("job", str(index), key=f"job:{index}")
        await two_running.wait()
        release.set()
        await all_done.wait()
    assert most == 2


async def test_a_delayed_job_waits_for_its_time_and_an_earlier_one_goes_first() -> None:
    order: list[str] = []
    both = asyncio.Event()

    async def job(entity_id: str) -> None:
        order.append(entity_id)
        if len(order) == 2:
            both.set()

    async with working({"job": job}) as queue:
        await queue.enqueue("job", "later", key="later", delay=0.2)
        await queue.enqueue("job", "now", key="now")
        await both.wait()
    assert order == ["now", "later"]
