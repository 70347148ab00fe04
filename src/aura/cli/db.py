"""``aura db``: schema migrations."""

from __future__ import annotations

import typer

from aura.cli.loading import collector_paused
from aura.cli.terminal import echo

app = typer.Typer(help="Manage the database schema.", no_args_is_help=True)


@app.command()
def upgrade(revision: str = typer.Argument("head", help="Target revision")) -> None:
    """Apply the migrations up to REVISION (default: the newest)."""
    with collector_paused():  # the settings and Alembic: only when it runs
        from aura.config import get_settings
        from aura.db.migrate import upgrade as run_upgrade

    settings = get_settings()
    run_upgrade(settings.database_url_resolved, revision)
    echo(f"database at revision {revision}: {_redacted(settings.database_url_resolved)}")


def _redacted(url: str) -> str:
    from sqlalchemy.engine import make_url

    return make_url(url).render_as_string(hide_password=True)
