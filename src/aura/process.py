"""What an Aura process sets up when it starts, before its first thread.

The ``aura`` command does it for every command; a program that runs Aura embedded (the
benchmarks) calls ``prepare_process`` itself, so it measures the process Aura really is.
"""

from __future__ import annotations

from aura.audit.cpu import favour_waiting_threads
from aura.audit.memory import limit_arenas


def prepare_process() -> None:
    """Fewer malloc arenas (memory freed by one thread serves the others: a crawl's memory
    stays flat instead of growing with its pages in many arenas), and the event loop gets the
    GIL back sooner from the analysis threads."""
    limit_arenas()
    favour_waiting_threads()
