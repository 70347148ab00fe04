"""What ``aura audit URL`` does: run the audit engine on one page, without the database.
``aura.cli.audit`` declares the command's options and imports this module when it runs."""

from __future__ import annotations

import asyncio
import json
from dataclasses import replace
from pathlib import Path
from typing import Any

import typer
from rich.markup import escape
from rich.text import Text

from aura.audit.browser import BrowserPool
from aura.audit.fetch import NetworkPolicy
from aura.audit.limits import MAX_RUNS
from aura.audit.report import render_report
from aura.audit.runner import AnalysisError, AnalysisOptions, analyze_url
from aura.cli.terminal import SafeConsole, write_output
from aura.config import get_settings
from aura.runtime import analysis_options, browser_settings, default_mode
from aura.urls import InvalidUrlError, normalise_url


def audit_page(
    url: str, *, as_json: bool, mode: str | None, screenshots: Path | None, runs: int
) -> None:
    """``aura audit``, its options parsed (``aura.cli.audit``)."""
    settings = get_settings()
    err = SafeConsole(stderr=True)
    try:
        target = normalise_url(url, allow_private=settings.allow_private_networks)
    except InvalidUrlError as error:
        err.print(f"[red]Invalid URL:[/] {escape(str(error))}", markup=True, highlight=False)
        raise typer.Exit(2) from None
    chosen = mode or default_mode(settings)
    if chosen not in ("static", "browser"):
        err.print(
            f"[red]Unknown mode:[/] {escape(chosen)} (use static or browser)", highlight=False
        )
        raise typer.Exit(2)
    if not 1 <= runs <= MAX_RUNS:
        err.print(f"[red]--runs:[/] give 1 to {MAX_RUNS} renders (got {runs})", highlight=False)
        raise typer.Exit(2)
    options = analysis_options(
        settings,
        NetworkPolicy(allow_private=settings.allow_private_networks),
        chosen,
        screenshot_dir=screenshots,
        runs=runs,
    )
    try:
        with err.status(Text(f"Auditing {target} ({chosen})…")):
            result = asyncio.run(_audit(target, options, settings))
    except AnalysisError as error:
        err.print(
            f"[red]Could not analyse {escape(target)}:[/] {escape(str(error))}", highlight=False
        )
        raise typer.Exit(1) from None
    if as_json:
        write_output((json.dumps(result, indent=2, ensure_ascii=False) + "\n").encode())
        return
    render_report(result, SafeConsole())


async def _audit(url: str, options: AnalysisOptions, settings: Any) -> dict[str, Any]:
    if options.mode != "browser":
        return await analyze_url(url, options)
    browser = BrowserPool(browser_settings(settings))
    try:
        return await analyze_url(url, replace(options, browser=browser))
    finally:
        await browser.close()
