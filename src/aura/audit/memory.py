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


def _malloc_trim() -> Callable[[int], int] | None:
    if not sys.platform.startswith("linux"):
        return None
    try:
        trim = ctypes.CDLL(None).malloc_trim  # glibc; musl has none
    except (OSError, AttributeError):
        return None
    trim.argtypes = [ctypes.c_size_t]
    trim.restype = ctypes.c_int
    return trim


_TRIM = _malloc_trim()


def release_free_memory() -> bool:
    """Hand the allocator's free pages back to the system; False where that is not known how."""
    if _TRIM is None:
        return False
    _TRIM(0)
    return True
