"""The CPU time of one analysis, however many others run beside it.

``time.process_time`` counts every thread of the process, so with analyses running
concurrently each one would be charged for the others. Here an analysis carries a
``CpuMeter`` in a context variable; the time of each step of its own tasks (measured with
the thread's clock around the step) and of the functions it runs in threads is added to
it, and nothing else is. Tasks created inside a metered task inherit the meter only when
they are created with ``create_task`` below (or wrapped with ``metered``); CPU work sent to
a thread counts when it goes through ``to_thread`` below. The event loop's own work between
steps (polling, transport callbacks), shared by every analysis, is charged to none: on a
lone analysis it is some 10-20 % of the process's CPU time.
"""

from __future__ import annotations

import asyncio
import sys
import threading
import time
from collections.abc import Awaitable, Callable, Coroutine, Generator
from contextvars import ContextVar
from typing import Any, ParamSpec, TypeVar

T = TypeVar("T")
P = ParamSpec("P")

#: CPU seconds of the calling thread (a test may substitute a clock of its own).
_clock = time.thread_time

#: How long a thread may keep the GIL while another waits for it (Python's default: 5 ms).
SWITCH_INTERVAL = 0.0005


def favour_waiting_threads(interval: float = SWITCH_INTERVAL) -> None:
    """Make a thread holding the GIL hand it over sooner to one waiting for it.

    The event loop gives the GIL up at every system call: the browser's guard proxy relays
    every byte a rendered page loads, and the DevTools pipe and the database are sockets
    too. While analysis threads parse and audit pages, each of those calls could then wait
    up to Python's 5 ms to get the GIL back, and a page's resources arrived late. Measured
    in browser mode on the shared sites (four runs each): 1.92 s a page at the median
    instead of 2.09. Call it once, when the process starts.
    """
    sys.setswitchinterval(interval)


class CpuMeter:
    """Seconds of CPU spent on behalf of one analysis."""

    def __init__(self) -> None:
        self.seconds = 0.0
        #: True while one of the meter's steps runs: a metered awaitable nested in it is
        #: then counted already and must not count again.
        self.running = False
        self._lock = threading.Lock()

    def add(self, seconds: float) -> None:
        with self._lock:  # threads add too
            self.seconds += seconds

    @property
    def ms(self) -> float:
        return round(self.seconds * 1000, 2)


_meter: ContextVar[CpuMeter | None] = ContextVar("aura_cpu_meter", default=None)


def current() -> CpuMeter | None:
    return _meter.get()


class _Metered(Awaitable[T]):
    """Drives a coroutine step by step, adding each step's thread CPU time to a meter.

    The meter is the current one during each step, so tasks created and functions sent to
    threads from within the step find it.
    """

    def __init__(self, coroutine: Coroutine[Any, Any, T], meter: CpuMeter) -> None:
        self._coroutine = coroutine
        self._meter = meter

    def __await__(self) -> Generator[Any, Any, T]:
        coroutine, meter = self._coroutine, self._meter
        sent: Any = None
        thrown: BaseException | None = None
        while True:
            nested = meter.running
            meter.running = True
            token = _meter.set(meter)
            started = _clock()
            try:
                yielded = coroutine.send(sent) if thrown is None else coroutine.throw(thrown)
            except StopIteration as stop:
                result: T = stop.value
                return result
            finally:
                if not nested:
                    meter.add(_clock() - started)
                _meter.reset(token)
                meter.running = nested
            try:
                sent, thrown = (yield yielded), None
            except GeneratorExit:
                coroutine.close()
                raise
            except BaseException as error:
                sent, thrown = None, error


def metered(coroutine: Coroutine[Any, Any, T], meter: CpuMeter | None = None) -> Awaitable[T]:
    """``coroutine``, counting its CPU on ``meter`` (default: the current one, if any)."""
    meter = meter if meter is not None else current()
    if meter is None:
        return coroutine
    return _Metered(coroutine, meter)


async def _run(awaitable: Awaitable[T]) -> T:
    return await awaitable


def create_task(coroutine: Coroutine[Any, Any, T]) -> asyncio.Task[T]:
    """``asyncio.create_task`` whose task counts on the current meter, if any."""
    meter = current()
    if meter is None:
        return asyncio.create_task(coroutine)
    return asyncio.create_task(_run(_Metered(coroutine, meter)))


async def to_thread(function: Callable[P, T], *args: P.args, **kwargs: P.kwargs) -> T:
    """``asyncio.to_thread`` that counts the thread's CPU on the current meter, if any."""
    meter = current()
    if meter is None:
        return await asyncio.to_thread(function, *args, **kwargs)

    def measured() -> T:
        started = _clock()
        try:
            return function(*args, **kwargs)
        finally:
            meter.add(_clock() - started)

    return await asyncio.to_thread(measured)
