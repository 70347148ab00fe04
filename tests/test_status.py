"""What is switched off on a server is said, with its fix: at start-up and to the web UI."""

from __future__ import annotations

import stat
from pathlib import Path

import httpx

from aura.app import create_app
from aura.audit.technology.fingerprints import fingerprint_files
from aura.runtime import capability_warnings
from tests.conftest import make_settings


def _machine(tmp_path: Path, *, chromium: bool, axe: bool, fingerprints: bool) -> dict[str, Path]:
    parts = {
        "chromium_path": tmp_path / "chromium",
        "axe_core_path": tmp_path / "axe.min.js",
        "fingerprints_dir": tmp_path / "fingerprints",
    }
    if chromium:
        parts["chromium_path"].write_text("#!/bin/sh\n")
        parts["chromium_path"].chmod(stat.S_IRWXU)
    if axe:
        parts["axe_core_path"].write_text("window.axe = {};\n")
    if fingerprints:
        parts["fingerprints_dir"].mkdir()
        technologies, categories, _groups = fingerprint_files(parts["fingerprints_dir"])
        technologies.write_text("{}")
        categories.write_text("{}")
    return parts


def _warnings(tmp_path: Path, **present: bool) -> list[str]:
    parts = _machine(tmp_path, **present)
    return capability_warnings(make_settings("sqlite+aiosqlite://", tmp_path, **parts))


def test_a_complete_machine_has_nothing_to_say(tmp_path: Path) -> None:
    assert _warnings(tmp_path, chromium=True, axe=True, fingerprints=True) == []


def test_missing_fingerprints_switch_technology_detection_off(tmp_path: Path) -> None:
    [warning] = _warnings(tmp_path, chromium=True, axe=True, fingerprints=False)
    assert warning.startswith("Technology detection is off")
    assert "aura fingerprints update" in warning


def test_missing_chromium_switches_browser_mode_off(tmp_path: Path) -> None:
    [warning] = _warnings(tmp_path, chromium=False, axe=False, fingerprints=True)
    assert warning.startswith("Browser mode is off")
    assert str(tmp_path / "chromium") in warning


def test_missing_axe_core_switches_the_browser_accessibility_checks_off(tmp_path: Path) -> None:
    [warning] = _warnings(tmp_path, chromium=True, axe=False, fingerprints=True)
    assert "axe-core" in warning
    assert "make browser" in warning


async def test_the_status_endpoint_gives_the_warnings(tmp_path: Path) -> None:
    parts = _machine(tmp_path, chromium=False, axe=True, fingerprints=False)
    settings = make_settings(f"sqlite+aiosqlite:///{tmp_path / 'aura.db'}", tmp_path, **parts)
    app = create_app(settings, run_worker=False)
    async with app.router.lifespan_context(app):
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://aura.test") as http:
            response = await http.get("/api/v1/status")
    assert response.status_code == 200
    body = response.json()
    assert body["default_mode"] == "static"
    assert [w.split(" ", 2)[:2] for w in body["warnings"]] == [
        ["Browser", "mode"],
        ["Technology", "detection"],
    ]
