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

Analysis work sent to threads runs in a pool of its own (daemon threads, at least
``THREADS_PER_ANALYSIS`` for each analysis a worker runs at once: ``reserve``), never in the
event loop's default executor: that one resolves host names
(``getaddrinfo``) and serves the job machinery, and a thread there that outlives its
analysis's timeout held up every later analysis, the comparison job and the shutdown (which
waits for the default executor's threads). A thread cannot be killed, so an analysis's work
stops by itself: ``stoppable`` marks the analysis, and when the analysis ends (finished,
timed out or cancelled) every ``checkpoint`` its threads reach raises ``Stopped``. Work not
started yet is dropped. The daemon threads never hold up the process's exit.
"""

from __future__ import annotations

import asyncio
import concurrent.futures
import contextvars
import os
import queue
import sys
import threading
import time
from collections.abc import Awaitable, Callable, Coroutine, Generator, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
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


class Stopped(BaseException):
    """Raised at a ``checkpoint`` of work whose analysis has ended.

    A ``BaseException``, so that the per-gatherer and per-audit ``except Exception`` let it
    through and the thread stops at once instead of running the next step.
    """


#: Threads one analysis may keep busy at once. Its threads mostly take turns anyway (the
#: parsed tree is used by one thread at a time), and with a share of its own no analysis
#: waits for threads that others hold, however long their steps take.
THREADS_PER_ANALYSIS = 2


@dataclass
class _Scope:
    stop: threading.Event
    share: asyncio.Semaphore


_scope: ContextVar[_Scope | None] = ContextVar("aura_analysis_scope", default=None)


@contextmanager
def stoppable() -> Iterator[threading.Event]:
    """Mark the work started inside (tasks and threads) as one analysis's: it uses at most
    ``THREADS_PER_ANALYSIS`` threads at once, and when the block ends, however it ends,
    that work stops at its next ``checkpoint``."""
    scope = _Scope(threading.Event(), asyncio.Semaphore(THREADS_PER_ANALYSIS))
    token = _scope.set(scope)
    try:
        yield scope.stop
    finally:
        scope.stop.set()
        _scope.reset(token)


def checkpoint() -> None:
    """Raise ``Stopped`` if the calling work's analysis has ended (call between steps)."""
    scope = _scope.get()
    if scope is not None and scope.stop.is_set():
        raise Stopped


#: Threads of the analysis pool: as many as the event loop's default executor had.
ANALYSIS_THREADS = min(32, (os.cpu_count() or 1) + 4)

_Work = tuple["concurrent.futures.Future[Any]", Callable[[], Any]]


class AnalysisPool:
    """``size`` daemon threads running analysis work, started as needed.

    Unlike ``ThreadPoolExecutor`` its threads are not joined at exit: a thread stuck in a
    long step must not keep a stopping worker alive. A thread whose analysis ended while it
    was in the middle of a step (``abandon``) finishes that step alone and then exits; a new
    thread takes its place at once, so that stuck work cannot hold every thread and starve
    the analyses behind it. At most ``spare`` threads are replaced at once: past that, new
    work waits (the pool stays bounded at ``size + spare`` threads).
    """

    def __init__(self, size: int = ANALYSIS_THREADS, spare: int | None = None) -> None:
        self.size = size
        self.spare = size if spare is None else spare
        self._work: queue.SimpleQueue[_Work] = queue.SimpleQueue()
        self._lock = threading.Lock()
        self._live = 0
        self._abandoned: set[concurrent.futures.Future[Any]] = set()

    @property
    def threads(self) -> int:
        """Threads alive, those finishing abandoned work included."""
        return self._live

    def submit(self, function: Callable[[], T]) -> concurrent.futures.Future[T]:
        future: concurrent.futures.Future[T] = concurrent.futures.Future()
        self._work.put((future, function))
        with self._lock:
            self._start_if_short()
        return future

    def abandon(self, future: concurrent.futures.Future[Any]) -> None:
        """``future``'s analysis has ended: let its thread finish alone, and replace it."""
        with self._lock:
            if not future.running() or future in self._abandoned:
                return  # done, or never started (it will not start)
            if len(self._abandoned) >= self.spare:
                return
            self._abandoned.add(future)
            self._start_if_short()

    def _start_if_short(self) -> None:
        if self._live - len(self._abandoned) >= self.size:
            return
        self._live += 1
        thread = threading.Thread(target=self._serve, name="aura-analysis", daemon=True)
        thread.start()

    def _serve(self) -> None:
        while True:
            future, function = self._work.get()
            if not future.set_running_or_notify_cancel():
                continue  # its analysis ended before it started
            try:
                result = function()
            except BaseException as error:
                future.set_exception(error)
            else:
                future.set_result(result)
            with self._lock:
                if future in self._abandoned:
                    # Replaced while it was busy: leave the serving to the replacement.
                    self._abandoned.discard(future)
                    self._live -= 1
                    return
            del future, function  # do not keep the last result alive while idle


_pool = AnalysisPool()


def _new_pool_after_fork() -> None:
    # A forked child has none of its parent's threads.
    global _pool
    _pool = AnalysisPool(_pool.size, _pool.spare)


os.register_at_fork(after_in_child=_new_pool_after_fork)


def pool() -> AnalysisPool:
    return _pool


async def to_thread(function: Callable[P, T], *args: P.args, **kwargs: P.kwargs) -> T:
    """Run ``function`` in the analysis pool, in the caller's context (meter, stop signal);
    its thread's CPU counts on the current meter, if any."""
    meter = current()
    context = contextvars.copy_context()

    def run() -> T:
        checkpoint()  # waited in the queue past its analysis's end: do not start
        return function(*args, **kwargs)

    def call() -> T:
        if meter is None:
            return context.run(run)
        started = _clock()
        try:
            return context.run(run)
        finally:
            meter.add(_clock() - started)

    scope = _scope.get()
    if scope is None:
        return await _in_pool(call)
    async with scope.share:
        return await _in_pool(call)


async def _in_pool(call: Callable[[], T]) -> T:
    pool = _pool
    future = pool.submit(call)
    try:
        # Cancelling the wrapper (a timeout) cancels work that has not started yet.
        return await asyncio.wrap_future(future)
    except asyncio.CancelledError:
        pool.abandon(future)  # work already running: its thread is replaced
        raise


def reserve(analyses: int) -> None:
    """Make room in the pool for ``analyses`` running at once (a worker's concurrency), so
    that each has its share of threads."""
    threads = max(ANALYSIS_THREADS, analyses * THREADS_PER_ANALYSIS)
    with _pool._lock:
        _pool.size = max(_pool.size, threads)
        _pool.spare = max(_pool.spare, threads)
