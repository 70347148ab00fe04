"""Run an ``aura`` command and record where its process's CPU time went, thread by thread.

``python bench/command_cpu.py OUT.json analyze URL...`` runs ``aura analyze URL...`` as the
``aura`` program would (``aura.cli.main`` as ``__main__``) and, as each thread ends and
when the process exits, adds the thread's own CPU time (``time.thread_time``, read by the
thread itself) to its kind:

* ``main``: the main thread (the command's imports, its event loop: fetches, database
  calls, events, the comparison and the report);
* ``analysis``: the analyses' threads (parsing, audits, image re-encoding);
* ``database``: aiosqlite's connection threads (SQLite itself);
* ``other``: any other thread (the terminal's live view).

What the process's children used (the head start, ``aura.cli.head_start``) is not in the
file: the caller has it as its own children's time, less these.
"""

from __future__ import annotations

import atexit
import contextlib
import json
import os
import runpy
import sys
import threading
import time
from pathlib import Path

_spent: dict[str, float] = {}
_lock = threading.Lock()


def _kind(name: str) -> str:
    if name == "aura-analysis":
        return "analysis"
    if "_connection_worker_thread" in name:
        return "database"
    return "other"


def _add(kind: str, seconds: float) -> None:
    with _lock:
        _spent[kind] = _spent.get(kind, 0.0) + seconds


_thread_run = threading.Thread.run


def _counted_run(self: threading.Thread) -> None:
    try:
        _thread_run(self)
    finally:
        _add(_kind(self.name), time.thread_time())


def _proc_seconds(native_id: int) -> float:
    """A running thread's CPU time so far, as Linux keeps it (in clock ticks)."""
    fields = Path(f"/proc/self/task/{native_id}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def _write(out: Path) -> None:
    _add("main", time.thread_time())
    # Threads still running at exit (the daemon threads idling in the analyses' pool) have
    # not counted themselves: their clocks are read from /proc.
    for thread in threading.enumerate():
        if thread is not threading.main_thread() and thread.native_id is not None:
            with contextlib.suppress(OSError):
                _add(_kind(thread.name), _proc_seconds(thread.native_id))
    with _lock:
        out.write_text(json.dumps({kind: round(s, 3) for kind, s in _spent.items()}))


def main() -> None:
    out = Path(sys.argv[1])
    threading.Thread.run = _counted_run  # type: ignore[method-assign]
    atexit.register(_write, out)
    sys.argv = ["aura", *sys.argv[2:]]
    runpy.run_module("aura.cli.main", run_name="__main__")


if __name__ == "__main__":
    main()
