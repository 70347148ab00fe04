"""Nothing lost, nothing left behind: the database enforces the invariants itself, and a
deleted batch takes everything it owns with it. On SQLite and on PostgreSQL."""

from __future__ import annotations

import uuid
from collections.abc import AsyncIterator
from pathlib import Path

import pytest
import sqlalchemy as sa
from sqlalchemy.exc import IntegrityError

from aura.db.engine import Database
from aura.models import (
    Analysis,
    BatchStatus,
    ComparisonResult,
    CompetitiveAnalysisBatch,
    CompetitiveAnalysisUrl,
)
from tests.security.helpers import hardened_settings, running_app
from tests.support.api import create_batch, wait_for_batch
from tests.support.servers import ScriptedSite, serve_scripted


@pytest.fixture
async def db(database_url: str) -> AsyncIterator[Database]:
    database = Database(database_url)
    try:
        yield database
    finally:
        await database.dispose()


async def _batch_with_one_url(db: Database) -> tuple[uuid.UUID, uuid.UUID]:
    async with db.write() as session:
        batch = CompetitiveAnalysisBatch(total_urls=2, status=BatchStatus.PENDING)
        analysis = Analysis(url="https://a.example/")
        batch.urls = [
            CompetitiveAnalysisUrl(position=0, url="https://a.example/", analysis=analysis)
        ]
        session.add(batch)
    return batch.id, analysis.id


async def _violates(db: Database, *rows: object) -> None:
    with pytest.raises(IntegrityError):
        async with db.write() as session:
            session.add_all(rows)
            await session.flush()


class TestConstraints:
    async def test_a_url_row_needs_its_batch_and_its_analysis(self, db: Database) -> None:
        batch_id, _ = await _batch_with_one_url(db)
        orphan = Analysis(url="https://b.example/")
        await _violates(
            db,
            orphan,
            CompetitiveAnalysisUrl(
                batch_id=uuid.uuid4(), position=1, url="https://b.example/", analysis=orphan
            ),
        )
        await _violates(
            db,
            CompetitiveAnalysisUrl(
                batch_id=batch_id, position=1, url="https://b.example/", analysis_id=uuid.uuid4()
            ),
        )

    async def test_one_analysis_belongs_to_one_url_of_one_batch(self, db: Database) -> None:
        batch_id, analysis_id = await _batch_with_one_url(db)
        await _violates(
            db,
            CompetitiveAnalysisUrl(
                batch_id=batch_id, position=1, url="https://b.example/", analysis_id=analysis_id
            ),
        )

    async def test_a_url_appears_once_per_batch(self, db: Database) -> None:
        batch_id, _ = await _batch_with_one_url(db)
        await _violates(
            db,
            CompetitiveAnalysisUrl(
                batch_id=batch_id,
                position=1,
                url="https://a.example/",
                analysis=Analysis(url="https://a.example/"),
            ),
        )

    async def test_a_batch_has_at_most_one_comparison(self, db: Database) -> None:
        batch_id, _ = await _batch_with_one_url(db)

        def comparison(of: uuid.UUID) -> ComparisonResult:
            return ComparisonResult(
                batch_id=of, analysis_version="1", comparison_version="1", result={}
            )

        async with db.write() as session:
            session.add(comparison(batch_id))
        await _violates(db, comparison(batch_id))
        await _violates(db, comparison(uuid.uuid4()))

    async def test_removing_the_batch_row_cascades_in_the_database(self, db: Database) -> None:
        """Even a bare DELETE (an operator's SQL) leaves no URL row or comparison behind."""
        batch_id, _ = await _batch_with_one_url(db)
        async with db.write() as session:
            session.add(
                ComparisonResult(
                    batch_id=batch_id, analysis_version="1", comparison_version="1", result={}
                )
            )
        async with db.write() as session:
            await session.execute(
                sa.delete(CompetitiveAnalysisBatch).where(CompetitiveAnalysisBatch.id == batch_id)
            )
        assert await _count(db, CompetitiveAnalysisUrl) == 0
        assert await _count(db, ComparisonResult) == 0


async def _count(db: Database, model: type[object], *where: sa.ColumnElement[bool]) -> int:
    async with db.read() as session:
        total = await session.scalar(sa.select(sa.func.count()).select_from(model).where(*where))
    return int(total or 0)


async def test_deleting_a_batch_removes_everything_it_owns_and_nothing_else(
    database_url: str, tmp_path: Path
) -> None:
    site = ScriptedSite()
    settings = hardened_settings(database_url, tmp_path, allow_private_networks=True)
    with serve_scripted(site):
        urls = [site.url("/a"), site.url("/b")]
        async with running_app(settings) as client:
            doomed = await create_batch(client, urls)
            kept = await create_batch(client, urls)
            single = (await client.post("/api/v1/analyses/", json={"url": urls[0]})).json()
            for batch in (doomed, kept):
                done = await wait_for_batch(client, batch["id"])
                assert done["status"] == "completed", done
            # The browser tier's screenshots, one folder per analysis.
            folders = {
                item["analysis_id"]: settings.data_dir / "screenshots" / item["analysis_id"]
                for batch in (doomed, kept)
                for item in batch["urls"]
            }
            for folder in folders.values():
                folder.mkdir(parents=True)
                (folder / "desktop.png").write_bytes(b"\x89PNG\r\n\x1a\n")

            deleted = await client.delete(f"/api/v1/competitive/{doomed['id']}")
            assert deleted.status_code == 204, deleted.text
            assert (await client.get(f"/api/v1/competitive/{doomed['id']}")).status_code == 404
            again = await client.delete(f"/api/v1/competitive/{doomed['id']}")
            assert again.status_code == 404
            assert (await client.get(f"/api/v1/competitive/{kept['id']}")).status_code == 200
            remaining = await client.get(f"/api/v1/analyses/{single['id']}")
            assert remaining.status_code == 200

    doomed_analyses = [uuid.UUID(item["analysis_id"]) for item in doomed["urls"]]
    doomed_id = uuid.UUID(doomed["id"])
    db = Database(database_url)
    try:
        assert await _count(db, Analysis, Analysis.id.in_(doomed_analyses)) == 0
        owned_urls = CompetitiveAnalysisUrl.batch_id == doomed_id
        assert await _count(db, CompetitiveAnalysisUrl, owned_urls) == 0
        assert await _count(db, ComparisonResult, ComparisonResult.batch_id == doomed_id) == 0
        # The other batch and the single analysis are whole.
        assert await _count(db, Analysis) == 3
        assert await _count(db, CompetitiveAnalysisUrl) == 2
        assert await _count(db, ComparisonResult) == 1
    finally:
        await db.dispose()
    for analysis_id, folder in folders.items():
        assert folder.exists() == (uuid.UUID(analysis_id) not in doomed_analyses), folder
