"""A browser-mode batch worked off by a command's own worker (``aura analyze``), where no
recovery sweep runs: a page that waited too long for the browser is offered again."""

from __future__ import annotations

import asyncio
from pathlib import Path
from typing import Any

from aura.audit.browser import BrowserSettings
from aura.cli.batch_run import run_batch
from aura.competitive.schemas import BatchCreate, BatchRead
from aura.db.migrate import upgrade
from tests.audit.browser import pages
from tests.conftest import make_settings
from tests.support.servers import ScriptedSite, serve_scripted


class Quiet:
    def snapshot(self, batch: BatchRead) -> None:
        pass

    def event(self, event: dict[str, Any]) -> None:
        pass


async def test_pages_queued_behind_the_one_browser_all_finish(
    browser_settings: BrowserSettings, tmp_path: Path
) -> None:
    database = f"sqlite+aiosqlite:///{tmp_path / 'aura.db'}"
    await asyncio.to_thread(upgrade, database)
    # One browser slot and three jobs at once; a job waits at most lease - timeout - 15 s,
    # floored at 1 s, for it: shorter than any render, so two of the pages give up waiting
    # at least once. They used to stay queued for good in a command (no sweep runs there).
    settings = make_settings(
        database,
        tmp_path,
        default_mode="browser",
        chromium_path=browser_settings.executable,
        axe_core_path=browser_settings.axe_core,
        browser_concurrency=1,
        worker_concurrency=3,
        analysis_timeout=46.0,
        job_lease_seconds=60.0,
        browser_page_budget=12.0,
        technology_dns=False,
    )
    sites = [ScriptedSite(routes={"/": pages.PLAIN}, default=None) for _ in range(3)]
    with serve_scripted(sites[0]), serve_scripted(sites[1]), serve_scripted(sites[2]):
        request = BatchCreate(urls=[site.url("/") for site in sites], mode="browser")
        outcome = await asyncio.wait_for(run_batch(settings, request, Quiet()), timeout=400)
    assert [item.status for item in outcome.batch.urls] == ["completed"] * 3
    assert outcome.batch.status == "completed"
