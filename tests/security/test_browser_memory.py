"""A page cannot take the worker's memory: over the limit, it is stopped and its URL fails.

The hostile pages allocate typed arrays (outside the JavaScript heap) until they hold
1 GB, well over the 256 MB limit these tests set, then keep still; without the limit they
would be measured as if nothing happened.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from aura.audit.browser import BrowserPool, BrowserSettings, render_page
from aura.audit.fetch import FetchLimits, NetworkPolicy
from aura.audit.runner import AnalysisError, AnalysisOptions, analyze_url
from tests.audit.browser import pages
from tests.audit.browser.conftest import CHROMIUM, missing
from tests.security.helpers import hardened_settings, running_app
from tests.support.api import create_batch, wait_for_batch
from tests.support.servers import ScriptedSite, serve_scripted

LIMIT_MB = 256
ANYWHERE = NetworkPolicy(allow_private=True)

#: Fills 32 MB typed arrays up to 1 GB without ever yielding: a renderer this busy
#: answers no DevTools command.
HOARD = "const hoard = []; while (hoard.length < 32) hoard.push(new Uint8Array(32 << 20).fill(7));"

HOARDING_PAGES = {
    "/main-thread": pages.html("<h1>Hoarding</h1>", f"<script>{HOARD}</script>"),
    # A dedicated worker runs in the page's renderer process: it counts as the page.
    "/worker": pages.html(
        "<h1>Hoarding in a worker</h1>",
        "<script>new Worker(URL.createObjectURL(new Blob("
        f"[{HOARD!r} + 'postMessage(hoard.length);'], {{type: 'text/javascript'}})));</script>",
    ),
    # Step by step between timers: the renderer answers, the memory still grows.
    "/timers": pages.html(
        "<h1>Hoarding slowly</h1>",
        "<script>const hoard = []; const grow = () => { if (hoard.length < 32) {"
        " hoard.push(new Uint8Array(32 << 20).fill(7)); setTimeout(grow, 10); } }; grow();"
        "</script>",
    ),
}


@pytest.fixture
async def pool() -> AsyncIterator[BrowserPool]:
    settings = BrowserSettings(
        executable=CHROMIUM, page_budget=20.0, settle=0.8, memory_limit_mb=LIMIT_MB
    )
    reason = settings.unavailable_reason()
    if reason is not None:
        missing(reason)
    browser = BrowserPool(settings)
    try:
        yield browser
    finally:
        await browser.close()


@pytest.mark.parametrize("path", sorted(HOARDING_PAGES))
async def test_a_page_over_the_memory_limit_is_stopped_and_the_next_page_renders(
    pool: BrowserPool, path: str
) -> None:
    with serve_scripted(ScriptedSite(routes=HOARDING_PAGES, default=pages.PLAIN)) as site:
        hoarding = await render_page(site.url(path), pool, ANYWHERE, None)
        after = await render_page(site.url("/plain"), pool, ANYWHERE, None)

    assert hoarding.stopped is not None
    assert hoarding.stopped.startswith(f"the page used more than {LIMIT_MB} MB of memory")
    assert hoarding.summary(20.0)["error"] == hoarding.stopped
    # The browser survived it: the next page is measured in the same one.
    assert after.error is None, after.error
    assert after.stopped is None
    assert len(after.runs) == len(pool.settings.profiles)
    assert pool.launches == 1


async def test_the_analysis_of_a_page_over_the_memory_limit_fails_with_the_reason(
    pool: BrowserPool,
) -> None:
    options = AnalysisOptions(
        limits=FetchLimits(user_agent="Aura-test", retries=0),
        policy=ANYWHERE,
        mode="browser",
        browser=pool,
    )
    with serve_scripted(ScriptedSite(routes=HOARDING_PAGES, default=pages.PLAIN)) as site:
        with pytest.raises(AnalysisError, match=f"more than {LIMIT_MB} MB of memory"):
            await analyze_url(site.url("/main-thread"), options)
        result = await analyze_url(site.url("/plain"), options)

    assert result["mode"] == "browser"
    assert result["browser"]["error"] is None


async def test_a_batch_with_a_page_over_the_memory_limit_fails_that_url_only(
    sqlite_url: str, tmp_path: Path
) -> None:
    if not CHROMIUM.is_file():
        missing(f"Chromium was not found at {CHROMIUM}")
    settings = hardened_settings(
        sqlite_url,
        tmp_path,
        allow_private_networks=True,
        chromium_path=CHROMIUM,
        default_mode="browser",
        browser_memory_limit_mb=LIMIT_MB,
        browser_concurrency=1,
        analysis_timeout=60.0,
        job_lease_seconds=90.0,
    )
    with serve_scripted(ScriptedSite(routes=HOARDING_PAGES, default=pages.PLAIN)) as site:
        urls = [site.url("/main-thread"), site.url("/plain")]
        async with asyncio.timeout(150), running_app(settings) as client:
            batch = await create_batch(client, urls, mode="browser")
            done = await wait_for_batch(client, batch["id"], within=120)

    outcome = {item["url"]: item for item in done["urls"]}
    hoarding, plain = outcome[urls[0]], outcome[urls[1]]
    assert hoarding["status"] == "failed", hoarding
    assert hoarding["error"].startswith(f"the page used more than {LIMIT_MB} MB of memory")
    assert plain["status"] == "completed", plain
    assert done["status"] == "partial"
