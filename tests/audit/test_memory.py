"""The worker hands memory back to the system after each analysis (glibc's malloc_trim)."""

from __future__ import annotations

import platform
import sys

import pytest

from aura.audit.memory import release_free_memory


@pytest.mark.skipif(
    not sys.platform.startswith("linux") or platform.libc_ver()[0] != "glibc",
    reason="malloc_trim is glibc's",
)
def test_free_memory_is_released_on_glibc() -> None:
    assert release_free_memory() is True
