"""``aura demo``: compare three fictional help-desk vendors served on loopback, offline.

This module holds the command's options only, so that ``aura demo --help`` loads nothing
else; what the command does is in ``aura.cli.demo_work``, imported when it runs.
"""

from __future__ import annotations

from pathlib import Path

import typer

from aura.cli.loading import collector_paused


def demo(
    chosen_format: str | None = typer.Option(
        None, "--format", "-f", help="table, json, md, csv or html (default: table)"
    ),
    output: Path | None = typer.Option(None, "--output", "-o", help="Write the report to FILE"),
    save: bool = typer.Option(
        False, "--save", help="Keep the batch in the configured database (default: throwaway)"
    ),
    mode: str = typer.Option(
        "static", "--mode", help="static (seconds), or browser: Chromium, with screenshots"
    ),
) -> None:
    """Run a comparison of the bundled demo sites, offline, in a few seconds."""
    with collector_paused():
        from aura.cli.demo_work import run_demo

    run_demo(chosen_format, output, save=save, mode=mode)
