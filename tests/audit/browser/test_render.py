"""The browser tier on local fixture pages, in the real Chromium."""

from __future__ import annotations

import dataclasses
import io
import os
from pathlib import Path
from typing import Any

from PIL import Image

from aura.audit.browser import BrowserPool, BrowserSettings, render_page
from aura.audit.browser.artifacts import (
    LabMetrics,
    LoadDiagnostics,
    RenderedDesign,
    RenderedTechnology,
)
from aura.audit.browser.contention import HostShare
from aura.audit.browser.profiles import SLOW_4G
from aura.audit.browser.technology import browser_signals
from aura.audit.fetch import FetchLimits, NetworkPolicy
from aura.audit.runner import AnalysisOptions, analyze_url
from aura.audit.technology import FingerprintSet, detect, page_signals
from tests.audit.audit_builders import document, exchange
from tests.audit.browser import pages
from tests.support.servers import Route, ScriptedSite, serve_scripted

ANYWHERE = NetworkPolicy(allow_private=True)


def options(pool: BrowserPool, screenshots: Path | None = None, **kwargs: Any) -> AnalysisOptions:
    return AnalysisOptions(
        limits=FetchLimits(user_agent="Aura-test", retries=0),
        policy=ANYWHERE,
        mode="browser",
        browser=pool,
        screenshot_dir=screenshots,
        **kwargs,
    )


def audit_of(result: dict[str, Any], category: str, audit_id: str) -> dict[str, Any]:
    return next(a for a in result["categories"][category]["audits"] if a["id"] == audit_id)


async def test_a_late_layout_shift_is_measured_and_scored(pool: BrowserPool) -> None:
    with serve_scripted(ScriptedSite(default=pages.LATE_SHIFT)) as site:
        result = await analyze_url(site.url("/"), options(pool))

    assert result["mode"] == "browser"
    for run in result["browser"]["profiles"]:
        assert run["cls"] > 0.1, run
        assert run["layout_shifts"] >= 1
    cls = audit_of(result, "performance", "cumulative-layout-shift")
    assert cls["score"] < 0.9
    assert result["metrics"]["cls_mobile"] > 0.1
    assert result["metrics"]["cls_desktop"] > 0.1
    # The lab metrics count in the performance score.
    assert cls["weight"] > 0


async def test_the_observation_never_ends_before_a_shift_600_ms_after_load(
    browser_settings: BrowserSettings,
) -> None:
    # Even told to give up almost at once after the load event, the render watches the
    # page for Lighthouse's pause after load: the banner's shift is seen on both profiles.
    hurried = dataclasses.replace(browser_settings, settle=0.1, settle_quiet=0.1)
    pool = BrowserPool(hurried)
    try:
        with serve_scripted(ScriptedSite(default=pages.LATE_SHIFT)) as site:
            outcome = await render_page(site.url("/"), pool, ANYWHERE, None)
    finally:
        await pool.close()

    assert outcome.error is None, outcome.error
    assert len(outcome.runs) == 2
    for run in outcome.runs:
        assert run.load_ms is not None
        assert run.observed_ms is not None
        assert run.observed_ms - run.load_ms >= pages.LATE_SHIFT_DELAY_MS, run
        assert run.layout_shifts >= 1, run
        assert run.cls is not None
        assert run.cls > 0.1, run


async def test_speed_index_follows_when_the_first_screen_is_painted(pool: BrowserPool) -> None:
    with serve_scripted(ScriptedSite(default=pages.PLAIN)) as site:
        prompt = await render_page(site.url("/"), pool, ANYWHERE, None)
    with serve_scripted(ScriptedSite(default=pages.LATE_CONTENT)) as site:
        late = await analyze_url(site.url("/"), options(pool))

    for run in prompt.runs:
        assert run.speed_index_ms is not None, run
        assert run.speed_index_ms > 0
    for run in late["browser"]["profiles"]:
        # Nothing but white until the timer fires: the whole wait counts.
        assert run["speed_index_ms"] >= pages.LATE_CONTENT_MS, run
    assert late["metrics"]["si_mobile"] >= pages.LATE_CONTENT_MS
    assert audit_of(late, "performance", "speed-index")["weight"] == 10


async def test_a_steady_page_has_paint_metrics_and_no_shift(pool: BrowserPool) -> None:
    with serve_scripted(ScriptedSite(default=pages.PLAIN)) as site:
        result = await analyze_url(site.url("/"), options(pool))

    by_profile = {run["profile"]: run for run in result["browser"]["profiles"]}
    assert set(by_profile) == {"mobile", "desktop"}
    for run in by_profile.values():
        assert run["fcp_ms"] > 0
        assert run["lcp_ms"] >= run["fcp_ms"]
        assert run["load_ms"] is not None
        assert run["cls"] == 0
        assert run["requests"] >= 1
        assert run["js_errors"] == []
        # What the host took from the load: said, and judged from what was measured.
        host = run["host"]
        if host["renderer_cpu_ms"] is not None:
            assert host["renderer_cpu_ms"] > 0
        share = HostShare(
            host["observed_ms"],
            host["renderer_cpu_ms"],
            host["renderer_wait_ms"],
            host["relay_late_ms"],
        )
        assert host["disturbed"] == share.disturbed
    assert by_profile["mobile"]["conditions"]["cpu_slowdown"] == 4.0
    assert by_profile["mobile"]["conditions"]["viewport"] == {"width": 412, "height": 823}
    assert audit_of(result, "performance", "cumulative-layout-shift")["score"] == 1.0


async def test_low_contrast_text_is_a_contrast_violation(
    axe_settings: BrowserSettings, pool: BrowserPool
) -> None:
    with serve_scripted(ScriptedSite(default=pages.LOW_CONTRAST)) as site:
        result = await analyze_url(site.url("/"), options(pool))

    contrast = audit_of(result, "accessibility", "color-contrast")
    assert contrast["score"] == 0.0
    assert contrast["details"]["impact"] == "serious"
    assert any("<p" in item["html"] for item in contrast["details"]["items"])
    assert result["browser"]["axe_core_version"]


async def test_readable_text_passes_contrast(
    axe_settings: BrowserSettings, pool: BrowserPool
) -> None:
    with serve_scripted(ScriptedSite(default=pages.GOOD_CONTRAST)) as site:
        result = await analyze_url(site.url("/"), options(pool))

    assert audit_of(result, "accessibility", "color-contrast")["score"] == 1.0
    assert audit_of(result, "accessibility", "axe-rules")["score"] is not None


async def test_a_known_js_global_is_seen_and_detected_by_its_fingerprint(
    pool: BrowserPool,
) -> None:
    with serve_scripted(ScriptedSite(default=pages.JS_GLOBAL)) as site:
        outcome = await render_page(site.url("/"), pool, ANYWHERE, None)

    technology = next(a for a in outcome.artifacts if isinstance(a, RenderedTechnology))
    assert technology.js_globals["jQuery.fn.jquery"] == "3.7.1"
    assert technology.js_globals["jQuery"] is True
    assert "React" not in technology.js_globals
    assert "127.0.0.1" in technology.request_hosts

    fingerprints = FingerprintSet(
        {"jQuery": {"cats": [59], "js": {"jQuery.fn.jquery": "([\\d.]+)\\;version:\\1"}}},
        {"59": {"name": "JavaScript libraries", "priority": 1}},
    )
    static = page_signals(exchange(), document("<h1>Library page</h1>"))
    assert detect(fingerprints, static) == []
    found = {d.name: d for d in detect(fingerprints, static, browser_signals(technology))}
    assert found["jQuery"].version == "3.7.1"


async def test_screenshots_are_pngs_of_the_profiles_sizes(
    pool: BrowserPool, tmp_path: Path
) -> None:
    with serve_scripted(ScriptedSite(default=pages.LATE_SHIFT)) as site:
        outcome = await render_page(site.url("/"), pool, ANYWHERE, tmp_path)

    shots = {shot.name: shot for shot in outcome.screenshots}
    assert set(shots) == {"desktop.png", "mobile.png", "full-page.png"}
    expected = {"desktop.png": (1350, 940), "mobile.png": (412, 823)}
    for name, size in expected.items():
        with Image.open(tmp_path / name) as image:
            image.verify()
        with Image.open(tmp_path / name) as image:
            assert image.format == "PNG"
            assert image.size == size
    # The full page is an overview at the configured scale (a half by default).
    scale = pool.settings.full_page_scale
    with Image.open(tmp_path / "full-page.png") as image:
        width, height = image.size
    assert width == round(1350 * scale)
    assert 940 * scale < height <= pool.settings.full_page_max_height * scale
    assert shots["full-page.png"].full_page


async def test_rendered_design_reads_computed_colours_and_fonts(pool: BrowserPool) -> None:
    with serve_scripted(ScriptedSite(default=pages.PLAIN)) as site:
        outcome = await render_page(site.url("/"), pool, ANYWHERE, None)

    design = next(a for a in outcome.artifacts if isinstance(a, RenderedDesign))
    assert design.headings.font_family == "Verdana"
    assert design.body.font_family == "Georgia"
    assert design.headings.color == "#b00020"
    assert "#b00020" in design.brand_colors
    assert design.dominant_colors[0][0] == "#ffffff"
    # Fonts and text colours of the visible text, most text first.
    assert design.fonts == ("Georgia", "Verdana")
    assert {"#b00020", "#000000", "#0000ee"} <= dict(design.text_colors).keys()


async def test_a_hanging_page_is_cut_at_its_budget_and_the_browser_goes_on(
    pool: BrowserPool,
) -> None:
    routes = {
        "/slow.js": Route(body=b"", delay=30),
        "/busy": pages.BUSY_LOOP,
        "/plain": pages.PLAIN,
    }
    with serve_scripted(ScriptedSite(routes=routes, default=pages.SLOW_SCRIPT)) as site:
        waiting = await render_page(site.url("/"), pool, ANYWHERE, None, budget=4)
        busy = await render_page(site.url("/busy"), pool, ANYWHERE, None, budget=4)
        after = await render_page(site.url("/plain"), pool, ANYWHERE, None)

    # A main thread that never yields: nothing can be measured, the page is cut.
    assert busy.cut_at_budget
    assert "4 s page budget" in str(busy.error)
    assert LabMetrics in busy.failures
    # A load event that never comes: measured as far as it got, or cut if that took too long.
    assert waiting.cut_at_budget or all(run.load_timed_out for run in waiting.runs)
    assert all(run.load_ms is None for run in waiting.runs)
    assert not after.cut_at_budget, after.error
    assert any(isinstance(a, LabMetrics) for a in after.artifacts)


async def test_the_browser_is_started_again_after_it_died(pool: BrowserPool) -> None:
    with serve_scripted(ScriptedSite(default=pages.PLAIN)) as site:
        first = await render_page(site.url("/"), pool, ANYWHERE, None)
        await (await pool.browser()).close()
        second = await render_page(site.url("/"), pool, ANYWHERE, None)

    assert first.error is None, first.error
    assert second.error is None, second.error
    assert pool.launches == 2


async def test_requests_to_private_addresses_are_refused(pool: BrowserPool) -> None:
    with serve_scripted(ScriptedSite()) as private:
        target = private.url("/secret.png")
        redirect = Route(status=302, body=b"", headers={"Location": private.url("/hop.js")})
        page = pages.html(
            f'<h1>Reaching inside</h1><img src="{target}" alt="">'
            '<script src="/redirect.js"></script>'
        )
        with serve_scripted(
            ScriptedSite(routes={"/": page, "/redirect.js": redirect}, default=None)
        ) as site:
            port = int(site.base.rsplit(":", 1)[1])
            guarded = NetworkPolicy(public_ports=frozenset({port}))
            outcome = await render_page(site.url("/"), pool, guarded, None)

    assert outcome.error is None, outcome.error
    # Neither the image nor the redirect hop reached the private server.
    assert private.hits == {}
    assert site.hits["/redirect.js"] >= 1
    refused = {target for target, _reason in outcome.refused}
    assert refused == {private.base.removeprefix("http://")}


async def test_a_page_refused_by_the_guard_is_not_rendered(pool: BrowserPool) -> None:
    with serve_scripted(ScriptedSite(default=pages.PLAIN)) as site:
        outcome = await render_page(site.url("/"), pool, NetworkPolicy(), None)

    assert "could not load the page" in str(outcome.error), outcome.error
    assert site.hits == {}
    assert LabMetrics in outcome.failures


async def test_a_page_that_navigates_away_is_still_reported(pool: BrowserPool) -> None:
    routes = {"/": pages.RUNS_AWAY, "/elsewhere": pages.RUNS_AWAY}
    with serve_scripted(ScriptedSite(routes=routes, default=None)) as site:
        outcome = await render_page(site.url("/"), pool, ANYWHERE, None)
        after = await render_page(site.url("/"), pool, ANYWHERE, None, budget=30)

    # Whatever the page did to the measurement, the outcome says it and the browser stays.
    # A page that keeps leaving may also never settle: then it is cut at its budget.
    readable = ("could not be measured", "did not finish within the")
    for result in (outcome, after):
        assert result.error is None or any(r in result.error for r in readable), result.error
    assert pool.launches == 1


def _noise_png(size: int) -> bytes:
    """An image that does not compress: its bytes all have to cross the link."""
    image = Image.frombytes("RGB", (size, size), os.urandom(size * size * 3))
    out = io.BytesIO()
    image.save(out, format="PNG")
    return out.getvalue()


async def test_the_mobile_profile_can_load_over_lighthouses_slow_4g(
    browser_settings: BrowserSettings,
) -> None:
    hero = _noise_png(300)  # about 270 KB: well over a second at 1.4 Mbps
    routes = {
        "/": pages.html('<img src="/hero.png" width="300" height="300" alt="Hero">'),
        "/hero.png": Route(body=hero, headers={"Content-Type": "image/png"}),
    }
    throttled = BrowserPool(dataclasses.replace(browser_settings, mobile_network=SLOW_4G))
    try:
        with serve_scripted(ScriptedSite(routes=routes, default=None)) as site:
            outcome = await render_page(site.url("/"), throttled, ANYWHERE, None)
    finally:
        await throttled.close()

    runs = {run.profile: run for run in outcome.runs}
    mobile, desktop = runs["mobile"], runs["desktop"]
    assert mobile.conditions["network_throttling"]["method"] == "devtools"
    assert mobile.conditions["network_throttling"]["latency_ms"] == 562.5
    # DevTools throttling slows the CPU down during the load too.
    assert mobile.conditions["cpu_throttling"] == {"method": "devtools", "load_slowdown": 4.0}
    assert desktop.conditions["network_throttling"] is None
    # The image alone takes len(hero) / (1474.56 kbit/s) to arrive, after two slow round trips.
    transfer_ms = len(hero) * 8 / (1474.56 * 1024) * 1000
    assert mobile.lcp_ms is not None
    assert mobile.lcp_ms >= transfer_ms + 2 * 562.5, mobile
    assert desktop.lcp_ms is not None
    assert desktop.lcp_ms < mobile.lcp_ms


async def test_the_mobile_metrics_can_be_simulated_over_slow_4g_from_the_unthrottled_load(
    browser_settings: BrowserSettings,
) -> None:
    hero = _noise_png(300)  # about 270 KB: nearly 1.3 s at 1.6 Mbps, milliseconds on loopback
    routes = {
        "/": pages.html('<img src="/hero.png" width="300" height="300" alt="Hero">'),
        "/hero.png": Route(body=hero, headers={"Content-Type": "image/png"}),
    }
    simulating = BrowserPool(dataclasses.replace(browser_settings, simulate_mobile=True))
    try:
        with serve_scripted(ScriptedSite(routes=routes, default=None)) as site:
            outcome = await render_page(site.url("/"), simulating, ANYWHERE, None)
    finally:
        await simulating.close()

    runs = {run.profile: run for run in outcome.runs}
    mobile, desktop = runs["mobile"], runs["desktop"]
    assert mobile.conditions["network_throttling"]["method"] == "simulated"
    assert mobile.conditions["network_throttling"]["requests"] >= 2
    assert desktop.conditions["network_throttling"] is None
    assert desktop.observed is None
    # What the load measured is kept; the simulated LCP waits for the image over the slow
    # link: the document's connection (DNS, handshake, answer: 600 ms) then the transfer.
    assert mobile.observed is not None
    assert mobile.observed["lcp_ms"] is not None
    transfer_ms = len(hero) * 8 / (1.6 * 1024 * 1024) * 1000
    assert mobile.lcp_ms is not None
    assert mobile.lcp_ms >= 600 + transfer_ms, mobile
    assert mobile.fcp_ms is not None
    assert mobile.fcp_ms >= 600
    # The main thread came from the load's trace (Lantern's CPU nodes), and so did the
    # blocking time; the observed one is kept beside it.
    assert mobile.conditions["network_throttling"]["main_thread"] == "trace"
    assert mobile.conditions["network_throttling"]["main_thread_tasks"] >= 1
    assert "tbt_ms" in mobile.observed
    # The phone's CPU was simulated too, from a load Chromium did not throttle.
    assert mobile.conditions["cpu_slowdown"] == 4.0
    assert mobile.conditions["cpu_throttling"] == {"method": "simulated", "load_slowdown": 1.0}
    assert desktop.conditions["cpu_throttling"] == {"method": "none", "load_slowdown": 1.0}


async def test_a_script_spinning_on_the_clock_blocks_the_simulated_phone_four_times_as_long(
    browser_settings: BrowserSettings,
) -> None:
    # A task waiting on the clock lasts as long whatever the CPU: loaded under Chromium's 4x
    # throttle and divided by it, its 300 ms counted 300 on the phone (250 blocking), where
    # Lighthouse, loading unthrottled, multiplies them by 4.
    simulating = BrowserPool(dataclasses.replace(browser_settings, simulate_mobile=True))
    try:
        routes = {"/": pages.CLOCK_SPIN, "/spin.js": pages.CLOCK_SPIN_SCRIPT}
        with serve_scripted(ScriptedSite(routes=routes, default=None)) as site:
            outcome = await render_page(site.url("/"), simulating, ANYWHERE, None)
    finally:
        await simulating.close()

    mobile = next(run for run in outcome.runs if run.profile == "mobile")
    throttling = mobile.conditions["network_throttling"]
    assert throttling["main_thread"] == "trace", throttling
    assert mobile.observed is not None
    # The unthrottled load saw the spin as a long task after its first paint.
    observed_tbt = mobile.observed["tbt_ms"]
    assert observed_tbt is not None
    assert observed_tbt >= pages.CLOCK_SPIN_MS - 50
    # On the phone the same task lasts 4 times as long, after the first paint: at least 4
    # times the unthrottled blocking time (4 x 300 - 50 ms, less what Lantern's optimistic
    # Interactive, simulated without the other requests, cuts off its end).
    assert mobile.tbt_ms is not None
    assert mobile.tbt_ms >= 4 * (pages.CLOCK_SPIN_MS - 50)
    assert mobile.tbt_ms >= 4 * observed_tbt
    # The main-thread diagnostics are the phone's too, as Lighthouse's simulated run's.
    found = next(a for a in outcome.artifacts if isinstance(a, LoadDiagnostics))
    assert found.main_thread is not None
    assert found.main_thread.cpu_multiplier == 4.0
    assert found.main_thread.long_tasks[0].duration_ms >= 4 * pages.CLOCK_SPIN_MS


# A page whose load event waits for an image the server holds 600 ms, and which asks for
# another image 300 ms after its load event.
LATE_IMAGE_PAGE = Route(
    body=(
        b"<!doctype html><html lang='en'><head><title>Late image</title></head><body>"
        b"<h1>Late</h1><img src='/slow.png' alt=''><script>addEventListener('load', () => "
        b"setTimeout(() => { const image = new Image(); image.src = '/late.png';"
        b"document.body.append(image); }, 300));</script></body></html>"
    )
)
SLOW_MS = 600


async def _loads(settings: BrowserSettings) -> dict[tuple[str, bool], float]:
    """When the fixture's requests came (monotonic s), by (path, from the phone)."""
    pool = BrowserPool(settings)
    image = Route(body=_png(20, 20), headers={"Content-Type": "image/png"})
    try:
        routes = {
            "/": LATE_IMAGE_PAGE,
            "/slow.png": dataclasses.replace(image, delay=SLOW_MS / 1000),
            "/late.png": image,
        }
        with serve_scripted(ScriptedSite(routes=routes, default=None)) as site:
            await render_page(site.url("/"), pool, ANYWHERE, None)
    finally:
        await pool.close()
    return {(path, "Mobile" in agent): at for path, agent, at in site.requests if path in routes}


async def test_the_desktop_load_waits_for_the_simulated_phone_as_set(
    browser_settings: BrowserSettings,
) -> None:
    # The phone's simulated tasks are its observed ones times 4: the desktop load beside it
    # would make them wait for a CPU, and that wait would count four times.
    simulating = dataclasses.replace(browser_settings, simulate_mobile=True)
    # By default the desktop page is asked for once the phone's load event has come (after
    # the slow image), before the image the phone's page asks for 300 ms after it.
    loaded = await _loads(simulating)
    assert loaded[("/", False)] >= loaded[("/slow.png", True)] + SLOW_MS / 1000, loaded
    assert loaded[("/", False)] < loaded[("/late.png", True)], loaded
    # "observation": once the phone's observation (at least 1 s after its load) is over.
    observed = await _loads(dataclasses.replace(simulating, phone_first="observation"))
    assert observed[("/", False)] > observed[("/late.png", True)], observed
    # "together": both pages at once (as when the phone is not simulated).
    together = await _loads(dataclasses.replace(simulating, phone_first="together"))
    assert together[("/", False)] < together[("/slow.png", True)] + SLOW_MS / 1000, together


def _png(width: int, height: int) -> bytes:
    image = Image.new("RGB", (width, height), (200, 120, 40))
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    return buffer.getvalue()


# No viewport in the HTML; a script adds one, forbidding zoom, on narrow screens only (as
# the skel.js of 09-h5up-twenty does). A hero background of 2000 by 1200 pixels is shown in
# a box the width of the screen.
SCRIPTED_VIEWPORT = Route(
    body=(
        b"<!doctype html><html lang='en'><head><title>Scripted viewport</title><script>"
        b"if (screen.width <= 1280) { const m = document.createElement('meta');"
        b"m.name = 'viewport'; m.content = 'width=device-width,maximum-scale=1.0';"
        b"document.head.appendChild(m); }</script>"
        b"<style>.hero { height: 200px; background: url(/hero.png) center / cover; }</style>"
        b"</head><body><main><div class='hero'></div><h1>Scripted</h1>"
        b"<noscript><img src='/pixel.gif'></noscript>"
        b"<p>Text of the page.</p></main></body></html>"
    )
)


async def test_dom_audits_read_the_page_the_phone_rendered(pool: BrowserPool) -> None:
    routes = {
        "/": SCRIPTED_VIEWPORT,
        "/hero.png": Route(body=_png(2000, 1200), headers={"Content-Type": "image/png"}),
    }
    with serve_scripted(ScriptedSite(routes=routes, default=None)) as site:
        result = await analyze_url(site.url("/"), options(pool))

    assert result["mode"] == "browser"
    assert audit_of(result, "seo", "viewport")["score"] == 1
    zoom = audit_of(result, "accessibility", "meta-viewport")
    assert zoom["score"] == 0
    assert "maximum-scale=1" in zoom["display_value"]
    # The pixel inside <noscript> is never shown: no image to judge.
    assert audit_of(result, "accessibility", "image-alt")["score"] is None
    oversized = audit_of(result, "performance", "oversized-images")
    assert oversized["score"] is not None, oversized
    assert oversized["score"] < 0.9, oversized
    assert oversized["details"]["items"][0]["url"].endswith("/hero.png")
    assert oversized["details"]["items"][0]["kind"] == "background"


async def test_a_script_built_dom_past_the_parser_bounds_is_not_parsed(pool: BrowserPool) -> None:
    """A page small when served can build, with a script, what the parser bounds refuse: the
    audits of the rendered DOM then read the served HTML, and the result says why."""
    builder = Route(
        body=(
            b"<!doctype html><html lang='en'><head><title>Built</title></head><body><main>"
            b"<h1>Built</h1><div id='x'></div><script>const x = document.getElementById('x');"
            b"for (let i = 0; i < 3000; i++) x.setAttribute('data-a' + i, '1');</script>"
            b"</main></body></html>"
        )
    )
    with serve_scripted(ScriptedSite(routes={"/": builder}, default=None)) as site:
        result = await analyze_url(site.url("/"), options(pool))

    assert result["mode"] == "browser"
    reason = result["gather_errors"]["RenderedDom"]
    assert "attributes" in reason
    assert "served HTML was audited" in reason
    assert audit_of(result, "seo", "document-title")["score"] == 1


async def test_the_phone_render_decides_whether_a_layout_reflows(pool: BrowserPool) -> None:
    """A script that adds the viewport and lays the page out (skel.js on 09-h5up-twenty)
    reflows on the phone though no stylesheet has a media query; a fixed 900 px row
    scrolls sideways though its stylesheet has one."""
    scripted = Route(
        body=(
            b"<!doctype html><html lang='en'><head><title>Scripted</title><script>"
            b"const v = document.createElement('meta'); v.name = 'viewport';"
            b"v.content = 'width=device-width'; document.head.appendChild(v);"
            b"</script></head><body><main><h1>Hello</h1><p>Short text.</p></main></body></html>"
        )
    )
    fixed = Route(
        body=(
            b"<!doctype html><html lang='en'><head><title>Fixed</title>"
            b"<meta name='viewport' content='width=device-width'>"
            b"<style>@media (max-width: 600px) { h1 { font-size: 1rem } }</style></head>"
            b"<body><main><h1>Hello</h1><div style='width: 900px'>Row</div></main></body></html>"
        )
    )
    with serve_scripted(
        ScriptedSite(routes={"/": scripted, "/fixed": fixed}, default=None)
    ) as site:
        reflowing = await analyze_url(site.url("/"), options(pool))
        overflowing = await analyze_url(site.url("/fixed"), options(pool))

    responsive = audit_of(reflowing, "design", "responsive-design")
    assert responsive["score"] == 1, responsive
    assert responsive["details"]["media_queries"] == []
    wide = audit_of(overflowing, "design", "responsive-design")
    assert wide["score"] == 0.5, wide
    assert wide["details"]["document_width_px"] >= 900
    assert "scrolls sideways" in wide["display_value"]
