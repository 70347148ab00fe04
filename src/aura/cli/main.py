"""Entry point of the ``aura`` command."""

from __future__ import annotations

import typer

from aura.audit.cpu import favour_waiting_threads
from aura.audit.memory import limit_arenas
from aura.cli import analyze, audit, batches, check, db, demo, fingerprints, server, sets

app = typer.Typer(
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
