"""Analysis work in threads: a pool of its own, stopped when its analysis ends.

Stuck work is simulated by a function waiting on an event (as a C parser would, it does not
reach a checkpoint). Nothing here measures time: a bound that did not hold shows as a test
that does not finish before its outer deadline.
"""

from __future__ import annotations

import asyncio
import threading
import time

import pytest

from aura.audit import cpu


@pytest.fixture
def pool(monkeypatch: pytest.MonkeyPatch) -> cpu.AnalysisPool:
    small = cpu.AnalysisPool(size=2, spare=2)
    monkeypatch.setattr(cpu, "_pool", small)
    return small


async def _analysis(function: object, seconds: float) -> None:
    """One analysis that hands ``function`` to a thread and times out after ``seconds``."""
    with cpu.stoppable(), pytest.raises(TimeoutError):
        async with asyncio.timeout(seconds):
            await cpu.to_thread(function)  # type: ignore[arg-type]


async def test_stuck_analysis_work_leaves_the_default_executor_free() -> None:
    release = threading.Event()
    started = [threading.Event() for _ in range(cpu.ANALYSIS_THREADS)]

    def stuck(index: int) -> None:
        started[index].set()
        release.wait(60)

    async def analysis(index: int) -> None:
        with cpu.stoppable():
            await cpu.to_thread(stuck, index)

    loop = asyncio.get_running_loop()
    tasks = [asyncio.create_task(analysis(i)) for i in range(cpu.ANALYSIS_THREADS)]
    try:
        await asyncio.to_thread(lambda: all(event.wait(30) for event in started))
        # Every analysis thread is busy; the job machinery's executor still answers.
        async with asyncio.timeout(20):
            assert await loop.getaddrinfo("127.0.0.1", 80)
            assert await asyncio.to_thread(lambda: "free") == "free"
    finally:
        release.set()
        await asyncio.gather(*tasks)


async def test_an_ended_analysis_stops_at_its_next_checkpoint(pool: cpu.AnalysisPool) -> None:
    ended = threading.Event()
    outcome: list[str] = []

    def steps() -> None:
        try:
            while True:
                cpu.checkpoint()
                time.sleep(0.005)
        except cpu.Stopped:
            outcome.append("stopped")
        finally:
            ended.set()

    await _analysis(steps, 0.2)
    assert await asyncio.to_thread(ended.wait, 30)
    assert outcome == ["stopped"]


async def test_work_queued_past_its_analysis_never_starts(pool: cpu.AnalysisPool) -> None:
    release, ran = threading.Event(), threading.Event()

    async def hold_every_thread() -> None:
        with cpu.stoppable():
            await asyncio.gather(*(cpu.to_thread(release.wait, 30) for _ in range(pool.size)))

    holding = asyncio.create_task(hold_every_thread())
    await asyncio.sleep(0.1)
    await _analysis(ran.set, 0.2)  # waits in the queue, then its analysis times out
    release.set()
    await holding
    # The pool has run everything queued by now: a marker queued after it has run.
    assert await cpu.to_thread(lambda: "after") == "after"
    assert not ran.is_set()


async def test_stuck_work_is_replaced_so_later_analyses_run(pool: cpu.AnalysisPool) -> None:
    release = threading.Event()
    # Two analyses stuck in a step that never checks (a long parse), then timed out.
    await asyncio.gather(*(_analysis(lambda: release.wait(60), 0.3) for _ in range(2)))
    assert pool.threads == 4  # the two stuck threads and their replacements
    # A later analysis gets a thread although both first threads are still stuck.
    with cpu.stoppable():
        async with asyncio.timeout(20):
            assert await cpu.to_thread(lambda: "ran") == "ran"
    release.set()
    for _ in range(300):  # the stuck threads finish their step and leave
        if pool.threads == pool.size:
            break
        await asyncio.sleep(0.05)
    assert pool.threads == pool.size
