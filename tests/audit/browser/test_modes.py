"""Browser mode without a browser: the analysis runs static and says why."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from aura.audit.browser import BrowserPool, BrowserSettings, BrowserTier
from aura.audit.fetch import FetchLimits, NetworkPolicy
from aura.audit.runner import AnalysisOptions, analyze_url
from tests.audit.browser import pages
from tests.support.servers import ScriptedSite, serve_scripted

BROWSER_ONLY = {
    "first-contentful-paint",
    "largest-contentful-paint",
    "cumulative-layout-shift",
    "total-blocking-time",
    "javascript-errors",
    "network-requests",
    "color-contrast",
    "target-size",
    "axe-rules",
    "rendered-design",
}


def audit_ids(result: dict[str, object]) -> set[str]:
    categories = result["categories"]
    assert isinstance(categories, dict)
    return {audit["id"] for category in categories.values() for audit in category["audits"]}


async def test_without_chromium_a_browser_analysis_runs_static_and_says_so(
    tmp_path: Path,
) -> None:
    pool = BrowserPool(BrowserSettings(executable=tmp_path / "no-chromium"))
    options = AnalysisOptions(
        limits=FetchLimits(user_agent="Aura-test", retries=0),
        policy=NetworkPolicy(allow_private=True),
        mode="browser",
        browser=pool,
    )
    with serve_scripted(ScriptedSite(default=pages.PLAIN)) as site:
        result = await analyze_url(site.url("/"), options)

    assert result["mode"] == "static"
    assert result["requested_mode"] == "browser"
    assert "Chromium was not found" in result["mode_note"]
    assert "browser" not in result
    assert not audit_ids(result) & BROWSER_ONLY
    assert result["categories"]["performance"]["score"] is not None


async def test_static_mode_runs_no_browser_audit() -> None:
    options = AnalysisOptions(
        limits=FetchLimits(user_agent="Aura-test", retries=0),
        policy=NetworkPolicy(allow_private=True),
    )
    with serve_scripted(ScriptedSite(default=pages.PLAIN)) as site:
        result = await analyze_url(site.url("/"), options)

    assert result["mode"] == "static"
    assert "mode_note" not in result
    assert not audit_ids(result) & BROWSER_ONLY


def test_an_unknown_mode_is_refused() -> None:
    with pytest.raises(ValueError, match="fancy"):
        BrowserTier.plan("fancy", None)


async def _stages(options: AnalysisOptions) -> list[str]:
    told: list[str] = []

    async def on_stage(stage: str) -> None:
        told.append(stage)

    with serve_scripted(ScriptedSite(default=pages.PLAIN)) as site:
        await analyze_url(site.url("/"), replace(options, on_stage=on_stage))
    return told


async def test_the_analysis_tells_its_stages_rendering_only_when_it_renders(
    tmp_path: Path, pool: BrowserPool
) -> None:
    static = AnalysisOptions(
        limits=FetchLimits(user_agent="Aura-test", retries=0),
        policy=NetworkPolicy(allow_private=True),
    )
    no_chromium = replace(
        static,
        mode="browser",
        browser=BrowserPool(BrowserSettings(executable=tmp_path / "no-chromium")),
    )
    rendered = replace(static, mode="browser", browser=pool)

    assert await _stages(static) == ["auditing"]
    assert await _stages(no_chromium) == ["auditing"]  # it ran static: nothing rendered
    assert await _stages(rendered) == ["rendering", "auditing"]
