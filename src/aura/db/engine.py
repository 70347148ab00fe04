"""Engines and sessions for both dialects.

Rules that keep async SQLAlchemy honest (the earlier attempt died of ``MissingGreenlet``):

* sessions never expire objects on commit, so reading an attribute after a commit does no IO;
* every relationship is ``lazy="raise"`` (see the models), so a forgotten eager load fails
  loudly in tests instead of doing hidden IO;
* one session per request or task, and the boundary (``Database.write``/``Database.read``)
  commits or rolls back; services and repositories only ``flush()``;
* work that must follow a commit (enqueueing a job, publishing an event) is registered with
  ``after_commit`` and runs only if the commit succeeded.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

from sqlalchemy import event
from sqlalchemy.engine import make_url
from sqlalchemy.ext.asyncio import (
    AsyncEngine,
    AsyncSession,
    async_sessionmaker,
    create_async_engine,
)

logger = logging.getLogger(__name__)

AfterCommit = Callable[[], Awaitable[None]]

_AFTER_COMMIT_KEY = "aura.after_commit"
_WRITE_OPTION = "aura_write"


def rowcount(result: Any) -> int:
    """Rows an UPDATE or DELETE matched (0 when the driver cannot tell)."""
    return int(getattr(result, "rowcount", 0) or 0)


def after_commit(session: AsyncSession, callback: AfterCommit) -> None:
    """Run ``callback`` once the session's transaction has committed; drop it on rollback."""
    session.info.setdefault(_AFTER_COMMIT_KEY, []).append(callback)


def _configure_sqlite(engine: AsyncEngine) -> None:
    sync_engine = engine.sync_engine

    @event.listens_for(sync_engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        # Let SQLAlchemy (below) decide when transactions begin instead of the sqlite3
        # module's own implicit, deferred BEGIN.
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        # WAL: readers never block the writer and the writer never blocks readers.
        cursor.execute("PRAGMA journal_mode=WAL")
        # Wait for a competing writer instead of failing at once with "database is locked".
        cursor.execute("PRAGMA busy_timeout=15000")
        # SQLite ignores foreign keys unless asked, and cascades depend on them.
        cursor.execute("PRAGMA foreign_keys=ON")
        # With WAL, NORMAL is durable across application crashes and much faster than FULL.
        cursor.execute("PRAGMA synchronous=NORMAL")
        cursor.close()

    @event.listens_for(sync_engine, "begin")
    def _on_begin(connection: Any) -> None:
        # A deferred transaction that reads and then writes cannot wait for the write lock:
        # SQLite fails it with "database is locked" whatever busy_timeout says. Write
        # transactions therefore take the lock up front.
        if connection.get_execution_options().get(_WRITE_OPTION):
            connection.exec_driver_sql("BEGIN IMMEDIATE")
        else:
            connection.exec_driver_sql("BEGIN")


def create_engine(url: str) -> AsyncEngine:
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite":
        if parsed.database and parsed.database != ":memory:":
            Path(parsed.database).parent.mkdir(parents=True, exist_ok=True)
        engine = create_async_engine(url, connect_args={"timeout": 15})
        _configure_sqlite(engine)
        return engine
    return create_async_engine(url, pool_pre_ping=True, pool_size=10, max_overflow=10)


class Database:
    """One engine (bound to the event loop that created it) and its session factories."""

    def __init__(self, url: str) -> None:
        self.url = url
        self.engine = create_engine(url)
        self.dialect = self.engine.dialect.name
        self._read_sessions = async_sessionmaker(self.engine, expire_on_commit=False)
        self._write_sessions = async_sessionmaker(
            self.engine.execution_options(**{_WRITE_OPTION: True}), expire_on_commit=False
        )
        # SQLite has one writer at a time. Two write transactions of this process that meet
        # at BEGIN IMMEDIATE would leave the later one in SQLite's busy handler, which polls
        # with sleeps of up to 100 ms however soon the lock is free (five claims of four
        # statements each, started together, took 115-150 ms that way; 80-87 ms taking
        # turns). Here they queue on a lock that hands over at once; busy_timeout still
        # covers writers in other processes.
        self._write_turn: asyncio.Lock | None = asyncio.Lock() if self.dialect == "sqlite" else None
        self._writing: asyncio.Task[Any] | None = None

    @asynccontextmanager
    async def write(self) -> AsyncIterator[AsyncSession]:
        """A session for a unit of work that writes: commit on success, roll back on error."""
        async with self._turn_to_write(), self._write_sessions() as session:
            try:
                yield session
                await session.commit()
            except BaseException:
                await session.rollback()
                session.info.pop(_AFTER_COMMIT_KEY, None)
                raise
        await _run_after_commit(session)

    @asynccontextmanager
    async def _turn_to_write(self) -> AsyncIterator[None]:
        """This process's turn to write (SQLite: one write transaction at a time)."""
        if self._write_turn is None:
            yield
            return
        task = asyncio.current_task()
        if task is not None and task is self._writing:
            # SQLite would refuse it as well, after busy_timeout: fail now, not hang.
            raise RuntimeError("a write transaction inside another one of the same task")
        async with self._write_turn:
            self._writing = task
            try:
                yield
            finally:
                self._writing = None

    @asynccontextmanager
    async def read(self) -> AsyncIterator[AsyncSession]:
        """A session that only reads: its transaction is rolled back at the end."""
        async with self._read_sessions() as session:
            yield session

    async def dispose(self) -> None:
        await self.engine.dispose()


async def _run_after_commit(session: AsyncSession) -> None:
    callbacks: list[AfterCommit] = session.info.pop(_AFTER_COMMIT_KEY, [])
    for callback in callbacks:
        try:
            await callback()
        except Exception:
            # The commit stands; what failed here (an enqueue, an event) is repaired by the
            # recovery sweep, which finds the committed state and re-enqueues it.
            logger.exception("after-commit callback failed")
