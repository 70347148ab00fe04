"""What ``aura batches list|show|delete`` and ``aura report ID`` do with the stored batches.
``aura.cli.batches`` declares their options and imports this module when one runs."""

from __future__ import annotations

import uuid
from pathlib import Path
from typing import TypeVar

from rich.table import Table
from rich.text import Text

from aura.cli.analyze_work import output_format, write_bytes
from aura.cli.batch_run import load_report, service_for
from aura.cli.comparison_view import batch_table, print_report
from aura.cli.plumbing import fail, with_database
from aura.cli.terminal import SafeConsole
from aura.competitive.schemas import BatchPage, BatchRead
from aura.models import BatchStatus
from aura.reports import FORMATS, Export, Report, export, shows_pages
from aura.reports.as_pdf import export_pdf
from aura.runtime import Runtime

T = TypeVar("T")


def _batch_id(raw: str) -> uuid.UUID:
    try:
        return uuid.UUID(raw.strip())
    except ValueError:
        fail(f"{raw!r} is not a batch id (see `aura batches list`)")


def list_stored(*, as_json: bool, limit: int, page: int) -> None:
    """``aura batches list``, its options parsed (``aura.cli.batches``)."""

    async def work(runtime: Runtime) -> BatchPage:
        async with runtime.db.read() as session:
            batches, total = await service_for(runtime).page(session, page, limit)
            return BatchPage.of(batches, total, page, limit)

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


def show_stored(batch_id: str) -> None:
    """``aura batches show``."""
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


def delete_stored(batch_id: str) -> None:
    """``aura batches delete``."""
    parsed = _batch_id(batch_id)

    async def work(runtime: Runtime) -> None:
        async with runtime.db.write() as session:
            await service_for(runtime).delete(session, parsed)

    with_database(work)
    SafeConsole(stderr=True).print(f"Deleted batch {parsed}.", highlight=False)


def export_report(batch_id: str, chosen_format: str | None, output: Path | None) -> None:
    """``aura report``, its options parsed (``aura.cli.batches``)."""
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
