"""Entry point of the ``aura`` command.

Each command's module is imported when that command runs, not before: ``aura --help`` and
``aura db upgrade`` do not load the web app, the queue and the audit engine. The table below
is all ``aura --help`` reads (tests/cli/test_main.py checks it against the commands).
"""

from __future__ import annotations

import atexit
import gc
import importlib
import sys
from dataclasses import dataclass
from typing import Any

import typer
from typer.core import TyperCommand, TyperGroup

from aura.cli import head_start
from aura.cli.loading import collector_paused
from aura.process import prepare_process
from aura.textcheck import text_problem


@dataclass(frozen=True)
class LazyCommand:
    """A command of ``aura``: where it is defined and the line ``aura --help`` shows."""

    module: str
    attribute: str
    help: str
    #: Whether the command takes a head start while it loads (``aura.cli.head_start``).
    head_start: bool = False

    def load(self, name: str) -> Any:  # a click command (typer vendors its own click)
        with collector_paused():
            found = getattr(importlib.import_module(self.module), self.attribute)
        if isinstance(found, typer.Typer):
            group = typer.main.get_group(found)
            group.name = name
            return group
        single = typer.Typer(add_completion=False)
        single.command(name=name)(found)
        return typer.main.get_command(single)


#: The commands in the order ``aura --help`` lists them.
COMMANDS: dict[str, LazyCommand] = {
    "serve": LazyCommand(
        "aura.cli.server",
        "serve",
        "Serve the API (and, with the in-process queue, run the worker in the same process).",
    ),
    "worker": LazyCommand(
        "aura.cli.server",
        "worker",
        "Run background jobs from a shared (redis://) queue until SIGTERM or Ctrl-C.",
    ),
    "audit": LazyCommand(
        "aura.cli.audit",
        "audit",
        "Audit one page and print the report (or the full result with --json).",
    ),
    "analyze": LazyCommand(
        "aura.cli.analyze",
        "analyze",
        "Analyse the sites side by side and print the comparison.",
        head_start=True,
    ),
    "report": LazyCommand(
        "aura.cli.batches",
        "report",
        "Export the comparison of a finished batch (HTML, Markdown, CSV, JSON or PDF).",
    ),
    "check": LazyCommand(
        "aura.cli.check",
        "check",
        "Fail (exit 1) when your site trails a competitor or falls under a floor.",
    ),
    "demo": LazyCommand(
        "aura.cli.demo",
        "demo",
        "Run a comparison of the bundled demo sites, offline, in a few seconds.",
    ),
    "db": LazyCommand("aura.cli.db", "app", "Manage the database schema."),
    "fingerprints": LazyCommand(
        "aura.cli.fingerprints", "app", "Manage the technology fingerprint data."
    ),
    "batches": LazyCommand("aura.cli.batches", "app", "List, show and delete stored batches."),
    "sets": LazyCommand(
        "aura.cli.sets",
        "app",
        "Comparison sets: your site and its competitors, run again and again, with what "
        "changed between runs, trends and alerts.",
    ),
}


class _AuraGroup(TyperGroup):
    """The ``aura`` group: commands loaded on use, and arguments refused before any command
    sees them when they are not text (bytes that are not UTF-8 reach Python as lone
    surrogates, which no database stores)."""

    def parse_args(self, ctx: Any, args: list[str]) -> list[str]:  # click's Context
        for position, argument in enumerate(args, 1):
            problem = text_problem(argument)
            if problem:
                raise typer.BadParameter(f"argument {position} ({argument!a}) {problem}", ctx)
        return super().parse_args(ctx, args)

    def list_commands(self, ctx: Any) -> list[str]:
        return list(COMMANDS)

    def get_command(self, ctx: Any, cmd_name: str) -> Any:
        lazy = COMMANDS.get(cmd_name)
        if lazy is None:
            return None
        if self._listing:
            # Only its name and help line are read: the table has both, no import needed.
            return TyperCommand(name=cmd_name, help=lazy.help)
        if cmd_name not in self.commands:
            if lazy.head_start and _as_program and "--help" not in sys.argv[1:]:
                head_start.begin()
            self.commands[cmd_name] = lazy.load(cmd_name)
        return self.commands[cmd_name]

    _listing = False

    def format_help(self, ctx: Any, formatter: Any) -> None:
        self._listing = True
        try:
            super().format_help(ctx, formatter)
        finally:
            self._listing = False


#: True when this process is the ``aura`` program (not a test invoking its commands): only
#: the program forks a head start.
_as_program = False


class _AuraTyper(typer.Typer):
    def __call__(self, *args: Any, **kwargs: Any) -> Any:
        global _as_program
        _as_program = True
        return super().__call__(*args, **kwargs)


app = _AuraTyper(
    cls=_AuraGroup,
    name="aura",
    help="Aura: competitive website analysis. Your site and your competitors, side by side.",
    no_args_is_help=True,
    add_completion=False,
)


@app.callback()
def _process() -> None:
    # Before any thread starts: a worker's memory stays in fewer malloc arenas, and its
    # event loop gets the GIL back sooner from the analysis threads.
    prepare_process()
    # On the way out the interpreter searches everything left for reference cycles once more,
    # only for the memory to go back to the system with the process: 0.2 s of CPU after
    # `aura analyze`. Frozen, they are left to the exit. Nothing waits on that search: the
    # logs are flushed by logging's own exit handler, stdout and stderr by the interpreter,
    # and the commands close the files they write.
    atexit.register(gc.freeze)


if __name__ == "__main__":
    app()
