"""What the host took from a load: the renderers' wait for a CPU, read from the kernel."""

from __future__ import annotations

import asyncio
import contextlib
import multiprocessing
import os
import time
from pathlib import Path

import pytest

from aura.audit.browser.contention import HostShare, HostWatch, thread_times

BROWSER, ZYGOTE, RENDERER, NEW_RENDERER = 100, 101, 102, 103


def _process(proc: Path, pid: int, cmdline: str, children: tuple[int, ...] = ()) -> None:
    task = proc / str(pid) / "task" / str(pid)
    task.mkdir(parents=True, exist_ok=True)
    (proc / str(pid) / "cmdline").write_bytes(cmdline.replace(" ", "\0").encode())
    (task / "children").write_text(" ".join(str(child) for child in children))


def _schedstat(proc: Path, pid: int, ran_ms: float, waited_ms: float) -> None:
    path = proc / str(pid) / "task" / str(pid) / "schedstat"
    path.write_text(f"{int(ran_ms * 1e6)} {int(waited_ms * 1e6)} 42\n")


async def test_the_renderers_wait_during_the_observation_is_counted(tmp_path: Path) -> None:
    _process(tmp_path, BROWSER, "chromium --headless", (ZYGOTE,))
    _process(tmp_path, ZYGOTE, "chromium --type=zygote", (RENDERER,))
    _process(tmp_path, RENDERER, "chromium --type=renderer")
    _schedstat(tmp_path, RENDERER, ran_ms=5000, waited_ms=1000)
    watch = HostWatch(BROWSER, proc=str(tmp_path))
    watch.start()
    # During the load: the renderer runs 600 ms more and waits 1.5 s more; a renderer
    # started for the navigation counts from its start.
    _schedstat(tmp_path, RENDERER, ran_ms=5600, waited_ms=2500)
    _process(tmp_path, ZYGOTE, "chromium --type=zygote", (RENDERER, NEW_RENDERER))
    _process(tmp_path, NEW_RENDERER, "chromium --type=renderer")
    _schedstat(tmp_path, NEW_RENDERER, ran_ms=100, waited_ms=200)
    share = await watch.stop()
    assert (share.cpu_ms, share.wait_ms) == (700, 1700)
    assert share.disturbed == (
        "timings disturbed: host busy (the page's renderer waited 1.7 s for a CPU (it ran 700 ms))"
    )
    assert share.summary()["renderer_wait_ms"] == 1700


def test_a_load_that_waited_less_than_it_ran_is_not_disturbed() -> None:
    assert HostShare(1500, cpu_ms=700, wait_ms=600, relay_late_ms=40).disturbed is None
    # A short wait is no disturbance, however short the work.
    assert HostShare(400, cpu_ms=100, wait_ms=300, relay_late_ms=0).disturbed is None
    late = HostShare(1500, cpu_ms=700, wait_ms=100, relay_late_ms=900).disturbed
    assert (
        late == "timings disturbed: host busy (the worker relayed the page's requests 900 ms late)"
    )
    # Without the kernel's counts, only the relay is judged.
    assert HostShare(1500, cpu_ms=None, wait_ms=None, relay_late_ms=0).disturbed is None


async def test_a_watch_closed_before_its_stop_leaves_nothing_running(tmp_path: Path) -> None:
    watch = HostWatch(BROWSER, proc=str(tmp_path))
    watch.start()
    watch.close()  # the render ended (an error, the page budget) before the lab was read
    ticker = watch._ticker
    assert ticker is not None
    with contextlib.suppress(asyncio.CancelledError):
        await ticker
    assert ticker.cancelled()


async def test_without_a_process_tree_the_wait_is_unknown(tmp_path: Path) -> None:
    watch = HostWatch(BROWSER, proc=str(tmp_path))
    watch.start()
    share = await watch.stop()
    assert (share.cpu_ms, share.wait_ms) == (None, None)
    assert share.summary()["disturbed"] is None


def _pinned_spin(cpu: int, seconds: float, answers: multiprocessing.Queue[object]) -> None:
    """Spin on ``cpu`` for ``seconds`` of CPU time; answer with this thread's counts."""
    os.sched_setaffinity(0, {cpu})
    end = time.thread_time() + seconds
    while time.thread_time() < end:
        pass
    answers.put(thread_times(os.getpid()))


@pytest.mark.skipif(not hasattr(os, "sched_setaffinity"), reason="needs sched_setaffinity")
def test_the_kernel_counts_the_wait_of_two_processes_sharing_one_cpu() -> None:
    if thread_times(os.getpid()) is None:
        pytest.skip("this kernel keeps no scheduler statistics")
    cpu = min(os.sched_getaffinity(0))
    context = multiprocessing.get_context("fork")
    answers: multiprocessing.Queue[object] = context.Queue()
    # Two processes that want the whole of one CPU for 0.3 s of CPU time each: whichever
    # runs, the other waits.
    workers = [context.Process(target=_pinned_spin, args=(cpu, 0.3, answers)) for _ in range(2)]
    for worker in workers:
        worker.start()
    counts = [answers.get(timeout=120) for _ in workers]
    for worker in workers:
        worker.join()
    ran = sum(count[0] for count in counts if isinstance(count, tuple))
    waited = sum(count[1] for count in counts if isinstance(count, tuple))
    assert ran >= 2 * 0.3e9
    # Sharing one CPU, the two waited for it about as long as one of them ran.
    assert waited >= ran / 4, (ran, waited)
