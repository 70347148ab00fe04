"""Whether the host let the page run while its load was timed.

A lab timing observed as it happened (the desktop profile's paints and blocking time, the
phone's when its simulation had no trace) is the page's own work *plus* every moment its
threads were ready to run and waited for a CPU that other processes held, and every moment
the worker, which relays the page's bytes through its guard proxy, was busy elsewhere. On
a host loaded far beyond its cores that wait is most of the load: an unchanged page's
desktop First Contentful Paint went from 156 ms to 1.7 s between two runs a minute apart.

The kernel counts, for each thread, the time it ran and the time it waited on a run queue
(``/proc/<pid>/task/<tid>/schedstat``). ``HostWatch`` reads both for the main thread of
every renderer of the browser when a profile's observation starts and when it ends, and
meanwhile watches the worker's event loop for late wake-ups. A load whose renderers waited
for a CPU about as long as they ran, or whose relay was held up for long, measured the host
more than the page: its observed timings are reported as *disturbed* (``HostShare``), and
change tracking does not compare them (``aura.history.diff``).
"""

from __future__ import annotations

import asyncio
import contextlib
import time
from dataclasses import dataclass
from typing import Any

from aura.audit.browser.watchdog import ProcessTree

#: The renderers' main threads waited at least this long for a CPU (ms) ...
WAIT_MS = 500.0
#: ... and at least as long as they ran (this share of it): the load measured the host
#: as much as the page.
WAIT_SHARE = 1.0
#: The worker's event loop (the page's bytes go through it) woke up this much later than
#: asked, in all, during the observation (ms): the page's resources came late.
RELAY_LATE_MS = 500.0
#: How often the event loop is checked (s); a wake-up counts as late past this share of it.
TICK_S = 0.025
LATE_MARGIN_S = 0.005


@dataclass(frozen=True)
class HostShare:
    """What the host took from one profile's load, between its navigation and the end of
    its observation: the renderers' main threads' time on a CPU and waiting for one (ms;
    None where the kernel does not tell), and how late the worker's event loop was."""

    wall_ms: float
    cpu_ms: float | None
    wait_ms: float | None
    relay_late_ms: float

    @property
    def disturbed(self) -> str | None:
        """Why the load's observed timings measured the host more than the page, or None."""
        reasons = []
        if (
            self.cpu_ms is not None
            and self.wait_ms is not None
            and self.wait_ms >= WAIT_MS
            and self.wait_ms >= WAIT_SHARE * self.cpu_ms
        ):
            reasons.append(
                f"the page's renderer waited {_seconds(self.wait_ms)} for a CPU "
                f"(it ran {_seconds(self.cpu_ms)})"
            )
        if self.relay_late_ms >= RELAY_LATE_MS:
            reasons.append(
                f"the worker relayed the page's requests {_seconds(self.relay_late_ms)} late"
            )
        if not reasons:
            return None
        return f"timings disturbed: host busy ({'; '.join(reasons)})"

    def summary(self) -> dict[str, Any]:
        return {
            "observed_ms": round(self.wall_ms, 1),
            "renderer_cpu_ms": None if self.cpu_ms is None else round(self.cpu_ms, 1),
            "renderer_wait_ms": None if self.wait_ms is None else round(self.wait_ms, 1),
            "relay_late_ms": round(self.relay_late_ms, 1),
            "disturbed": self.disturbed,
        }


def _seconds(ms: float) -> str:
    return f"{ms / 1000:.1f} s" if ms >= 1000 else f"{ms:.0f} ms"


def thread_times(pid: int, proc: str = "/proc") -> tuple[int, int] | None:
    """(ns on a CPU, ns waiting for one) of the main thread of ``pid``; None when the
    process is gone or the kernel keeps no such count."""
    try:
        with open(f"{proc}/{pid}/task/{pid}/schedstat", "rb") as stat:
            ran, waited, *_ = (int(field) for field in stat.read().split())
    except (OSError, ValueError):
        return None
    return ran, waited


class HostWatch:
    """Measures one observation: ``start`` when the navigation is sent, ``stop`` once the
    lab metrics are read."""

    def __init__(self, browser_pid: int | None, proc: str = "/proc") -> None:
        self.tree = ProcessTree(browser_pid, proc) if browser_pid else None
        self.proc = proc
        self.before: dict[int, tuple[int, int]] = {}
        self.started = 0.0
        self.late = 0.0
        self._ticker: asyncio.Task[None] | None = None

    def _read(self) -> dict[int, tuple[int, int]] | None:
        if self.tree is None or not self.tree.visible():
            return None
        found = {}
        for pid in self.tree.renderers():
            times = thread_times(pid, self.proc)
            if times is not None:
                found[pid] = times
        return found

    def start(self) -> None:
        self.before = self._read() or {}
        self.started = time.monotonic()
        self._ticker = asyncio.ensure_future(self._tick())

    async def _tick(self) -> None:
        loop = asyncio.get_running_loop()
        while True:
            asked = loop.time()
            await asyncio.sleep(TICK_S)
            late = loop.time() - asked - TICK_S
            if late > LATE_MARGIN_S:
                self.late += late

    def close(self) -> None:
        """Stop watching the event loop (a render that ended before ``stop``)."""
        if self._ticker is not None and not self._ticker.done():
            self._ticker.cancel()

    async def stop(self) -> HostShare:
        wall = (time.monotonic() - self.started) * 1000
        self.close()
        if self._ticker is not None:
            with contextlib.suppress(asyncio.CancelledError):
                await self._ticker
        after = self._read()
        cpu = wait = None
        if after is not None:
            cpu = wait = 0.0
            for pid, (ran, waited) in after.items():
                ran_before, waited_before = self.before.get(pid, (0, 0))
                cpu += max(0, ran - ran_before) / 1e6
                wait += max(0, waited - waited_before) / 1e6
        return HostShare(wall, cpu, wait, self.late * 1000)
