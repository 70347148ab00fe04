"""A crawl in the distributed mode with real processes (PostgreSQL, Redis, `aura serve`,
`aura worker`): a worker killed mid-crawl loses no page and stores none twice."""

from __future__ import annotations

import asyncio
import os
import signal
import threading
import uuid
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
import sqlalchemy as sa

from aura.db.engine import Database
from aura.models import Crawl, CrawlPage
from tests.support.processes import aura_processes
from tests.support.servers import Route, ScriptedSite, serve_scripted, wait_until

PAGES = 60
#: Pages held open by the server until the worker that fetches them has been killed, so the
#: kill always finds pages in the worker's hands (a fast page can finish between the test's
#: look and the kill).
HELD = ("/p20", "/p21")
FINISHED = {"completed", "partial", "failed", "cancelled"}


@pytest.fixture
def gate() -> threading.Event:
    return threading.Event()


@pytest.fixture
def site(gate: threading.Event) -> Iterator[ScriptedSite]:
    links = "".join(f'<a href="/p{index}">page {index}</a>' for index in range(PAGES - 1))
    home = f"<html><head><title>Home</title></head><body>{links}</body></html>".encode()
    pages = {"/": Route(body=home)}
    pages |= {f"/p{index}": Route(delay=0.1) for index in range(PAGES - 1)}
    pages |= {path: Route(delay=0.1, gate=gate) for path in HELD}
    with serve_scripted(ScriptedSite(routes=pages, default=Route(status=404))) as scripted:
        try:
            yield scripted
        finally:
            gate.set()


def _rows(database_url: str) -> tuple[list[Crawl], list[CrawlPage]]:
    async def read() -> tuple[list[Crawl], list[CrawlPage]]:
        db = Database(database_url)
        try:
            async with db.read() as session:
                crawls = list(await session.scalars(sa.select(Crawl)))
                pages = list(await session.scalars(sa.select(CrawlPage)))
                return crawls, pages
        finally:
            await db.dispose()

    return asyncio.run(read())


def test_a_worker_killed_mid_crawl_loses_no_page_and_stores_none_twice(
    postgres_url: str, redis_url: str, site: ScriptedSite, gate: threading.Event, tmp_path: Path
) -> None:
    env = {
        "AURA_DATABASE_URL": postgres_url,
        "AURA_QUEUE_URL": redis_url,
        "AURA_QUEUE_NAME": f"aura-test-{uuid.uuid4().hex[:8]}",
        "AURA_ALLOW_PRIVATE_NETWORKS": "true",
        # Long enough for a held page to wait for the kill, on a busy host too.
        "AURA_FETCH_TOTAL_TIMEOUT": "15",
        "AURA_ANALYSIS_TIMEOUT": "18",
        "AURA_DEFAULT_MODE": "static",
        "AURA_FETCH_RETRIES": "0",
        "AURA_JOB_LEASE_SECONDS": "20",
        "AURA_SWEEP_INTERVAL_SECONDS": "0.5",
        "AURA_WORKER_CONCURRENCY": "4",
    }
    with aura_processes(env, tmp_path / "logs") as aura:
        api = aura.api()
        victim = aura.worker("victim")
        body = {"urls": [site.url("/"), site.url("/p0")], "pages": PAGES, "depth": 2}
        created = httpx.post(f"{api}/api/v1/competitive/", json=body, timeout=10)
        assert created.status_code == 201, created.text
        batch_id = created.json()["id"]

        def mid_crawl() -> bool:
            _, pages = _rows(postgres_url)
            done = sum(page.status == "done" for page in pages)
            running = {page.url for page in pages if page.status == "running"}
            return done >= 10 and any(site.url(path) in running for path in HELD)

        assert wait_until(mid_crawl, timeout=60, interval=0.1), aura.all_logs()
        os.kill(victim.pid, signal.SIGKILL)
        victim.wait()
        _, at_kill = _rows(postgres_url)
        held = {page.url for page in at_kill if page.status == "running"}
        gate.set()
        aura.worker("survivor")

        def finished() -> bool:
            response = httpx.get(f"{api}/api/v1/competitive/{batch_id}", timeout=10)
            return response.json()["status"] in FINISHED

        assert wait_until(finished, timeout=120, interval=0.3), aura.all_logs()
        batch = httpx.get(f"{api}/api/v1/competitive/{batch_id}", timeout=10).json()

    assert batch["status"] == "completed", aura.all_logs()
    crawls, pages = _rows(postgres_url)
    crawl = next(item for item in crawls if item.start_url == site.url("/"))
    mine = [page for page in pages if page.crawl_id == crawl.id]
    expected = {site.url("/")} | {site.url(f"/p{index}") for index in range(PAGES - 1)}
    # Every page once: no duplicate row, none missing, each stored with its record.
    assert sorted(page.url for page in mine) == sorted(expected)
    assert all(page.status == "done" and page.record is not None for page in mine)
    assert all(page.record is not None and page.record["url"] == page.url for page in mine)
    # Counted once each: a second store of a page would have counted it again.
    assert (crawl.status, crawl.discovered, crawl.done, crawl.failed) == (
        "completed",
        PAGES,
        PAGES,
        0,
    )
    # The pages the killed worker held were claimed again after their lease ran out.
    assert held
    retried = {page.url for page in mine if page.attempts == 2}
    assert held <= retried, (held, retried)
