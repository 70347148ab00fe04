"""A head start for ``aura analyze``: what it can prepare while its own modules load.

Loading the command (the database layer, the audit engine, the comparison, the reports)
takes half a second of CPU on one core while the machine's other cores wait. A child process
forked before the loading uses one of them for two things the command needs later, each of
which held the GIL for 0.15-0.2 s in the command itself:

* a new SQLite database at the newest revision, when the configured one does not exist yet
  (Alembic and its migrations), built in a temporary folder;
* the syllable tables of the readability audit (every page's audits waited for them).

The command takes them when it gets there: the database file into place, if there is still
none, before it first opens the database (``finish``); the tables when an audit first needs
them. Nothing the child does is seen unless the command gets that far: a command that stops
earlier (``--help``, a usage error) ends the child and removes its folder. Where the child
fails or finds the database there already, the command does the work itself, as it would
without a head start.
"""

from __future__ import annotations

import atexit
import contextlib
import os
import pickle
import shutil
import signal
import tempfile
import threading
from pathlib import Path
from typing import Any, BinaryIO


class _Child:
    """The forked child, from the parent's side: what it sends comes through ``pipe``."""

    def __init__(self, pid: int, pipe: BinaryIO, folder: Path) -> None:
        self.pid = pid
        self.pipe = pipe
        self.folder = folder
        self._lock = threading.Lock()
        self._ended = False

    def received(self) -> Any:
        """The next item the child sent (pickled, after its length)."""
        size = int.from_bytes(self._exactly(8), "big")
        return pickle.loads(self._exactly(size))

    def _exactly(self, size: int) -> bytes:
        data = self.pipe.read(size)
        if len(data) != size:
            raise EOFError("the head start ended early")
        return data

    def end(self) -> None:
        """Stop the child if it still runs, collect it, drop its folder (once)."""
        with self._lock:
            if self._ended:
                return
            self._ended = True
            self.pipe.close()
            # Not collected yet, the child's process id cannot belong to another process.
            with contextlib.suppress(OSError):
                os.kill(self.pid, signal.SIGKILL)
            with contextlib.suppress(OSError):
                os.waitpid(self.pid, 0)
            shutil.rmtree(self.folder, ignore_errors=True)


_child: _Child | None = None


def begin() -> None:
    """Fork the child (where the platform can fork; once per process)."""
    global _child
    if _child is not None or not hasattr(os, "fork"):
        return
    try:
        folder = Path(tempfile.mkdtemp(prefix="aura-head-start-"))
    except OSError:
        return  # no temporary folder to build in: the command does it all itself
    reader, writer = os.pipe()
    try:
        pid = os.fork()
    except OSError:
        os.close(reader)
        os.close(writer)
        shutil.rmtree(folder, ignore_errors=True)
        return
    if pid == 0:  # the child: prepare, hand over, and leave without the parent's exit work
        os.close(reader)
        code = 1
        try:
            _prepare(writer, folder)
            code = 0
        finally:
            os._exit(code)
    os.close(writer)
    _child = _Child(pid, os.fdopen(reader, "rb"), folder)
    atexit.register(_child.end)


def finish(database_url: str) -> None:
    """Take the new database, if the one at ``database_url`` still does not exist, once the
    child has built it (or found none to build), and leave the readability tables to be
    taken when an audit first needs them. Without a child (or once done), nothing happens."""
    global _child
    child, _child = _child, None
    if child is None:
        return
    try:
        database = child.received()
        if database is not None and database[0] == database_url:
            _put_in_place(Path(database[1]), database_url)
    except Exception:
        child.end()  # the command builds its own
        return
    from aura.audit import readability

    def tables() -> readability.Resources:
        try:
            received: readability.Resources = child.received()
            return received
        finally:
            child.end()

    readability.adopt(tables)


def _prepare(writer: int, folder: Path) -> None:
    """The child's work: the database first (needed first), then the tables."""
    with os.fdopen(writer, "wb") as pipe:
        database = None
        with contextlib.suppress(Exception):
            database = _new_database(folder)
        _send(pipe, database)
        from aura.audit import readability

        _send(pipe, readability.prepared())


def _send(pipe: BinaryIO, item: object) -> None:
    payload = pickle.dumps(item, protocol=pickle.HIGHEST_PROTOCOL)
    pipe.write(len(payload).to_bytes(8, "big") + payload)
    pipe.flush()


def _new_database(folder: Path) -> tuple[str, str] | None:
    """The configured database's URL and a new SQLite file at the newest revision in
    ``folder``, when the configured database is a SQLite file that does not exist yet."""
    from aura.config import get_settings
    from aura.db.migrate import sqlite_file, upgrade

    database_url = get_settings().database_url_resolved
    target = sqlite_file(database_url)
    if target is None or target.exists():
        return None
    scheme = database_url.partition(":///")[0]
    built = folder / target.name
    upgrade(f"{scheme}:///{built}")
    return database_url, str(built)


def _put_in_place(built: Path, database_url: str) -> None:
    """Move the new database to where the settings want it, unless a database is there
    now or the new one did not close cleanly (its write-ahead log not folded in)."""
    from aura.db.migrate import sqlite_file

    target = sqlite_file(database_url)
    leftover = built.with_name(built.name + "-wal")
    if target is None or target.exists() or not built.is_file() or leftover.exists():
        return
    target.parent.mkdir(parents=True, exist_ok=True)
    # The temporary folder may be on another file system: copied there, then linked into
    # place, so that no half-written database ever stands at the target.
    staged = target.with_name(f".{target.name}.{os.getpid()}.new")
    shutil.copyfile(built, staged)
    try:
        # A link, not a rename: it fails if a database appeared meanwhile, which is kept
        # (as it is where the file system has no links: the command then builds its own).
        os.link(staged, target)
    except OSError:
        pass
    finally:
        staged.unlink(missing_ok=True)
