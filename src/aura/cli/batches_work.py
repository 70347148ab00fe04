"""``aura batches list|show|delete`` and ``aura report ID``: the stored batches."""

from __future__ import annotations

import uuid
from pathlib import Path
from typing import TypeVar

import typer
from rich.table import Table
from rich.text import Text

from aura.cli.analyze import output_format, write_bytes
from aura.cli.batch_run import load_report, service_for
from aura.cli.comparison_view import batch_table, print_report
from aura.cli.plumbing import fail, with_database
from aura.cli.terminal import SafeConsole
from aura.competitive.schemas import MAX_PAGE, BatchPage, BatchRead
from aura.models import BatchStatus
from aura.reports import FORMATS, Export, Report, export, shows_pages
from aura.reports.as_pdf import export_pdf
from aura.runtime import Runtime

app = typer.Typer(help="List, show and delete stored batches.", no_args_is_help=True)

T = TypeVar("T")


def _batch_id(raw: str) -> uuid.UUID:
    try:
        return uuid.UUID(raw.strip())
    except ValueError:
        fail(f"{raw!r} is not a batch id (see `aura batches list`)")


@app.command("list")
def list_batches(
    as_json: bool = typer.Option(False, "--json", help="Print the page as JSON"),
    limit: int = typer.Option(20, "--limit", min=1, max=100, help="Batches per page"),
    page: int = typer.Option(1, "--page", min=1, max=MAX_PAGE, help="Page number, newest first"),
) -> None:
    """The stored batches, newest first."""

    async def work(runtime: Runtime) -> BatchPage:
        async with runtime.db.read() as session:
            batches, total = await service_for(runtime).page(session, page, limit)
            return BatchPage(
                items=[BatchRead.of(batch) for batch in batches],
                total=total,
                page=page,
                page_size=limit,
            )

    result = with_database(work)
    if as_json:
        write_bytes((result.model_dump_json(indent=2) + "\n").encode("utf-8"))
        return
    console = SafeConsole()
    if not result.items:
        console.print("No batches yet. Start one with `aura analyze URL URL…`.")
        return
    table = Table(
        caption=f"{len(result.items)} of {result.total} · page {page}", caption_justify="left"
    )
    # The id goes under the name rather than in a column of its own: a 36-character id
    # beside the name left the name no room at all in an 80-column terminal.
    table.add_column("Batch", min_width=36)
    table.add_column("Status")
    table.add_column("Sites", justify="right")
    table.add_column("Created", no_wrap=True)
    styles = {"completed": "green", "partial": "yellow", "failed": "red", "cancelled": "dim"}
    for batch in result.items:
        sites = ", ".join(item.url for item in batch.urls[:3])
        if len(batch.urls) > 3:
            sites += f" +{len(batch.urls) - 3}"
        table.add_row(
            Text.assemble(batch.name or sites, "\n", (str(batch.id), "dim")),
            Text(batch.status, style=styles.get(batch.status, "")),
            f"{batch.completed_urls}/{batch.total_urls}",
            f"{batch.created_at:%Y-%m-%d %H:%M}",
        )
    console.print(table)


@app.command("show")
def show_batch(batch_id: str = typer.Argument(..., help="The batch id")) -> None:
    """A batch: its URLs with their state and, once finished, the comparison."""
    parsed = _batch_id(batch_id)

    async def work(runtime: Runtime) -> tuple[BatchRead, Report | None]:
        async with runtime.db.read() as session:
            batch = BatchRead.of(await service_for(runtime).get(session, parsed))
        if batch.status not in (BatchStatus.COMPLETED, BatchStatus.PARTIAL):
            return batch, None
        return batch, await load_report(runtime, parsed)

    batch, report = with_database(work)
    console = SafeConsole()
    console.print(batch_table(batch))
    if report is not None:
        print_report(report, console)
    elif batch.error:
        console.print(Text(batch.error, style="red"))


@app.command("delete")
def delete_batch(batch_id: str = typer.Argument(..., help="The batch id")) -> None:
    """Delete a batch with its analyses, comparison and screenshots."""
    parsed = _batch_id(batch_id)

    async def work(runtime: Runtime) -> None:
        async with runtime.db.write() as session:
            await service_for(runtime).delete(session, parsed)

    with_database(work)
    SafeConsole(stderr=True).print(f"Deleted batch {parsed}.", highlight=False)


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
    parsed = _batch_id(batch_id)
    to_stdout = output is not None and str(output) == "-"
    if chosen_format is None and (output is None or to_stdout):
        chosen = "html"
    elif chosen_format == "pdf" or (
        chosen_format is None and output is not None and output.suffix.lower() == ".pdf"
    ):
        chosen = "pdf"
    else:
        chosen = output_format(chosen_format, None if to_stdout else output)
    if chosen not in FORMATS and chosen != "pdf":
        fail(f"unknown format {chosen!r}; use one of {', '.join([*FORMATS, 'pdf'])}")

    async def work(runtime: Runtime) -> Export:
        loaded = await load_report(runtime, parsed, pages=shows_pages(chosen))
        if chosen != "pdf":
            return export(loaded, chosen)
        try:
            return await export_pdf(loaded, runtime.browser)
        finally:
            await runtime.browser.close()

    produced = with_database(work)
    if to_stdout:
        write_bytes(produced.content)
        return
    target = output or Path(produced.file_name)
    target.write_bytes(produced.content)
    SafeConsole(stderr=True).print(
        Text.assemble("Report written to ", (str(target), "bold")), highlight=False
    )
