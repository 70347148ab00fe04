"""The live view of a running batch on stderr: one row per URL, an overall bar, errors.

On a terminal it is a Rich ``Live`` display; elsewhere (CI logs, pipes) it prints one line
per change instead, so logs stay readable.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from types import TracebackType
from typing import Any

from rich.console import Console, Group, RenderableType
from rich.live import Live
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    TaskID,
    TextColumn,
    TimeElapsedColumn,
)
from rich.spinner import Spinner
from rich.table import Table
from rich.text import Text

from aura.competitive.events import (
    BATCH_FINISHED,
    BATCH_STATUS,
    CRAWL_PROGRESS,
    URL_FINISHED,
    URL_STAGE,
    URL_STARTED,
)
from aura.competitive.schemas import BatchRead

STAGES = {
    "queued": "waiting",
    "running": "fetching",
    "completed": "done",
    "failed": "failed",
    "cancelled": "cancelled",
}
#: What a running URL is doing (``aura.audit.stages``).
RUNNING_STAGES = {
    "fetching": "fetching",
    "rendering": "rendering in Chromium",
    "auditing": "auditing",
}
BATCH_STAGES = {
    "pending": "waiting for a worker",
    "running": "analysing",
    "comparing": "comparing the sites",
    "completed": "finished",
    "partial": "finished (some URLs failed)",
    "failed": "failed: no URL could be analysed",
    "cancelled": "cancelled",
}


@dataclass
class UrlRow:
    url: str
    status: str = "queued"
    #: The stage of a running URL (``RUNNING_STAGES``).
    stage: str | None = None
    attempt: int = 0
    error: str | None = None
    started: float | None = None
    finished: float | None = None
    #: A crawled site's pages: "12/40 pages".
    pages: str | None = None
    spinner: Spinner = field(default_factory=lambda: Spinner("dots", style="cyan"))

    def elapsed(self) -> str:
        if self.started is None:
            return ""
        end = self.finished if self.finished is not None else time.monotonic()
        return f"{end - self.started:.1f} s"


@dataclass
class BatchProgress:
    """A ``ProgressSink`` that draws the batch on ``console`` (stderr)."""

    console: Console
    rows: dict[str, UrlRow] = field(default_factory=dict)
    #: A crawl's id → the URL it starts at.
    crawls: dict[str, str] = field(default_factory=dict)
    status: str = "pending"
    #: When the view started: the elapsed time of the whole batch.
    started: float = field(default_factory=time.monotonic)
    _live: Live | None = None
    _bar: Progress | None = None
    _task: TaskID | None = None

    def __enter__(self) -> BatchProgress:
        if self.console.is_terminal:
            self._bar = Progress(
                TextColumn("[bold]Overall"),
                BarColumn(),
                MofNCompleteColumn(),
                TimeElapsedColumn(),
                TextColumn("{task.description}"),
                console=self.console,
            )
            self._task = self._bar.add_task("", total=None)
            self._live = Live(
                get_renderable=self._render,
                console=self.console,
                refresh_per_second=8,
                transient=False,
            )
            self._live.start()
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        if self._live is not None:
            self._live.stop()

    @property
    def interactive(self) -> bool:
        return self._live is not None

    # ProgressSink

    def snapshot(self, batch: BatchRead) -> None:
        if not self.rows and not self.interactive:
            self._line(Text(f"Analysing {len(batch.urls)} sites (batch {batch.id})", style="bold"))
        for item in batch.urls:
            row = self.rows.setdefault(item.url, UrlRow(item.url))
            if item.stage is not None:
                row.stage = item.stage
            if item.crawl is not None:
                self.crawls[str(item.crawl.id)] = item.url
                crawl = item.crawl
                row.pages = f"{crawl.done + crawl.failed}/{crawl.discovered} pages"
            if row.status != item.status:
                self._set(row, item.status, item.error)
        self._set_batch(batch.status)

    def event(self, event: dict[str, Any]) -> None:
        kind = event.get("type")
        url = str(event.get("url") or "")
        if kind == URL_STARTED:
            row = self.rows.setdefault(url, UrlRow(url))
            row.attempt = int(event.get("attempt") or 1)
            row.stage = "fetching"
            self._set(row, "running", None)
        elif kind == URL_STAGE:
            row = self.rows.setdefault(url, UrlRow(url))
            row.stage = str(event.get("stage"))
            if not self.interactive and row.status == "running":
                self._line(Text.assemble(("… ", "cyan"), row.url, f" {_running(row)}"))
        elif kind == URL_FINISHED:
            row = self.rows.setdefault(url, UrlRow(url))
            self._set(row, str(event.get("status")), event.get("error"))
        elif kind == CRAWL_PROGRESS:
            crawled = self.rows.get(self.crawls.get(str(event.get("crawl_id")), ""))
            if crawled is not None:
                settled = int(event.get("done") or 0) + int(event.get("failed") or 0)
                pages = f"{settled}/{int(event.get('discovered') or 0)} pages"
                if not self.interactive and pages != crawled.pages:
                    self._line(Text.assemble("… ", crawled.url, f" crawled {pages}"))
                crawled.pages = pages
        elif kind in (BATCH_STATUS, BATCH_FINISHED):
            self._set_batch(str(event.get("status")))

    # Drawing

    def _set(self, row: UrlRow, status: str, error: str | None) -> None:
        if status == "running" and row.started is None:
            row.started = time.monotonic()
        if status in ("completed", "failed", "cancelled") and row.finished is None:
            row.finished = time.monotonic()
        row.status, row.error = status, error
        if status == "failed":
            message = Text.assemble(("✗ ", "red"), (row.url, "bold"), f": {error or 'failed'}")
            self._line(message, always=True)
        elif not self.interactive and status == "running":
            retry = f" (attempt {row.attempt})" if row.attempt > 1 else ""
            self._line(Text.assemble(("… ", "cyan"), row.url, f" {_running(row)}{retry}"))
        elif not self.interactive and status == "completed":
            self._line(Text.assemble(("✓ ", "green"), row.url, f" done in {row.elapsed()}"))
        self._update_bar()

    def _set_batch(self, status: str) -> None:
        if status == self.status:
            return
        self.status = status
        if not self.interactive and status in ("comparing", "cancelled"):
            elapsed = f"{time.monotonic() - self.started:.1f} s"
            self._line(Text(f"{BATCH_STAGES.get(status, status)} ({elapsed} so far)", style="bold"))
        self._update_bar()

    def _line(self, text: Text, *, always: bool = False) -> None:
        if self._live is not None:
            if always:
                self._live.console.print(text)
            return
        self.console.print(text, highlight=False)

    def _update_bar(self) -> None:
        if self._bar is None or self._task is None:
            return
        done = sum(row.status in ("completed", "failed", "cancelled") for row in self.rows.values())
        self._bar.update(
            self._task,
            total=len(self.rows) or None,
            completed=done,
            description=BATCH_STAGES.get(self.status, self.status),
        )

    def _render(self) -> RenderableType:
        table = Table.grid(padding=(0, 2))
        table.add_column(width=2)
        table.add_column(overflow="fold", ratio=3)
        table.add_column(ratio=2)
        table.add_column(justify="right")
        for row in self.rows.values():
            icon = row.spinner if row.status == "running" else _icon(row.status)
            table.add_row(icon, Text(row.url), _stage(row), row.elapsed())
        parts: list[RenderableType] = [table]
        if self._bar is not None:
            parts.append(self._bar)
        return Group(*parts)


def _icon(status: str) -> RenderableType:
    icons = {"completed": ("✓", "green"), "failed": ("✗", "red"), "cancelled": ("-", "yellow")}
    symbol, style = icons.get(status, ("·", "dim"))
    return Text(symbol, style=style)


def _running(row: UrlRow) -> str:
    return RUNNING_STAGES.get(row.stage or "fetching", row.stage or "fetching")


def _stage(row: UrlRow) -> Text:
    text = _running(row) if row.status == "running" else STAGES.get(row.status, row.status)
    if row.status == "running" and row.attempt > 1:
        text += f" (attempt {row.attempt})"
    if row.status == "failed" and row.error:
        return Text(f"failed: {row.error}", style="red")
    if row.pages is not None:
        text += f" · {row.pages}"
    return Text(text, style="dim" if row.status == "queued" else "")
