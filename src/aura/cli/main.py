"""Entry point of the ``aura`` command."""

from __future__ import annotations

from typing import Any

import typer
from typer.core import TyperGroup

from aura.api import text_problem
from aura.audit.cpu import favour_waiting_threads
from aura.audit.memory import limit_arenas
from aura.cli import analyze, audit, batches, check, db, demo, fingerprints, server, sets


class _TextArguments(TyperGroup):
    """Refuses arguments that are not text before any command sees them: bytes that are not
    UTF-8 reach Python as lone surrogates, which no database stores (a name, a selector)."""

    def parse_args(self, ctx: Any, args: list[str]) -> list[str]:  # click's Context
        for position, argument in enumerate(args, 1):
            problem = text_problem(argument)
            if problem:
                raise typer.BadParameter(f"argument {position} ({argument!a}) {problem}", ctx)
        return super().parse_args(ctx, args)


app = typer.Typer(
    cls=_TextArguments,
    name="aura",
    help="Aura: competitive website analysis. Your site and your competitors, side by side.",
    no_args_is_help=True,
    add_completion=False,
)


@app.callback()
def _process() -> None:
    # Before any thread starts: a worker's memory stays in fewer malloc arenas, and its
    # event loop gets the GIL back sooner from the analysis threads.
    limit_arenas()
    favour_waiting_threads()


app.add_typer(db.app, name="db")
app.add_typer(fingerprints.app, name="fingerprints")
server.register(app)
app.command()(audit.audit)
app.command()(analyze.analyze)
app.add_typer(batches.app, name="batches")
app.add_typer(sets.app, name="sets")
app.command()(batches.report)
app.command()(check.check)
app.command()(demo.demo)

if __name__ == "__main__":
    app()
