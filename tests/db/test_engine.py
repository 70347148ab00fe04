"""The database rules that keep async SQLAlchemy honest, on both dialects."""

from __future__ import annotations

import asyncio
import datetime as dt
from pathlib import Path

import pytest
import sqlalchemy as sa
from sqlalchemy.exc import InvalidRequestError, StatementError

from aura.db.engine import Database, after_commit
from aura.db.migrate import upgrade
from aura.models import CompetitiveAnalysisBatch


async def test_relationships_refuse_implicit_loading(database_url: str) -> None:
    """A forgotten eager load is a loud error in tests, never hidden IO (MissingGreenlet)."""
    db = Database(database_url)
    try:
        async with db.write() as session:
            session.add(CompetitiveAnalysisBatch(total_urls=2))
        async with db.read() as session:
            batch = (await session.scalars(sa.select(CompetitiveAnalysisBatch))).one()
            with pytest.raises(InvalidRequestError, match="lazy='raise'"):
                _ = batch.urls
    finally:
        await db.dispose()


async def test_attributes_stay_readable_after_commit(database_url: str) -> None:
    db = Database(database_url)
    try:
        async with db.write() as session:
            batch = CompetitiveAnalysisBatch(total_urls=3, name="after commit")
            session.add(batch)
        # expire_on_commit=False: no IO, so no MissingGreenlet, outside the session.
        assert (batch.name, batch.total_urls, batch.status) == ("after commit", 3, "pending")
        assert batch.created_at.tzinfo is not None
    finally:
        await db.dispose()


async def test_timestamps_are_aware_and_naive_ones_are_refused(database_url: str) -> None:
    db = Database(database_url)
    try:
        moment = dt.datetime(2026, 1, 2, 3, 4, 5, tzinfo=dt.timezone(dt.timedelta(hours=2)))
        async with db.write() as session:
            session.add(CompetitiveAnalysisBatch(total_urls=2, created_at=moment))
        async with db.read() as session:
            stored = (await session.scalars(sa.select(CompetitiveAnalysisBatch))).one()
        assert stored.created_at == moment
        assert stored.created_at.utcoffset() == dt.timedelta(0)

        with pytest.raises(StatementError, match="naive datetime refused"):
            async with db.write() as session:
                session.add(
                    CompetitiveAnalysisBatch(total_urls=2, created_at=dt.datetime(2026, 1, 1))
                )
                await session.flush()
    finally:
        await db.dispose()


async def test_after_commit_runs_only_after_a_commit(database_url: str) -> None:
    db = Database(database_url)
    ran: list[str] = []

    async def record(label: str) -> None:
        ran.append(label)

    try:
        async with db.write() as session:
            session.add(CompetitiveAnalysisBatch(total_urls=2))
            after_commit(session, lambda: record("committed"))
            assert ran == []
        assert ran == ["committed"]

        with pytest.raises(RuntimeError):
            async with db.write() as session:
                after_commit(session, lambda: record("rolled back"))
                raise RuntimeError("boom")
        assert ran == ["committed"]
    finally:
        await db.dispose()


async def test_sqlite_is_tuned(tmp_path: Path) -> None:
    url = f"sqlite+aiosqlite:///{tmp_path / 'tuned.db'}"
    db = Database(url)
    try:
        async with db.read() as session:
            pragmas = {
                name: (await session.execute(sa.text(f"PRAGMA {name}"))).scalar()
                for name in ("journal_mode", "foreign_keys", "synchronous", "busy_timeout")
            }
        assert pragmas == {
            "journal_mode": "wal",
            "foreign_keys": 1,
            "synchronous": 1,
            "busy_timeout": 15000,
        }
    finally:
        await db.dispose()


async def test_sqlite_read_then_write_transactions_do_not_fail_locked(tmp_path: Path) -> None:
    """Deferred read-then-write transactions die with "database is locked"; ours wait."""
    url = f"sqlite+aiosqlite:///{tmp_path / 'locks.db'}"
    await asyncio.to_thread(upgrade, url)
    db = Database(url)
    try:
        async with db.write() as session:
            batch = CompetitiveAnalysisBatch(total_urls=2, completed_urls=0)
            session.add(batch)
        batch_id = batch.id

        async def read_then_write() -> None:
            async with db.write() as session:
                current = await session.scalar(
                    sa.select(CompetitiveAnalysisBatch.completed_urls).where(
                        CompetitiveAnalysisBatch.id == batch_id
                    )
                )
                await asyncio.sleep(0.01)  # let the others interleave
                await session.execute(
                    sa.update(CompetitiveAnalysisBatch)
                    .where(CompetitiveAnalysisBatch.id == batch_id)
                    .values(completed_urls=(current or 0) + 1)
                )

        await asyncio.gather(*(read_then_write() for _ in range(20)))
        async with db.read() as session:
            final = await session.scalar(sa.select(CompetitiveAnalysisBatch.completed_urls))
        # BEGIN IMMEDIATE serialises the writers, so no update is lost either.
        assert final == 20
    finally:
        await db.dispose()


async def test_sqlite_writers_of_one_process_take_turns(tmp_path: Path) -> None:
    """SQLite has one writer at a time: this process's write transactions queue for their
    turn (SQLite's busy handler would poll with sleeps) and run one after the other; a second
    engine on the file (another process) still waits on the lock itself."""
    url = f"sqlite+aiosqlite:///{tmp_path / 'turns.db'}"
    await asyncio.to_thread(upgrade, url)
    db, other = Database(url), Database(url)
    seen: list[str] = []

    async def write(database: Database, name: str) -> None:
        async with database.write() as session:
            seen.append(f"{name} in")
            session.add(CompetitiveAnalysisBatch(total_urls=2, name=name))
            await session.flush()
            await asyncio.sleep(0.02)  # let the others try to interleave
            seen.append(f"{name} out")

    try:
        await asyncio.gather(*(write(db, name) for name in "abc"), write(other, "other"))
        ours = [event for event in seen if not event.startswith("other")]
        assert ours == ["a in", "a out", "b in", "b out", "c in", "c out"]
        async with db.read() as session:
            names = await session.scalars(sa.select(CompetitiveAnalysisBatch.name))
            assert sorted(names) == ["a", "b", "c", "other"]
    finally:
        await db.dispose()
        await other.dispose()


async def test_a_write_inside_a_write_of_the_same_task_is_refused(tmp_path: Path) -> None:
    """It could never commit (the outer one holds SQLite's lock): it fails at once instead of
    waiting for a turn that would not come."""
    url = f"sqlite+aiosqlite:///{tmp_path / 'nested.db'}"
    await asyncio.to_thread(upgrade, url)
    db = Database(url)
    try:
        with pytest.raises(RuntimeError, match="inside another"):
            async with db.write(), db.write():
                pass
        async with db.write() as session:  # the turn was handed back
            session.add(CompetitiveAnalysisBatch(total_urls=2))
    finally:
        await db.dispose()
