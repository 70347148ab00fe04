"""Entry point of the ``aura`` command."""

from __future__ import annotations

import typer

from aura.cli import audit, db, server

app = typer.Typer(
    name="aura",
    help="Aura: competitive website analysis. Your site and your competitors, side by side.",
    no_args_is_help=True,
    add_completion=False,
)
app.add_typer(db.app, name="db")
server.register(app)
app.command()(audit.audit)

if __name__ == "__main__":
    app()
