"""Aura: competitive website analysis."""

from __future__ import annotations

import sys
import types

__version__ = "0.1.0"


def _httpx_without_its_command_line() -> None:
    """Keep ``import httpx`` from loading httpx's own command-line client.

    httpx's package imports its ``_main`` module whenever click, rich and pygments are
    installed (rich is Aura's), for ``httpx.main``, which Aura never calls: 97 more modules
    (pygments' lexers, rich's syntax, progress and table) and 40-60 ms of CPU on every
    start of every process, ahead of anything else. A stand-in takes its place in
    ``sys.modules``; should anything call ``httpx.main``, the real module is imported then.
    (Upstream: encode/httpx pull request 3547 moves the import out of ``__init__``.)
    """
    if "httpx" in sys.modules or "httpx._main" in sys.modules:
        return
    stand_in = types.ModuleType("httpx._main")

    def main() -> None:
        import importlib

        if sys.modules.get("httpx._main") is stand_in:
            del sys.modules["httpx._main"]
        importlib.import_module("httpx._main").main()

    stand_in.main = main  # type: ignore[attr-defined]
    sys.modules["httpx._main"] = stand_in


_httpx_without_its_command_line()
