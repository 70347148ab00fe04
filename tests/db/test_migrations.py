"""The one migration tree builds the models' schema on both dialects, and can be undone."""

from __future__ import annotations

import asyncio
from typing import Any

import sqlalchemy as sa
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext

import aura.models  # noqa: F401
from aura.db.base import Base
from aura.db.engine import create_engine
from aura.db.migrate import alembic_config, upgrade


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
    }
    assert expected <= _tables(database_url)
    command.downgrade(alembic_config(database_url), "base")
    assert not expected & _tables(database_url)
    upgrade(database_url)
    assert expected <= _tables(database_url)
