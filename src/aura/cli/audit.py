"""``aura audit URL``: run the audit engine on one page, without the database."""

from __future__ import annotations

import asyncio
import json
import sys

import typer
from rich.console import Console

from aura.audit.fetch import NetworkPolicy
from aura.audit.report import render_report
from aura.audit.runner import AnalysisError, analyze_url
from aura.config import get_settings
from aura.runtime import analysis_options
from aura.urls import InvalidUrlError, normalise_url


def audit(
    url: str = typer.Argument(..., help="The page to audit"),
    as_json: bool = typer.Option(False, "--json", help="Print the full result as JSON"),
) -> None:
    """Audit one page and print the report (or the full result with --json)."""
    settings = get_settings()
    err = Console(stderr=True)
    try:
        target = normalise_url(url, allow_private=settings.allow_private_networks)
    except InvalidUrlError as error:
        err.print(f"[red]Invalid URL:[/] {error}", markup=True, highlight=False)
        raise typer.Exit(2) from None
    options = analysis_options(
        settings, NetworkPolicy(allow_private=settings.allow_private_networks)
    )
    try:
        with err.status(f"Auditing {target}…"):
            result = asyncio.run(analyze_url(target, options))
    except AnalysisError as error:
        err.print(f"[red]Could not analyse {target}:[/] {error}", highlight=False)
        raise typer.Exit(1) from None
    if as_json:
        json.dump(result, sys.stdout, indent=2, ensure_ascii=False)
        sys.stdout.write("\n")
        return
    render_report(result, Console())
