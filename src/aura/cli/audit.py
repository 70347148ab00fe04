"""``aura audit URL``: run the audit engine on one page, without the database.

This module holds the command's options only, so that ``aura audit --help`` loads nothing
else; what the command does is in ``aura.cli.audit_work``, imported when it runs.
"""

from __future__ import annotations

from pathlib import Path

import typer

from aura.audit.limits import MAX_RUNS
from aura.cli.loading import collector_paused


def audit(
    url: str = typer.Argument(..., help="The page to audit"),
    as_json: bool = typer.Option(False, "--json", help="Print the full result as JSON"),
    mode: str | None = typer.Option(
        None,
        "--mode",
        help="static, or browser (Chromium); default: browser where Chromium is installed",
    ),
    screenshots: Path | None = typer.Option(
        None, "--screenshots", help="Folder for the screenshots (browser mode)"
    ),
    runs: int = typer.Option(
        1,
        "--runs",
        help=f"Browser mode: render each page N times (1 to {MAX_RUNS}) and report the "
        "median run, with the spread of its lab metrics",
    ),
) -> None:
    """Audit one page and print the report (or the full result with --json)."""
    with collector_paused():
        from aura.cli.audit_work import audit_page

    audit_page(url, as_json=as_json, mode=mode, screenshots=screenshots, runs=runs)
