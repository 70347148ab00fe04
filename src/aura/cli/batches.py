"""``aura batches list|show|delete`` and ``aura report ID``: the stored batches.

This module holds the commands' options only, so that their ``--help`` loads nothing else;
what they do is in ``aura.cli.batches_work``, imported when one runs.
"""

from __future__ import annotations

from pathlib import Path

import typer

from aura.cli.loading import collector_paused
from aura.competitive.paging import MAX_PAGE

app = typer.Typer(help="List, show and delete stored batches.", no_args_is_help=True)


@app.command("list")
def list_batches(
    as_json: bool = typer.Option(False, "--json", help="Print the page as JSON"),
    limit: int = typer.Option(20, "--limit", min=1, max=100, help="Batches per page"),
    page: int = typer.Option(1, "--page", min=1, max=MAX_PAGE, help="Page number, newest first"),
) -> None:
    """The stored batches, newest first."""
    with collector_paused():
        from aura.cli.batches_work import list_stored

    list_stored(as_json=as_json, limit=limit, page=page)


@app.command("show")
def show_batch(batch_id: str = typer.Argument(..., help="The batch id")) -> None:
    """A batch: its URLs with their state and, once finished, the comparison."""
    with collector_paused():
        from aura.cli.batches_work import show_stored

    show_stored(batch_id)


@app.command("delete")
def delete_batch(batch_id: str = typer.Argument(..., help="The batch id")) -> None:
    """Delete a batch with its analyses, comparison and screenshots."""
    with collector_paused():
        from aura.cli.batches_work import delete_stored

    delete_stored(batch_id)


def report(
    batch_id: str = typer.Argument(..., help="The batch id"),
    chosen_format: str | None = typer.Option(
        None,
        "--format",
        "-f",
        help="html, md, csv, json, pdf or pages-csv (default: from -o, else html)",
    ),
    output: Path | None = typer.Option(
        None,
        "--output",
        "-o",
        help="The file to write; '-' for stdout (default: a file named after the batch)",
    ),
) -> None:
    """Export the comparison of a finished batch (HTML, Markdown, CSV, JSON or PDF).

    ``--format pages-csv`` writes the crawled sites' pages instead, a row each."""
    with collector_paused():
        from aura.cli.batches_work import export_report

    export_report(batch_id, chosen_format, output)
