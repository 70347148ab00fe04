"""The distributed mode with real processes: API and worker processes over PostgreSQL and
Redis, and what happens when a worker, Redis or PostgreSQL dies mid-batch."""

from __future__ import annotations

import asyncio
import os
import signal
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
import sqlalchemy as sa

from aura.db.engine import Database
from aura.db.migrate import upgrade
from aura.models import Analysis, ComparisonResult
from tests.conftest import REQUIRE_SERVICES
from tests.support.live import replay, watch, ws_url
from tests.support.processes import aura_processes, private_postgres, private_redis
from tests.support.servers import Route, ScriptedSite, serve_scripted, wait_until

FINISHED = {"completed", "partial", "failed", "cancelled"}


@pytest.fixture
def site() -> Iterator[ScriptedSite]:
    pages = {f"/slow-{index}": Route(delay=1.5) for index in range(4)}
    with serve_scripted(ScriptedSite(routes=pages, default=Route())) as scripted:
        yield scripted


def _env(database_url: str, redis_url: str, **extra: str) -> dict[str, str]:
    return {
        "AURA_DATABASE_URL": database_url,
        "AURA_QUEUE_URL": redis_url,
        "AURA_QUEUE_NAME": f"aura-test-{uuid.uuid4().hex[:8]}",
        "AURA_ALLOW_PRIVATE_NETWORKS": "true",
        "AURA_FETCH_TOTAL_TIMEOUT": "4",
        "AURA_ANALYSIS_TIMEOUT": "5",
        "AURA_DEFAULT_MODE": "static",
        "AURA_FETCH_RETRIES": "0",
        "AURA_JOB_LEASE_SECONDS": "6",
        "AURA_SWEEP_INTERVAL_SECONDS": "0.5",
        "AURA_WORKER_CONCURRENCY": "2",
        **extra,
    }


def _get(url: str) -> dict[str, Any]:
    response = httpx.get(url, timeout=10)
    assert response.status_code == 200, response.text
    body: dict[str, Any] = response.json()
    return body


def _finish(api: str, batch_id: str, within: float) -> dict[str, Any]:
    def done() -> bool:
        try:
            return _get(f"{api}/api/v1/competitive/{batch_id}")["status"] in FINISHED
        except httpx.HTTPError:
            return False

    wait_until(done, timeout=within, interval=0.2)
    return _get(f"{api}/api/v1/competitive/{batch_id}")


def _stored(database_url: str) -> tuple[list[Analysis], int]:
    async def read() -> tuple[list[Analysis], int]:
        db = Database(database_url)
        try:
            async with db.read() as session:
                analyses = list(await session.scalars(sa.select(Analysis)))
                comparisons = await session.scalar(
                    sa.select(sa.func.count()).select_from(ComparisonResult)
                )
                return analyses, int(comparisons or 0)
        finally:
            await db.dispose()

    return asyncio.run(read())


def _require(tool: str) -> None:
    import shutil

    if shutil.which(tool) is None and not any(Path("/usr/lib/postgresql").glob(f"*/bin/{tool}")):
        if REQUIRE_SERVICES:
            pytest.fail(f"{tool} is needed for this test")
        pytest.skip(f"{tool} is not installed")


def test_two_apis_and_two_workers(
    postgres_url: str, redis_url: str, site: ScriptedSite, tmp_path: Path
) -> None:
    """A batch submitted to API 1 is watched over WebSocket on API 2 and run by 2 workers."""
    with aura_processes(_env(postgres_url, redis_url), tmp_path / "logs") as aura:
        first, second = aura.api("api-1"), aura.api("api-2")
        aura.worker("worker-1")
        aura.worker("worker-2")
        urls = [site.url(f"/slow-{index}") for index in range(4)]
        created = httpx.post(f"{first}/api/v1/competitive/", json={"urls": urls}, timeout=10)
        assert created.status_code == 201, created.text
        batch_id = created.json()["id"]

        messages, code, _ = asyncio.run(watch(ws_url(second, batch_id), within=60))

        assert code == 1000, aura.all_logs()
        # What the watcher ends up seeing, its snapshots included (a watcher that misses an
        # event in the stream is sent a new snapshot): every URL done, the batch completed.
        view = replay(messages)
        assert view["status"] == "completed"
        assert view["urls"] == dict.fromkeys(urls, "completed")
        assert messages[-1]["type"] == "batch.finished"
        comparison = httpx.get(f"{second}/api/v1/competitive/{batch_id}/comparison", timeout=10)
        assert comparison.status_code == 200

    analyses, comparisons = _stored(postgres_url)
    assert comparisons == 1
    # Both workers took jobs (concurrency 2 each, four slow pages).
    assert len({a.claimed_by for a in analyses}) == 2


def test_a_worker_killed_mid_job_loses_nothing(
    postgres_url: str, redis_url: str, site: ScriptedSite, tmp_path: Path
) -> None:
    with aura_processes(_env(postgres_url, redis_url), tmp_path / "logs") as aura:
        api = aura.api()
        victim = aura.worker("victim")
        urls = [site.url(f"/slow-{index}") for index in range(3)]
        batch_id = httpx.post(f"{api}/api/v1/competitive/", json={"urls": urls}, timeout=10)
        batch_id = batch_id.json()["id"]

        def victim_holds_a_job() -> bool:
            analyses, _ = _stored(postgres_url)
            return any(
                a.status == "running" and (a.claimed_by or "").endswith(f"#{victim.pid}")
                for a in analyses
            )

        assert wait_until(victim_holds_a_job, timeout=30), aura.all_logs()
        os.kill(victim.pid, signal.SIGKILL)
        victim.wait()
        aura.worker("survivor")

        batch = _finish(api, batch_id, within=90)

    assert batch["status"] == "completed", aura.all_logs()
    analyses, comparisons = _stored(postgres_url)
    assert comparisons == 1
    assert sorted(a.url for a in analyses) == sorted(urls)
    assert all(a.status == "completed" and a.result is not None for a in analyses)
    assert batch["completed_urls"] == 3
    # The jobs the victim held were taken over: a second attempt, by the survivor.
    assert max(a.attempts for a in analyses) == 2
    assert all(not (a.claimed_by or "").endswith(f"#{victim.pid}") for a in analyses)


def test_sigterm_lets_the_worker_finish_its_jobs(
    postgres_url: str, redis_url: str, site: ScriptedSite, tmp_path: Path
) -> None:
    with aura_processes(_env(postgres_url, redis_url), tmp_path / "logs") as aura:
        api = aura.api()
        worker = aura.worker()
        urls = [site.url("/slow-0"), site.url("/slow-1")]
        batch_id = httpx.post(f"{api}/api/v1/competitive/", json={"urls": urls}, timeout=10)
        batch_id = batch_id.json()["id"]
        assert wait_until(lambda: site.hits.get("/slow-0", 0) >= 1, timeout=30)

        worker.send_signal(signal.SIGTERM)
        assert worker.wait(timeout=30) == 0, aura.log("worker")

        analyses, _ = _stored(postgres_url)
        # The job in flight when SIGTERM arrived was finished, not abandoned.
        slow = next(a for a in analyses if a.url == urls[0])
        assert slow.status == "completed", aura.log("worker")
        assert slow.attempts == 1

        aura.worker("second")
        batch = _finish(api, batch_id, within=60)
    assert batch["status"] == "completed"


def test_redis_restarted_mid_batch(postgres_url: str, site: ScriptedSite, tmp_path: Path) -> None:
    _require("redis-server")
    with (
        private_redis(tmp_path) as redis,
        aura_processes(_env(postgres_url, redis.url), tmp_path / "logs") as aura,
    ):
        api = aura.api()
        aura.worker()
        urls = [site.url(f"/slow-{index}") for index in range(4)]
        batch_id = httpx.post(f"{api}/api/v1/competitive/", json={"urls": urls}, timeout=10)
        batch_id = batch_id.json()["id"]
        assert wait_until(lambda: site.hits.get("/slow-0", 0) >= 1, timeout=30)

        redis.kill()  # everything queued in Redis is gone with it
        wait_until(lambda: False, timeout=1.5)
        redis.start()

        batch = _finish(api, batch_id, within=90)

    assert batch["status"] == "completed", aura.all_logs()
    analyses, comparisons = _stored(postgres_url)
    assert comparisons == 1
    assert all(a.status == "completed" for a in analyses)
    assert batch["completed_urls"] == 4


def test_postgres_restarted_mid_batch(redis_url: str, site: ScriptedSite, tmp_path: Path) -> None:
    _require("pg_ctl")
    with private_postgres() as postgres:
        upgrade(postgres.url)
        with aura_processes(_env(postgres.url, redis_url), tmp_path / "logs") as aura:
            api = aura.api()
            aura.worker()
            urls = [site.url(f"/slow-{index}") for index in range(4)]
            batch_id = httpx.post(f"{api}/api/v1/competitive/", json={"urls": urls}, timeout=10)
            batch_id = batch_id.json()["id"]
            assert wait_until(lambda: site.hits.get("/slow-0", 0) >= 1, timeout=30)

            postgres.ctl("stop")
            wait_until(lambda: False, timeout=1.5)
            postgres.ctl("start")

            batch = _finish(api, batch_id, within=120)
            analyses, comparisons = _stored(postgres.url)

    assert batch["status"] == "completed", aura.all_logs()
    assert comparisons == 1
    assert len(analyses) == 4
    assert all(a.status == "completed" for a in analyses)
