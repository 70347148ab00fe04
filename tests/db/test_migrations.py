"""The one migration tree builds the models' schema on both dialects, and can be undone."""

from __future__ import annotations

import asyncio
import datetime as dt
import uuid
from pathlib import Path
from typing import Any

import sqlalchemy as sa
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory

import aura.models  # noqa: F401
from aura.db.base import Base
from aura.db.engine import create_engine
from aura.db.migrate import (
    alembic_config,
    head_revisions,
    is_at_head,
    upgrade,
    upgrade_if_behind,
)


def _schema_diff(url: str) -> list[Any]:
    async def run() -> list[Any]:
        engine = create_engine(url)
        try:
            async with engine.connect() as connection:

                def diff(sync_connection: sa.Connection) -> list[Any]:
                    context = MigrationContext.configure(
                        sync_connection, opts={"compare_type": True}
                    )
                    return list(compare_metadata(context, Base.metadata))

                return await connection.run_sync(diff)
        finally:
            await engine.dispose()

    return asyncio.run(run())


def _tables(url: str) -> set[str]:
    async def run() -> set[str]:
        engine = create_engine(url)
        try:
            async with engine.connect() as connection:
                return set(await connection.run_sync(lambda c: sa.inspect(c).get_table_names()))
        finally:
            await engine.dispose()

    return asyncio.run(run())


def test_migrations_match_the_models(database_url: str) -> None:
    assert _schema_diff(database_url) == []


def test_downgrade_to_base_and_back(database_url: str) -> None:
    expected = {
        "analyses",
        "competitive_analysis_batches",
        "competitive_analysis_urls",
        "comparison_results",
        "comparison_sets",
        "set_run_changes",
        "alert_rules",
        "alerts",
    }
    assert expected <= _tables(database_url)
    command.downgrade(alembic_config(database_url), "base")
    assert not expected & _tables(database_url)
    upgrade(database_url)
    assert expected <= _tables(database_url)


def _current(url: str) -> str | None:
    async def run() -> str | None:
        engine = create_engine(url)
        try:
            async with engine.connect() as connection:
                return await connection.run_sync(
                    lambda c: MigrationContext.configure(c).get_current_revision()
                )
        finally:
            await engine.dispose()

    return asyncio.run(run())


def test_every_migration_downgrades_and_upgrades_again(database_url: str) -> None:
    """From base, each revision in turn: up, down, up. Then the schema is the models' again."""
    config = alembic_config(database_url)
    oldest_first = [r.revision for r in ScriptDirectory.from_config(config).walk_revisions()][::-1]
    command.downgrade(config, "base")
    assert _current(database_url) is None
    previous: str | None = None
    for revision in oldest_first:
        command.upgrade(config, revision)
        assert _current(database_url) == revision
        command.downgrade(config, previous or "base")
        assert _current(database_url) == previous
        command.upgrade(config, revision)
        previous = revision
    assert _schema_diff(database_url) == []


def _count_batch_rows(url: str) -> tuple[int, int, int]:
    async def run() -> tuple[int, int, int]:
        engine = create_engine(url)
        try:
            async with engine.connect() as connection:
                counts = [
                    await connection.scalar(sa.text(f"SELECT count(*) FROM {table}"))
                    for table in (
                        "competitive_analysis_batches",
                        "competitive_analysis_urls",
                        "comparison_results",
                    )
                ]
                return (int(counts[0]), int(counts[1]), int(counts[2]))
        finally:
            await engine.dispose()

    return asyncio.run(run())


def _insert_a_finished_batch(url: str) -> None:
    """A batch with one URL row, its analysis and its comparison, in columns 0002 has."""
    tables = Base.metadata.tables
    now = dt.datetime.now(dt.UTC)
    analysis_id, batch_id = uuid.uuid4(), uuid.uuid4()

    async def run() -> None:
        engine = create_engine(url)
        try:
            async with engine.begin() as connection:
                await connection.execute(
                    tables["analyses"]
                    .insert()
                    .values(id=analysis_id, url="https://a.example/", status="completed")
                )
                await connection.execute(
                    tables["competitive_analysis_batches"]
                    .insert()
                    .values(id=batch_id, status="completed", total_urls=1, updated_at=now)
                )
                await connection.execute(
                    tables["competitive_analysis_urls"]
                    .insert()
                    .values(
                        id=uuid.uuid4(),
                        batch_id=batch_id,
                        analysis_id=analysis_id,
                        position=0,
                        url="https://a.example/",
                        is_primary=True,
                    )
                )
                await connection.execute(
                    tables["comparison_results"]
                    .insert()
                    .values(
                        batch_id=batch_id,
                        analysis_version="1.1",
                        comparison_version="1",
                        result={"sites": []},
                    )
                )
        finally:
            await engine.dispose()

    asyncio.run(run())


def test_comparison_sets_migration_keeps_existing_batches(database_url: str) -> None:
    """0003 adds columns to tables that other rows reference. Rebuilding such a table on
    SQLite (batch mode) would cascade-delete the rows that point at it: a batch's URLs and
    its comparison. They survive the upgrade and the downgrades (0002's too)."""
    config = alembic_config(database_url)
    command.downgrade(config, "0002")
    _insert_a_finished_batch(database_url)
    assert _count_batch_rows(database_url) == (1, 1, 1)

    command.upgrade(config, "0003")
    assert _count_batch_rows(database_url) == (1, 1, 1)
    command.downgrade(config, "0002")
    assert _count_batch_rows(database_url) == (1, 1, 1)
    command.downgrade(config, "0001")
    assert _count_batch_rows(database_url) == (1, 1, 1)
    command.upgrade(config, "head")
    assert _schema_diff(database_url) == []


def test_url_labels_migration_keeps_existing_batches(database_url: str) -> None:
    """0006 adds the user's label to the batch URLs: existing rows keep (no label), and
    dropping the column again loses no batch, URL or comparison."""
    config = alembic_config(database_url)
    command.downgrade(config, "0005_e")
    _insert_a_finished_batch(database_url)
    command.upgrade(config, "0006_k")
    assert _count_batch_rows(database_url) == (1, 1, 1)
    assert _labels(database_url) == [None]
    command.downgrade(config, "0005_e")
    assert _count_batch_rows(database_url) == (1, 1, 1)
    command.upgrade(config, "head")
    assert _schema_diff(database_url) == []


def _labels(url: str) -> list[str | None]:
    async def run() -> list[str | None]:
        engine = create_engine(url)
        try:
            async with engine.connect() as connection:
                rows = await connection.execute(
                    sa.text("SELECT label FROM competitive_analysis_urls")
                )
                return [row[0] for row in rows]
        finally:
            await engine.dispose()

    return asyncio.run(run())


def test_the_head_read_from_the_files_is_alembics() -> None:
    script = ScriptDirectory.from_config(alembic_config("sqlite+aiosqlite://"))
    assert head_revisions() == frozenset(script.get_heads())


def test_a_sqlite_file_at_head_is_recognised_without_alembic(tmp_path: Path) -> None:
    url = f"sqlite+aiosqlite:///{tmp_path / 'aura.db'}"
    assert not is_at_head(url)  # no file yet
    upgrade_if_behind(url)
    assert is_at_head(url)
    assert _tables(url) >= {"analyses", "competitive_analysis_batches"}
    script = ScriptDirectory.from_config(alembic_config(url))
    previous = script.get_revision(script.get_current_head()).down_revision
    assert isinstance(previous, str)
    command.downgrade(alembic_config(url), previous)
    assert not is_at_head(url)  # one revision behind: the upgrade runs again
    upgrade_if_behind(url)
    assert is_at_head(url)
    assert _schema_diff(url) == []


def test_other_databases_are_left_to_alembic(tmp_path: Path) -> None:
    (tmp_path / "empty.db").write_bytes(b"")
    assert not is_at_head(f"sqlite+aiosqlite:///{tmp_path / 'empty.db'}")  # no version table
    assert not is_at_head("sqlite+aiosqlite:///:memory:")
    assert not is_at_head("postgresql+asyncpg://aura@localhost/aura")
