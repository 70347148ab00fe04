"""``aura analyze URL URL…``: a competitive analysis from the terminal.

This module holds the command's options only, so that ``aura analyze --help`` loads nothing
else; what the command does is in ``aura.cli.analyze_work``, imported when it runs.
"""

from __future__ import annotations

from pathlib import Path

import typer

from aura.audit.limits import MAX_RUNS
from aura.cli.loading import collector_paused
from aura.cli.plumbing import DEPTH_HELP, EXCLUDE_HELP, INCLUDE_HELP


def analyze(
    urls: list[str] | None = typer.Argument(
        None, metavar="URL...", help="Your site and its competitors (2 to AURA_MAX_BATCH_URLS)"
    ),
    set_name: str | None = typer.Option(
        None,
        "--set",
        help="Run the comparison set NAME instead (see `aura sets`): its sites and options",
    ),
    name: str | None = typer.Option(None, "--name", help="A name for the batch"),
    primary: str | None = typer.Option(
        None, "--primary", help="Your own site (one of the URLs): gaps and advice are for it"
    ),
    label: list[str] | None = typer.Option(
        None,
        "--label",
        metavar="URL=NAME",
        help="What to call a site in the comparison instead of the name on its page "
        "(repeat for each site)",
    ),
    mode: str | None = typer.Option(
        None, "--mode", help="static, or browser (Chromium); default: the configured mode"
    ),
    runs: int | None = typer.Option(
        None,
        "--runs",
        help=f"Browser mode: render each page N times (1 to {MAX_RUNS}) and report the "
        "median run, with the spread of its lab metrics",
    ),
    pages: int | None = typer.Option(
        None,
        "--pages",
        help="Pages to analyse per site, the start page included: more than 1 crawls each "
        "site (default 1: the start pages only)",
    ),
    depth: int | None = typer.Option(None, "--depth", help=DEPTH_HELP),
    include: list[str] | None = typer.Option(
        None, "--include", metavar="PATTERN", help=INCLUDE_HELP
    ),
    exclude: list[str] | None = typer.Option(
        None, "--exclude", metavar="PATTERN", help=EXCLUDE_HELP
    ),
    chosen_format: str | None = typer.Option(
        None,
        "--format",
        "-f",
        help="table, json, md, csv or html (default: table, or the extension of -o)",
    ),
    output: Path | None = typer.Option(
        None, "--output", "-o", help="Write the report to FILE instead of stdout"
    ),
) -> None:
    """Analyse the sites side by side and print the comparison.

    Progress is shown on stderr; stdout carries only the result, so --format json pipes
    into jq. Exits 1 when every URL failed, 2 on invalid input.
    """
    with collector_paused():
        from aura.cli.analyze_work import analyze_sites

    analyze_sites(
        urls,
        set_name=set_name,
        name=name,
        primary=primary,
        label=label,
        mode=mode,
        runs=runs,
        pages=pages,
        depth=depth,
        include=include,
        exclude=exclude,
        chosen_format=chosen_format,
        output=output,
    )
