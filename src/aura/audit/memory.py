"""Giving memory an analysis freed back to the system.

Much of an analysis's memory is allocated outside Python's own allocator: the parsed trees
(lexbor) and compression buffers, in several threads. glibc keeps what they free in
per-thread arenas for reuse, so a worker's memory grows to the high-water mark of the
largest pages it has seen, in each arena. ``malloc_trim`` returns the free pages at once:
measured on the shared sites, about 25 MB of a worker's memory, in under a millisecond.
"""

from __future__ import annotations

import ctypes
import sys
from collections.abc import Callable
from typing import Any


def _glibc(name: str, *argtypes: Any) -> Any | None:
    """glibc's function ``name`` (returning an int), or None off Linux or on another libc."""
    if not sys.platform.startswith("linux"):
        return None
    try:
        function = getattr(ctypes.CDLL(None), name)
    except (OSError, AttributeError):  # musl has neither malloc_trim nor M_ARENA_MAX
        return None
    function.argtypes = list(argtypes)
    function.restype = ctypes.c_int
    return function


_TRIM: Callable[[int], int] | None = _glibc("malloc_trim", ctypes.c_size_t)
_MALLOPT: Callable[[int, int], int] | None = _glibc("mallopt", ctypes.c_int, ctypes.c_int)

#: glibc's ``mallopt`` parameter for the most malloc arenas it keeps.
_M_ARENA_MAX = -8
#: Arenas a worker keeps (glibc's default is eight per core).
ARENAS = 2


def limit_arenas(count: int = ARENAS) -> bool:
    """Let glibc keep at most ``count`` malloc arenas; False where that is not known how.

    glibc gives threads that allocate at the same time arenas of their own, up to eight per
    core, and memory freed in one arena serves only that arena. A worker parses pages in
    several threads, so its freed memory ends up spread over many arenas. Measured on 40
    browser-mode pages: the Python process levelled off at about 125 MB PSS with two arenas,
    against 155 MB with glibc's default. Call it when the process starts, before threads.
    """
    return _MALLOPT is not None and _MALLOPT(_M_ARENA_MAX, count) == 1


def release_free_memory() -> bool:
    """Hand the allocator's free pages back to the system; False where that is not known how."""
    if _TRIM is None:
        return False
    _TRIM(0)
    return True
