"""The in-process batch behind the commands: its progress view and Ctrl-C."""

from __future__ import annotations

import asyncio
import io
import re
from pathlib import Path
from typing import Any

import pytest
from rich.console import Console

from aura.cli.batch_run import read_batch, run_batch
from aura.cli.progress import BatchProgress
from aura.competitive.schemas import BatchCreate, BatchRead
from aura.competitive.service import CompetitiveService
from aura.db.migrate import upgrade
from aura.worker import create_runtime
from tests.conftest import make_settings
from tests.reports.builders import batch_read, sites_for_report
from tests.support.servers import Route, ScriptedSite, serve_scripted


class Recorder:
    def __init__(self) -> None:
        self.snapshots: list[BatchRead] = []
        self.events: list[dict[str, Any]] = []
        self.started = asyncio.Event()

    def snapshot(self, batch: BatchRead) -> None:
        self.snapshots.append(batch)

    def event(self, event: dict[str, Any]) -> None:
        self.events.append(event)
        if event["type"] == "url.started":
            self.started.set()


async def test_ctrl_c_cancels_the_batch(tmp_path: Path) -> None:
    url = f"sqlite+aiosqlite:///{tmp_path / 'aura.db'}"
    await asyncio.to_thread(upgrade, url)
    settings = make_settings(url, tmp_path, default_mode="static", technology_dns=False)
    slow = ScriptedSite(routes={"/": Route(delay=20)}, default=None)
    recorder = Recorder()
    with serve_scripted(slow), serve_scripted(ScriptedSite(routes={}, default=None)) as other:
        request = BatchCreate(urls=[slow.url("/"), other.url("/")])
        running = asyncio.create_task(run_batch(settings, request, recorder))
        await recorder.started.wait()
        running.cancel()
        with pytest.raises(asyncio.CancelledError):
            await running

    runtime = create_runtime(settings)
    try:
        batch = await read_batch(runtime, recorder.snapshots[0].id)
    finally:
        await runtime.db.dispose()
    assert batch.status == "cancelled"


def _pending(batch: BatchRead) -> BatchRead:
    urls = [item.model_copy(update={"status": "queued"}) for item in batch.urls]
    return batch.model_copy(update={"status": "pending", "urls": urls})


class _NoQueue:
    """An enqueuer that drops everything: jobs another process has yet to take."""

    async def enqueue(self, kind: str, entity_id: str, key: str, delay: float = 0.0) -> bool:
        return True


async def test_the_command_works_off_its_own_batch_only(tmp_path: Path) -> None:
    url = f"sqlite+aiosqlite:///{tmp_path / 'aura.db'}"
    await asyncio.to_thread(upgrade, url)
    settings = make_settings(url, tmp_path, default_mode="static", technology_dns=False)
    runtime = create_runtime(settings)
    service = CompetitiveService(runtime.queue, runtime.bus, max_urls=10, allow_private=True)
    # A batch of a server sharing the database, still queued there.
    service.queue = _NoQueue()
    async with runtime.db.write() as session:
        foreign = (await service.create(session, BatchCreate(urls=["a.example", "b.example"]))).id
    with serve_scripted(ScriptedSite()) as first, serve_scripted(ScriptedSite()) as second:
        outcome = await run_batch(
            settings, BatchCreate(urls=[first.url("/"), second.url("/")]), Recorder()
        )
    try:
        untouched = await read_batch(runtime, foreign)
    finally:
        await runtime.db.dispose()

    assert outcome.batch.status == "completed"
    assert untouched.status == "pending"
    assert {item.status for item in untouched.urls} == {"queued"}


class TestProgressView:
    def _view(self, *, terminal: bool) -> tuple[BatchProgress, io.StringIO]:
        out = io.StringIO()
        console = Console(file=out, force_terminal=terminal, width=120, color_system=None)
        return BatchProgress(console), out

    def test_on_a_terminal_it_draws_a_row_per_url_and_prints_errors_as_they_happen(
        self,
    ) -> None:
        batch = batch_read(sites_for_report())
        first, second = (item.url for item in batch.urls[:2])
        view, out = self._view(terminal=True)
        with view:
            view.snapshot(_pending(batch))
            view.event({"type": "url.started", "url": first, "attempt": 1, "version": 2})
            view.event(
                {
                    "type": "url.finished",
                    "url": second,
                    "status": "failed",
                    "version": 3,
                    "error": "the server answered HTTP 503",
                }
            )
            assert view.rows[first].status == "running"
            view.event({"type": "url.stage", "url": first, "stage": "rendering", "version": 4})
        text = out.getvalue()

        assert f"✗ {second}: the server answered HTTP 503" in text
        assert first in text
        assert "rendering in Chromium" in text  # the running URL's stage
        assert "0:00:0" in text  # the batch's elapsed time beside the bar
        assert "Overall" in text

    def test_elsewhere_it_prints_one_line_per_change(self) -> None:
        batch = batch_read(sites_for_report())
        first = batch.urls[0].url
        view, out = self._view(terminal=False)
        with view:
            view.snapshot(_pending(batch))
            view.event({"type": "url.started", "url": first, "attempt": 2, "version": 2})
            view.event({"type": "url.stage", "url": first, "stage": "rendering", "version": 3})
            view.event({"type": "url.stage", "url": first, "stage": "auditing", "version": 4})
            view.event({"type": "url.finished", "url": first, "status": "completed", "version": 5})
            view.event({"type": "batch.status", "status": "comparing", "version": 6})
        lines = out.getvalue().splitlines()

        assert lines[0].startswith(f"Analysing {len(batch.urls)} sites")
        assert lines[1:4] == [
            f"… {first} fetching (attempt 2)",
            f"… {first} rendering in Chromium",
            f"… {first} auditing",
        ]
        assert re.fullmatch(rf"✓ {re.escape(first)} done in \d+\.\d s", lines[4])
        assert re.fullmatch(r"comparing the sites \(\d+\.\d s so far\)", lines[-1])
