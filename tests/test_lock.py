"""The locked environment: what is installed is what uv.lock says, and a stale lock fails."""

from __future__ import annotations

import shutil
import subprocess
import sys
import tomllib
from importlib import metadata
from pathlib import Path

import pytest
from packaging.utils import canonicalize_name

from tests.conftest import service_missing

REPOSITORY = Path(__file__).resolve().parents[1]
UV = REPOSITORY / ".uv" / "bin" / "uv"


def locked_versions() -> dict[str, set[str]]:
    with (REPOSITORY / "uv.lock").open("rb") as file:
        lock = tomllib.load(file)
    versions: dict[str, set[str]] = {}
    for package in lock["package"]:
        if "version" in package:
            versions.setdefault(canonicalize_name(package["name"]), set()).add(package["version"])
    return versions


def test_every_installed_package_is_the_locked_version() -> None:
    if not sys.prefix.startswith(str(REPOSITORY)):
        pytest.skip(f"not running in the project's environment ({sys.prefix})")
    locked = locked_versions()
    installed = {
        canonicalize_name(dist.metadata["Name"]): dist.version for dist in metadata.distributions()
    }
    unlocked = sorted(name for name in installed if name not in locked)
    different = sorted(
        f"{name} {version} (locked: {', '.join(sorted(locked[name]))})"
        for name, version in installed.items()
        if name in locked and version not in locked[name] and name != "aura"
    )
    assert not unlocked, f"installed but not in uv.lock: {unlocked}"
    assert not different, f"installed versions differ from uv.lock: {different}"


def test_make_test_refuses_a_lock_that_does_not_match_pyproject(tmp_path: Path) -> None:
    if not UV.is_file() or shutil.which("make") is None:
        service_missing(f"the lock check needs make and uv at {UV} (make install-dev)")
    for name in ("Makefile", "uv.lock", "requirements-uv.txt"):
        shutil.copy2(REPOSITORY / name, tmp_path / name)
    pyproject = (REPOSITORY / "pyproject.toml").read_text()
    # A dependency added to pyproject.toml without `make lock`.
    changed = pyproject.replace('"pillow>=11",', '"pillow>=11",\n    "six>=1.16",', 1)
    assert changed != pyproject
    (tmp_path / "pyproject.toml").write_text(changed)

    def lock_check() -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            ["make", "--no-print-directory", "-o", str(UV), "lock-check", f"UV={UV}"],
            cwd=tmp_path,
            capture_output=True,
            text=True,
            timeout=300,
            check=False,
        )

    stale = lock_check()
    assert stale.returncode != 0
    assert "uv.lock does not match pyproject.toml" in stale.stdout
    assert "make lock" in stale.stdout

    (tmp_path / "pyproject.toml").write_text(pyproject)
    assert lock_check().returncode == 0
