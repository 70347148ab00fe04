"""A bound on the memory of each page: renderers over the limit are stopped.

A page's script can allocate faster than anything inside the page could notice: typed
arrays live outside the JavaScript heap, and a renderer busy in a loop answers no DevTools
command. So the watchdog asks the kernel instead. Every quarter of a second it reads the
resident size of each renderer process of the browser from ``/proc`` (a handful of small
reads, walking the process tree from the browser down), and kills any renderer over the
limit. Each browser context has its own renderer, so that ends one page's profile and
nothing else; the browser, its other pages and the worker go on. The page whose renderer
was killed learns why (``Chromium.stopped``): its render fails with "the page used more
than N MB of memory".
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import os
import signal
from dataclasses import dataclass, field

from aura.audit.browser.cdp import Chromium

logger = logging.getLogger(__name__)

_PAGE_SIZE = os.sysconf("SC_PAGE_SIZE")
_MB = 1024 * 1024


@dataclass
class ProcessTree:
    """The renderer processes under one browser process, read from ``/proc``."""

    root: int
    proc: str = "/proc"
    #: Whether each process seen so far is a renderer, by pid (zygotes are not kept).
    _known: dict[int, bool] = field(default_factory=dict)

    def renderers(self) -> list[int]:
        found: list[int] = []
        seen: set[int] = set()
        parents = [self.root]
        while parents:
            parent = parents.pop()
            for child in self._children(parent):
                if child in seen:
                    continue
                seen.add(child)
                if self._is_renderer(child, forked=parent != self.root):
                    found.append(child)
                else:
                    # The zygote, whose children the renderers are.
                    parents.append(child)
        # Forget processes that are gone: a pid can come back as another process.
        for pid in self._known.keys() - seen:
            del self._known[pid]
        return found

    def visible(self) -> bool:
        """Whether the kernel lists the children of processes (``CONFIG_PROC_CHILDREN``)."""
        return os.path.exists(f"{self.proc}/{self.root}/task/{self.root}/children")

    def resident_bytes(self, pid: int) -> int | None:
        """The resident set of ``pid``, or None when it is gone."""
        try:
            with open(f"{self.proc}/{pid}/statm", "rb") as statm:
                return int(statm.read().split()[1]) * _PAGE_SIZE
        except (OSError, ValueError, IndexError):
            return None

    def _children(self, pid: int) -> list[int]:
        # The children its main thread started: the browser starts its zygote there, and
        # the zygote forks the renderers there (reading every thread's list costs 30 times
        # more: the browser has some 45 threads).
        try:
            with open(f"{self.proc}/{pid}/task/{pid}/children", "rb") as listed:
                return [int(child) for child in listed.read().split()]
        except (OSError, ValueError):
            return []

    def _is_renderer(self, pid: int, *, forked: bool) -> bool:
        known = self._known.get(pid)
        if known is not None:
            return known
        try:
            with open(f"{self.proc}/{pid}/cmdline", "rb") as cmdline:
                # Chromium rewrites its command line as one string: split on spaces too.
                arguments = cmdline.read().replace(b"\0", b" ").split()
        except OSError:
            return False
        renderer = b"--type=renderer" in arguments
        # A child the zygote has just forked shows the zygote's command line until it takes
        # its own: one that looks like a zygote is looked at again next time.
        if not (forked and b"--type=zygote" in arguments):
            self._known[pid] = renderer
        return renderer


class MemoryWatchdog:
    """Kills the renderers of ``browser`` that use more than ``limit_mb`` MB."""

    def __init__(self, browser: Chromium, limit_mb: int, interval: float = 0.25) -> None:
        self.browser = browser
        self.limit_mb = limit_mb
        self.interval = interval
        self.tree = ProcessTree(browser.process.pid)
        #: Renderers killed so far, with their resident size then (bytes).
        self.killed: list[tuple[int, int]] = []

    async def run(self) -> None:
        """Watch until the browser is gone (or the task is cancelled)."""
        if not self.tree.visible():
            logger.warning(
                "the browser's processes cannot be seen in %s: pages' memory is not bounded",
                self.tree.proc,
            )
            return
        while self.browser.connected:
            try:
                self.check()
            except Exception:
                # One bad reading must not end the watching.
                logger.exception("the browser's memory watchdog failed a check")
            await asyncio.sleep(self.interval)

    def check(self) -> None:
        limit = self.limit_mb * _MB
        for pid in self.tree.renderers():
            resident = self.tree.resident_bytes(pid)
            if resident is None or resident <= limit:
                continue
            with contextlib.suppress(ProcessLookupError, PermissionError):
                os.kill(pid, signal.SIGKILL)
                self.killed.append((pid, resident))
                logger.warning(
                    "stopped a page's renderer using %d MB (the limit is %d MB)",
                    resident // _MB,
                    self.limit_mb,
                )
                self.browser.stopped(
                    f"the page used more than {self.limit_mb} MB of memory "
                    f"({resident // _MB} MB when it was stopped)"
                )
