"""The worker hands memory back to the system after each analysis (glibc's malloc_trim)
and keeps its freed memory in few malloc arenas (mallopt)."""

from __future__ import annotations

import platform
import sys

import pytest
from typer.testing import CliRunner

from aura import process
from aura.audit import cpu
from aura.audit.memory import limit_arenas, release_free_memory
from aura.cli import main

GLIBC = pytest.mark.skipif(
    not sys.platform.startswith("linux") or platform.libc_ver()[0] != "glibc",
    reason="malloc_trim and mallopt are glibc's",
)


@GLIBC
def test_free_memory_is_released_on_glibc() -> None:
    assert release_free_memory() is True


@GLIBC
def test_the_aura_command_limits_malloc_arenas_before_anything_runs(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    assert limit_arenas() is True
    called: list[int] = []
    monkeypatch.setattr(process, "limit_arenas", lambda: called.append(1) or True)
    CliRunner().invoke(main.app, ["db", "--help"])
    assert called == [1]


def test_the_aura_command_hands_the_gil_over_sooner() -> None:
    before = sys.getswitchinterval()
    try:
        sys.setswitchinterval(0.005)
        CliRunner().invoke(main.app, ["db", "--help"])
        assert sys.getswitchinterval() == pytest.approx(cpu.SWITCH_INTERVAL)
    finally:
        sys.setswitchinterval(before)
