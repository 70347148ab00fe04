"""What the worker's own DevTools-protocol driving of Chromium must get right: pages that
open dialogs, log errors or throw; a renderer that crashes; pages opened ahead; one profile
at a time; a browser that does not start."""

from __future__ import annotations

import asyncio
import contextlib
import dataclasses
from pathlib import Path

import pytest

from aura.audit.browser import BrowserPool, BrowserSettings, render_page
from aura.audit.browser.artifacts import AxeReport
from aura.audit.browser.cdp import Chromium, ProtocolError, Session
from aura.audit.browser.proxy import GuardProxy
from aura.audit.fetch import NetworkPolicy
from tests.audit.browser import pages
from tests.support.servers import Route, ScriptedSite, serve_scripted

ANYWHERE = NetworkPolicy(allow_private=True)

NOISY = pages.html(
    "<h1>Noisy page</h1><img src='/missing.png' alt='gone'>",
    """<script>
    console.error('the widget failed', 42);
    console.log('not an error');
    setTimeout(() => { throw new TypeError('settings is undefined'); }, 0);
    </script>""",
)

DIALOGS = pages.html(
    "<h1>Asking questions</h1>",
    """<script>
    alert('Welcome!');
    window.answered = confirm('Accept cookies?');
    document.title = 'answered ' + window.answered;
    </script>""",
)


async def test_console_errors_failed_resources_and_exceptions_are_reported(
    pool: BrowserPool,
) -> None:
    routes = {"/": NOISY, "/missing.png": Route(status=404, body=b"")}
    with serve_scripted(ScriptedSite(routes=routes, default=None)) as site:
        outcome = await render_page(site.url("/"), pool, ANYWHERE, None)

    assert outcome.error is None, outcome.error
    for run in outcome.runs:
        assert any("the widget failed 42" in text for text in run.console_errors), run
        # A missing image is a broken resource, not an error of the page's scripts.
        assert not any("404" in text for text in run.console_errors), run.console_errors
        assert any("404" in text and "/missing.png" in text for text in run.resource_errors), (
            run.resource_errors
        )
        assert not any("not an error" in text for text in run.console_errors)
        assert run.js_errors == ("TypeError: settings is undefined",)


async def test_a_page_waiting_on_dialogs_is_answered_and_measured(pool: BrowserPool) -> None:
    with serve_scripted(ScriptedSite(default=DIALOGS)) as site:
        outcome = await render_page(site.url("/"), pool, ANYWHERE, None, budget=10)

    # Nobody is there to click: the dialogs are dismissed and the page goes on loading.
    assert not outcome.cut_at_budget, outcome.error
    assert outcome.error is None, outcome.error
    assert all(run.load_ms is not None for run in outcome.runs)


async def test_blob_scripts_and_event_streams_do_not_keep_a_page_busy(pool: BrowserPool) -> None:
    stream = Route(body=b"", headers={"Content-Type": "text/event-stream"}, delay=10)
    routes = {"/": pages.STREAMING, "/events": stream}
    with serve_scripted(ScriptedSite(routes=routes, default=None)) as site:
        outcome = await render_page(site.url("/"), pool, ANYWHERE, None)

    assert outcome.error is None, outcome.error
    assert [run.settled for run in outcome.runs] == [True, True]


async def test_a_request_left_unanswered_is_reported_as_a_page_still_busy(
    pool: BrowserPool,
) -> None:
    routes = {"/": pages.WAITING_ON_A_REQUEST, "/slow.js": Route(body=b"", delay=10)}
    with serve_scripted(ScriptedSite(routes=routes, default=None)) as site:
        outcome = await render_page(site.url("/"), pool, ANYWHERE, None)

    assert outcome.error is None, outcome.error
    assert [run.settled for run in outcome.runs] == [False, False]
    assert all(run.load_ms is not None for run in outcome.runs)


async def test_a_long_poll_does_not_keep_a_page_busy(pool: BrowserPool) -> None:
    routes = {"/": pages.POLLING, "/poll": Route(body=b"{}", delay=10)}
    with serve_scripted(ScriptedSite(routes=routes, default=None)) as site:
        outcome = await render_page(site.url("/"), pool, ANYWHERE, None)

    assert outcome.error is None, outcome.error
    assert [run.settled for run in outcome.runs] == [True, True]


async def test_a_crashed_renderer_fails_what_waits_on_it_and_the_browser_goes_on(
    browser_settings: BrowserSettings,
) -> None:
    browser = await Chromium.launch(browser_settings.executable, browser_settings.launch_args, 30)
    try:
        doomed = await _blank_page(browser)
        waiting = asyncio.ensure_future(doomed.evaluate("new Promise(() => {})"))
        await asyncio.sleep(0.2)
        with contextlib.suppress(ProtocolError):
            await doomed.send("Page.crash")
        async with asyncio.timeout(10):
            with pytest.raises(ProtocolError, match="crashed its renderer"):
                await waiting
        with pytest.raises(ProtocolError, match="crashed"):
            await doomed.evaluate("1 + 1")
        healthy = await _blank_page(browser)
        assert await healthy.call("(a, b) => a + b", 2, 3) == 5
        assert browser.connected
    finally:
        await browser.close()
    assert not browser.connected


async def _blank_page(browser: Chromium) -> Session:
    context = await browser.send("Target.createBrowserContext")
    target = await browser.send(
        "Target.createTarget",
        {"url": "about:blank", "browserContextId": context["browserContextId"]},
    )
    page = await browser.attach(target["targetId"])
    await page.send("Runtime.enable")
    return page


async def test_pages_are_opened_ahead_for_the_next_render(pool: BrowserPool) -> None:
    with serve_scripted(ScriptedSite(default=pages.PLAIN)) as site:
        first = await render_page(site.url("/"), pool, ANYWHERE, None)
        prepared = pool._prepared
        assert prepared is not None
        ahead = await prepared
        second = await render_page(site.url("/"), pool, ANYWHERE, None)

    assert first.error is None, first.error
    assert second.error is None, second.error
    # The second render used the set opened ahead (and so its proxy, given its policy).
    assert ahead.proxy.policy is ANYWHERE
    assert not ahead.tabs
    assert {run.profile for run in second.runs} == {"mobile", "desktop"}


async def test_a_render_opens_nothing_but_its_pages(pool: BrowserPool) -> None:
    """Headless Chromium 156 preloads omnibox popups as web pages in every browser context
    (a second renderer per page, about 60 MB each) unless told not to."""
    with serve_scripted(ScriptedSite(default=pages.PLAIN)) as site:
        await render_page(site.url("/"), pool, ANYWHERE, None)
        prepared = pool._prepared
        assert prepared is not None
        ahead = await prepared
        browser = await pool.browser()
        contexts = {tab.context for tab in ahead.tabs}
        # Watched for a second: the popups would come a moment after their context.
        for _ in range(10):
            targets = (await browser.send("Target.getTargets"))["targetInfos"]
            ours = [target for target in targets if target["browserContextId"] in contexts]
            assert [target["type"] for target in ours] == ["page", "page"], ours
            await asyncio.sleep(0.1)


async def test_profiles_can_be_rendered_one_after_the_other(
    axe_settings: BrowserSettings,
) -> None:
    pool = BrowserPool(dataclasses.replace(axe_settings, profiles_side_by_side=False))
    try:
        with serve_scripted(ScriptedSite(default=pages.LOW_CONTRAST)) as site:
            outcome = await render_page(site.url("/"), pool, ANYWHERE, None)
    finally:
        await pool.close()

    assert outcome.error is None, outcome.error
    assert [run.profile for run in outcome.runs] == ["mobile", "desktop"]
    axe = next(a for a in outcome.artifacts if isinstance(a, AxeReport))
    assert "color-contrast" in {rule.id for rule in axe.violations}


STUCK_ON_PHONES = pages.html(
    "<h1>Only phones get stuck</h1><p style='color:#bbb;background:#fff'>Faint text</p>",
    "<script>if (matchMedia('(max-width: 600px)').matches) { for (;;) {} }</script>",
)


async def test_a_page_stuck_under_one_profile_is_still_audited_under_the_other(
    axe_settings: BrowserSettings,
) -> None:
    # axe-core waits for the mobile page to close, but a quarter of the budget at most.
    pool = BrowserPool(axe_settings)
    try:
        with serve_scripted(ScriptedSite(default=STUCK_ON_PHONES)) as site:
            outcome = await render_page(site.url("/"), pool, ANYWHERE, None, budget=8)
    finally:
        await pool.close()

    assert outcome.cut_at_budget
    assert [run.profile for run in outcome.runs] == ["desktop"]
    axe = next(a for a in outcome.artifacts if isinstance(a, AxeReport))
    assert "color-contrast" in {rule.id for rule in axe.violations}


async def test_a_browser_that_cannot_start_says_why(tmp_path: Path) -> None:
    fake = tmp_path / "chromium"
    fake.write_text("#!/bin/sh\necho 'chromium: cannot open display' >&2\nexit 1\n")
    fake.chmod(0o755)

    with pytest.raises(ProtocolError, match="cannot open display"):
        await Chromium.launch(fake, (), patience=10)

    outcome = await render_page(
        "http://127.0.0.1:9/", BrowserPool(BrowserSettings(executable=fake)), ANYWHERE, None
    )
    assert "Chromium did not start: chromium: cannot open display" in str(outcome.error)


async def test_a_proxy_opened_ahead_refuses_everything_until_given_a_policy() -> None:
    async with GuardProxy(None) as proxy:
        host, port = proxy.url.removeprefix("socks5://").rsplit(":", 1)
        reader, writer = await asyncio.open_connection(host, int(port))
        writer.write(bytes([5, 1, 0]))
        assert await reader.readexactly(2) == bytes([5, 0])
        # CONNECT 127.0.0.1:80
        writer.write(bytes([5, 1, 0, 1, 127, 0, 0, 1, 0, 80]))
        reply = await reader.readexactly(10)
        writer.close()
    assert reply[1] == 2  # connection not allowed by ruleset
