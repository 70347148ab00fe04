"""Fixtures of the browser tests: Chromium (required in CI), axe-core and a worker's pool.

These tests need the real Chromium. Without it they are skipped with the reason, except
with ``AURA_TEST_REQUIRE_SERVICES=1`` (CI), where a missing browser fails them.
"""

from __future__ import annotations

import os
from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from aura.audit.browser import BrowserPool, BrowserSettings
from aura.runtime import BUNDLED_AXE_CORE

REQUIRE_SERVICES = os.environ.get("AURA_TEST_REQUIRE_SERVICES") == "1"
CHROMIUM = Path(os.environ.get("AURA_CHROMIUM_PATH") or "/usr/bin/chromium")
AXE_CORE = Path(os.environ.get("AURA_AXE_CORE_PATH") or BUNDLED_AXE_CORE)


def missing(reason: str) -> None:
    if REQUIRE_SERVICES:
        pytest.fail(f"{reason} (required: AURA_TEST_REQUIRE_SERVICES=1)")
    print(f"skipping: {reason}")
    pytest.skip(reason)


@pytest.fixture
def browser_settings(tmp_path: Path) -> BrowserSettings:
    settings = BrowserSettings(
        executable=CHROMIUM, axe_core=AXE_CORE, page_budget=15.0, settle=3.0, concurrency=2
    )
    reason = settings.unavailable_reason()
    if reason is not None:
        missing(reason)
    return settings


@pytest.fixture
def axe_settings(browser_settings: BrowserSettings) -> BrowserSettings:
    if not AXE_CORE.is_file():
        missing(f"axe-core is not installed at {AXE_CORE} (make browser installs it)")
    return browser_settings


@pytest.fixture
async def pool(browser_settings: BrowserSettings) -> AsyncIterator[BrowserPool]:
    browser = BrowserPool(browser_settings)
    try:
        yield browser
    finally:
        await browser.close()
