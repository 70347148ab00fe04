"""The recovery sweep picks up what a crash or a lost queue left behind."""

from __future__ import annotations

from pathlib import Path

import httpx
import sqlalchemy as sa

from aura.app import create_app
from aura.db.engine import Database
from aura.models import BatchStatus, CompetitiveAnalysisBatch
from tests.conftest import make_settings
from tests.support.api import create_batch, wait_for_batch
from tests.support.servers import Route, ScriptedSite, serve_scripted


def _client(app: object) -> httpx.AsyncClient:
    return httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://aura.test")  # type: ignore[arg-type]


async def test_jobs_lost_with_the_queue_are_recovered(database_url: str, tmp_path: Path) -> None:
    settings = make_settings(database_url, tmp_path)
    with serve_scripted(ScriptedSite(default=Route())) as site:
        # A process that accepts the batch and dies before any worker ran: the in-memory
        # queue, and the jobs in it, are gone with it.
        doomed = create_app(settings, run_worker=False)
        async with doomed.router.lifespan_context(doomed), _client(doomed) as client:
            created = await create_batch(client, [site.url("/a"), site.url("/b")])

        revived = create_app(settings)
        async with revived.router.lifespan_context(revived), _client(revived) as client:
            batch = await wait_for_batch(client, created["id"])

    assert batch["status"] == "completed"
    assert (site.hits.get("/a"), site.hits.get("/b")) == (1, 1)


async def test_a_batch_stuck_in_comparing_is_finished(database_url: str, tmp_path: Path) -> None:
    settings = make_settings(database_url, tmp_path)
    with serve_scripted(ScriptedSite(default=Route())) as site:
        app = create_app(settings)
        async with app.router.lifespan_context(app), _client(app) as client:
            created = await create_batch(client, [site.url("/a"), site.url("/b")])
            await wait_for_batch(client, created["id"])

    # Simulate a crash after the last URL moved the batch to comparing, before the
    # comparison job was enqueued (or while it ran).
    db = Database(database_url)
    try:
        async with db.write() as session:
            await session.execute(sa.text("DELETE FROM comparison_results"))
            await session.execute(
                sa.update(CompetitiveAnalysisBatch).values(
                    status=BatchStatus.COMPARING, finished_at=None
                )
            )
    finally:
        await db.dispose()

    app = create_app(settings)
    async with app.router.lifespan_context(app), _client(app) as client:
        batch = await wait_for_batch(client, created["id"])
        comparison = await client.get(f"/api/v1/competitive/{created['id']}/comparison")
    assert batch["status"] == "completed"
    assert comparison.status_code == 200
