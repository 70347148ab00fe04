"""Change tracking in browser mode (one render, the mobile metrics simulated over slow 4G, the
default) against a real page: an unchanged page is not a change, and a megabyte heavier
hero image and a new title are, with the calibrated noise of docs/noise.md."""

from __future__ import annotations

import dataclasses
import io
import os
from pathlib import Path
from typing import Any

import pytest
from PIL import Image

from aura.audit.browser import BrowserPool
from aura.audit.fetch import NetworkPolicy
from aura.audit.runner import analyze_url
from aura.history.diff import diff_runs, simulated_profiles
from aura.runtime import analysis_options, browser_settings
from tests.conftest import make_settings
from tests.history.builders import run, site
from tests.sets.test_quiet_monitoring import _switchable
from tests.sets.test_tracking import browser_or_skip
from tests.support.servers import SHARED_SITES

PAGE = "04-tt-landing-page"
TITLE = "Tailwind Starter Template - Landing Page Template: Tailwind Toolbox"


def _noise_png(megabytes: float) -> bytes:
    """A PNG that does not compress: all its bytes have to cross the link."""
    side = int((megabytes * 1024 * 1024 / 3) ** 0.5)
    image = Image.frombytes("RGB", (side, side), os.urandom(side * side * 3))
    out = io.BytesIO()
    image.save(out, format="PNG")
    return out.getvalue()


def _copy(folder: Path, *, hero: bytes | None = None, title: str | None = None) -> Path:
    """The shared page, every file a link to the original but the ones replaced."""
    original = SHARED_SITES / PAGE
    folder.mkdir()
    for entry in original.iterdir():
        if entry.name == "index.html" and title is not None:
            text = entry.read_text(encoding="utf-8")
            assert text.count(TITLE) == 1
            (folder / entry.name).write_text(text.replace(TITLE, title), encoding="utf-8")
        elif entry.name == "hero.png" and hero is not None:
            (folder / entry.name).write_bytes(hero)
        else:
            (folder / entry.name).symlink_to(entry)
    return folder


async def test_one_render_sees_a_heavier_hero_image_and_a_new_title_but_no_noise(
    tmp_path: Path,
) -> None:
    browser = browser_or_skip()
    if not (SHARED_SITES / PAGE / "hero.png").is_file():
        pytest.skip(f"the shared sites are not at {SHARED_SITES}")
    original_hero = (SHARED_SITES / PAGE / "hero.png").read_bytes()
    heavier = _noise_png(1.02 + len(original_hero) / 1024 / 1024)
    assert len(heavier) - len(original_hero) >= 1024 * 1024
    unchanged = _copy(tmp_path / "unchanged")
    changed = _copy(tmp_path / "changed", hero=heavier, title="Tailwind Toolbox: ship it today")

    settings = make_settings("sqlite+aiosqlite://", tmp_path / "data")
    assert settings.browser_mobile_network == "simulated"  # the default being tested
    pool = BrowserPool(
        dataclasses.replace(
            browser_settings(settings), executable=browser.executable, axe_core=browser.axe_core
        )
    )
    results: list[dict[str, Any]] = []
    try:
        options = analysis_options(
            settings,
            NetworkPolicy(allow_private=True),
            mode="browser",
            browser=pool,
            screenshot_dir=tmp_path / "shots",
        )
        with _switchable(unchanged) as served:
            for folder in (unchanged, unchanged, changed):
                served.folder = folder
                results.append(await analyze_url(served.url, options))
    finally:
        await pool.close()

    url = served.url
    assert all("mobile" in simulated_profiles(result) for result in results)
    runs = [run(site(url, result, primary=True), primary_url=url, day=n) for n, result in
            enumerate(results)]  # fmt: skip
    quiet = next(entry for entry in diff_runs(runs[0], runs[1]).sites if entry.url == url)
    assert (quiet.status, quiet.change_count) == ("unchanged", 0), quiet.summary

    loud = next(entry for entry in diff_runs(runs[1], runs[2]).sites if entry.url == url)
    lcp = next(delta for delta in loud.metrics if delta.id == "lcp_mobile")
    assert lcp.verdict == "worse", (lcp.before, lcp.after)
    weight = next(delta for delta in loud.metrics if delta.id == "total_bytes")
    assert weight.verdict == "worse"
    assert [change.field for change in loud.content] == ["title"]
    assert loud.status == "changed"
