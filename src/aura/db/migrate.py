"""Applying the Alembic migrations programmatically (no alembic.ini to find).

``upgrade_if_behind`` is what a short command uses: a SQLite database already at the newest
revision is recognised by reading its ``alembic_version`` row and the migration files'
revision lines, without loading Alembic (which, with Mako and the migration environment,
cost a command some 0.3 s of CPU before its work began).
"""

from __future__ import annotations

import ast
import asyncio
import re
import sqlite3
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from alembic.config import Config

MIGRATIONS_DIR = Path(__file__).parent / "migrations"

#: ``revision: str = "0004"`` and ``down_revision: str | None = "0003"`` (or a tuple of
#: revisions, for a merge) in a migration file.
_REVISION_LINE = re.compile(r"^(revision|down_revision)\s*(?::[^=\n]*)?=\s*(.+)$", re.M)


def alembic_config(database_url: str) -> Config:
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    config.set_main_option("sqlalchemy.url", database_url.replace("%", "%%"))
    return config


def upgrade(database_url: str, revision: str = "head") -> None:
    """Bring the database at ``database_url`` to ``revision`` (blocking; not in a loop)."""
    from alembic import command

    command.upgrade(alembic_config(database_url), revision)


def upgrade_if_behind(database_url: str) -> None:
    """``upgrade`` to the head, unless the database is known to be there already."""
    if not is_at_head(database_url):
        upgrade(database_url)


async def upgrade_async(database_url: str, revision: str = "head") -> None:
    # env.py runs its own event loop, so it gets a thread of its own.
    await asyncio.to_thread(upgrade, database_url, revision)


def head_revisions() -> frozenset[str]:
    """The revisions no other migration builds on, read from the migration files."""
    revisions: set[str] = set()
    parents: set[str] = set()
    for path in (MIGRATIONS_DIR / "versions").glob("*.py"):
        for name, value in _REVISION_LINE.findall(path.read_text(encoding="utf-8")):
            found = ast.literal_eval(value.strip())
            named = found if isinstance(found, tuple) else (found,)
            (revisions if name == "revision" else parents).update(
                item for item in named if isinstance(item, str)
            )
    return frozenset(revisions - parents)


def is_at_head(database_url: str) -> bool:
    """True when the database certainly is at the newest revision: only a SQLite file is
    read here (without Alembic or SQLAlchemy); for any other database, or when in doubt
    (no file, no version table, another revision), False, and ``upgrade`` decides."""
    path = sqlite_file(database_url)
    if path is None or not path.is_file():
        return False
    try:
        connection = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    except sqlite3.Error:
        return False
    try:
        rows = connection.execute("SELECT version_num FROM alembic_version").fetchall()
    except sqlite3.Error:
        return False
    finally:
        connection.close()
    current = {row[0] for row in rows}
    return bool(current) and current == head_revisions()


def sqlite_file(database_url: str) -> Path | None:
    """The file of a ``sqlite`` (or ``sqlite+driver``) URL; None for other databases, for
    an in-memory database and for URLs with options."""
    scheme, separator, rest = database_url.partition(":///")
    if not separator or scheme.partition("+")[0] != "sqlite" or "?" in rest:
        return None
    if not rest or rest == ":memory:":
        return None
    return Path(rest)
