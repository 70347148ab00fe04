"""Rendering one page: both device profiles, lab metrics, screenshots, axe-core, live facts.

Everything happens inside the page budget. Steps run in order of value (metrics, then the
above-the-fold screenshot, then design and technology facts, then axe-core, then the
full-page screenshot); when the budget runs out, what was collected is kept and the rest is
reported missing with the reason.
"""

from __future__ import annotations

import asyncio
import base64
import contextlib
import logging
import time
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from functools import cache
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import aura.audit.browser.diagnostics as diagnostics
import aura.audit.browser.scripts as scripts
from aura.audit.browser.artifacts import (
    AxeNode,
    AxeReport,
    AxeRule,
    LabMetrics,
    LoadDiagnostics,
    ProfileRun,
    RenderedDesign,
    RenderedDom,
    RenderedImage,
    RenderedTechnology,
    Screenshot,
)
from aura.audit.browser.cdp import Chromium, PageLimitError, ProtocolError, Session
from aura.audit.browser.contention import HostShare, HostWatch
from aura.audit.browser.design import dominant_colors, png_size, rendered_design
from aura.audit.browser.netlog import NetworkLog
from aura.audit.browser.pool import BrowserPool
from aura.audit.browser.profiles import DeviceProfile, NetworkThrottling
from aura.audit.browser.simulation import with_simulation
from aura.audit.browser.speed_index import (
    MAX_FRAMES,
    Frame,
    Histogram,
    area_above,
    histogram,
    progress_curve,
)
from aura.audit.browser.tabs import MAX_MESSAGES, MAX_URLS, PageLoad, Tab, TabSet
from aura.audit.fetch.guard import NetworkPolicy
from aura.audit.health import PageCheck

logger = logging.getLogger(__name__)

#: The share of the page budget (from the start of the render) within which the observation
#: of the load ends, whatever the page does: the rest is for screenshots, facts and axe-core.
OBSERVATION_SHARE = 0.7
#: The share of the page budget (from the start of the render) by which the phone's trace
#: is read: the rest is kept for closing the render, so that a slow trace costs the
#: simulation its trace-fed main thread, never the page its other artifacts.
TRACE_SHARE = 0.9
#: The width (device pixels) of the screencast frames the Speed Index is computed from.
FILMSTRIP_WIDTH = 360
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]
#: The rendered DOM is kept up to this many characters (a page's HTML is bounded too).
MAX_DOM_CHARS = 5_000_000
#: Images read from the rendered page: <img> elements, CSS backgrounds, elements scanned.
IMAGE_LIMITS = (300, 100, 5000)


class RenderError(Exception):
    """The browser could not show the page at all."""


@dataclass
class RenderOutcome:
    """What a render produced; ``failures`` says why each missing artifact is missing."""

    artifacts: list[object] = field(default_factory=list)
    failures: dict[type[Any], str] = field(default_factory=dict)
    runs: list[ProfileRun] = field(default_factory=list)
    screenshots: list[Screenshot] = field(default_factory=list)
    refused: list[tuple[str, str]] = field(default_factory=list)
    browser_version: str | None = None
    cut_at_budget: bool = False
    error: str | None = None
    #: Why the page was stopped for going over a limit (its memory): the URL fails.
    stopped: str | None = None
    elapsed_ms: float = 0.0
    waited_ms: float = 0.0
    #: How the desktop page was styled (for the render-health verdict), once read.
    page_check: PageCheck | None = None
    #: Wall time of each step of the render (ms), "<profile>.<step>" (``bench/browser_stages``).
    timings: dict[str, float] = field(default_factory=dict)

    @contextlib.contextmanager
    def timed(self, step: str) -> Iterator[None]:
        """Add the wall time of the block to ``timings[step]``."""
        started = time.perf_counter()
        try:
            yield
        finally:
            spent = (time.perf_counter() - started) * 1000
            self.timings[step] = round(self.timings.get(step, 0.0) + spent, 1)

    def summary(self, budget: float) -> dict[str, Any]:
        technology = next((a for a in self.artifacts if isinstance(a, RenderedTechnology)), None)
        axe = next((a for a in self.artifacts if isinstance(a, AxeReport)), None)
        return {
            "engine": f"Chromium {self.browser_version}" if self.browser_version else None,
            "profiles": [run.summary() for run in self.runs],
            "screenshots": [vars(shot) for shot in self.screenshots],
            "axe_core_version": axe.version if axe is not None else None,
            "refused_connections": [
                {"target": target, "reason": reason}
                for target, reason in self.refused[:MAX_MESSAGES]
            ],
            "technology": None
            if technology is None
            else {
                "js_globals": technology.js_globals,
                "dom": technology.dom,
                "dom_properties": [
                    [selector, name, value]
                    for (selector, name), value in technology.dom_properties.items()
                ],
                "request_hosts": list(technology.request_hosts),
                "third_party_hosts": list(technology.third_party_hosts),
            },
            "budget_s": budget,
            "cut_at_budget": self.cut_at_budget,
            "error": self.error,
            "stopped": self.stopped,
            "missing": {kind.__name__: reason for kind, reason in self.failures.items()},
            "elapsed_ms": round(self.elapsed_ms, 1),
            "queued_ms": round(self.waited_ms, 1),
            "timings_ms": dict(self.timings),
        }


@cache
def _axe_source(path: Path) -> str:
    # Shadow the module loaders: on a page using RequireJS, axe-core would register itself
    # as an AMD module instead of defining ``window.axe``.
    source = path.read_text(encoding="utf-8")
    shadows = "const define = undefined, module = undefined, exports = undefined;"
    return f"(() => {{ {shadows}\n{source}\n}})()"


async def render_page(
    url: str,
    pool: BrowserPool,
    policy: NetworkPolicy,
    screenshot_dir: Path | None,
    budget: float | None = None,
) -> RenderOutcome:
    """Render ``url`` under every profile of the pool; never raises for the page's faults.

    ``budget`` (seconds) overrides the pool's page budget for this page.
    """
    settings = pool.settings
    budget = budget or settings.page_budget
    outcome = RenderOutcome()
    waiting = time.perf_counter()
    try:
        async with pool.slot() as browser:
            started = time.perf_counter()
            outcome.waited_ms = (started - waiting) * 1000
            outcome.browser_version = browser.version
            renderer = _Renderer(browser, pool, screenshot_dir, outcome)
            try:
                async with asyncio.timeout(budget):
                    await renderer.run(url, policy, budget)
            except TimeoutError:
                outcome.cut_at_budget = True
                outcome.error = f"the page did not finish within the {budget:g} s page budget"
            except RenderError as error:
                outcome.error = str(error)
            except PageLimitError as error:
                outcome.error = outcome.stopped = str(error)
            except ProtocolError as error:
                # The page navigated away, closed itself or crashed its renderer.
                outcome.error = f"the page could not be measured: {_first_line(error)}"
            finally:
                metrics = renderer.lab_metrics()
                if metrics is not None:
                    outcome.artifacts.append(metrics)
                if await renderer.close():
                    pool.prepare(browser)
                else:
                    await pool.restart(browser)
            outcome.elapsed_ms = (time.perf_counter() - started) * 1000
    except Exception as error:
        logger.exception("rendering %s failed", url)
        outcome.error = f"the browser failed: {type(error).__name__}: {error}"
    kinds = (
        LabMetrics,
        RenderedDesign,
        RenderedTechnology,
        RenderedDom,
        AxeReport,
        LoadDiagnostics,
    )
    for kind in kinds:
        if not any(isinstance(item, kind) for item in outcome.artifacts):
            outcome.failures.setdefault(kind, outcome.error or "not collected")
    return outcome


class _Renderer:
    def __init__(
        self,
        browser: Chromium,
        pool: BrowserPool,
        screenshot_dir: Path | None,
        outcome: RenderOutcome,
    ) -> None:
        self.browser = browser
        self.pool = pool
        self.settings = pool.settings
        self.screenshot_dir = screenshot_dir
        self.outcome = outcome
        self.tabs: TabSet | None = None
        self.hosts: dict[str, None] = {}
        self.urls: list[str] = []
        #: The other profiles' runs, when they run beside the primary one (see ``profile``).
        self.others: list[asyncio.Future[None]] = []
        #: Set when the phone's simulated load has gone as far as the other profiles' loads
        #: wait for (``BrowserSettings.phone_first``).
        self.phone_ahead = asyncio.Event()
        #: When the render started (monotonic s): observations end within the page budget.
        self.started = time.monotonic()
        #: What the host took from each profile's load (stopped at ``close`` at the latest).
        self.watches: list[HostWatch] = []

    async def run(self, url: str, policy: NetworkPolicy, budget: float) -> None:
        with self.outcome.timed("tabs"):
            self.tabs = tabs = await self.pool.tabs(self.browser)
        tabs.proxy.policy = policy
        # The profiles load side by side: most of a load is waiting (network, settling),
        # which overlaps well; one after the other, a render needs one renderer's memory
        # instead of two. The desktop one (the first non-mobile profile) also carries the
        # design facts, axe-core and the full-page screenshot.
        profiles = self.settings.profiles
        primary = next((profile for profile in profiles if not profile.mobile), profiles[0])
        runs = {
            profile: self.profile(tabs.tab(profile), url, budget, primary=profile is primary)
            for profile in profiles
        }
        if self.settings.profiles_side_by_side:
            others = [run for profile, run in runs.items() if profile is not primary]
            self.others = [asyncio.ensure_future(run) for run in others]
            for other in self.others:
                # However the phone's run ends, the others' loads need not wait any longer.
                other.add_done_callback(lambda _: self.phone_ahead.set())
            await asyncio.gather(runs[primary], *self.others)
        else:
            for run in runs.values():
                await run

    def lab_metrics(self) -> LabMetrics | None:
        """The runs measured so far (all of them, or those done before the budget ran out)."""
        if not self.outcome.runs:
            return None
        order = {profile.name: index for index, profile in enumerate(self.settings.profiles)}
        runs = sorted(self.outcome.runs, key=lambda run: order.get(run.profile, 0))
        return LabMetrics(tuple(runs))

    async def profile(self, tab: Tab, url: str, budget: float, *, primary: bool) -> None:
        profile, page = tab.profile, tab.page
        timed = self.outcome.timed
        name = profile.name
        tab.load = load = PageLoad()
        load_timed_out = False
        filmstrip = _Filmstrip(page)
        network = self.settings.mobile_network if profile.mobile else None
        if network is not None:
            await page.send("Network.emulateNetworkConditions", network.command())
        # Coverage and the trace: on the phone's load only (as Lighthouse judges pages).
        recorder = None
        if profile is self.dom_profile:
            recorder = diagnostics.LoadRecorder.of(page)
            with timed(f"{name}.recorder_start"):
                await recorder.start()
        netlog = None
        simulated = self._simulates(profile)
        if simulated:
            netlog = NetworkLog()
            netlog.attach(page)
        throttle = profile.load_slowdown(cpu_simulated=simulated)
        if throttle > 1:
            # Only while measuring: Chromium throttles by pausing the renderer's main thread
            # many times a second, which keeps a third of a core busy even on a blank page
            # (the pages opened ahead for the next analysis wait on one).
            await page.send("Emulation.setCPUThrottlingRate", {"rate": throttle})
        if not simulated and self._waits_for_phone():
            with timed(f"{name}.wait_for_phone"), contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self.phone_ahead.wait(), budget * 0.4)
        # What the host took from the load while it was timed (its observed timings).
        watch = HostWatch(self.browser.process.pid)
        self.watches.append(watch)
        watch.start()
        with timed(f"{name}.load"):
            answer = await page.send("Page.navigate", {"url": url})
            if answer.get("errorText"):
                raise RenderError(f"the browser could not load the page: {answer['errorText']}")
            await filmstrip.start(profile, str(answer.get("loaderId") or ""), budget * 0.4)
            try:
                # Keep part of the budget for measuring: a page whose load event never comes
                # is still measured as far as it got.
                await asyncio.wait_for(load.loaded.wait(), budget * 0.4)
            except TimeoutError:
                load_timed_out = True
        if simulated and self.settings.phone_first == "load":
            self.phone_ahead.set()
        filmstrip.start_digest(self.started + budget)
        with timed(f"{name}.settle"):
            settled = await self.settle(page, load, self.started + budget * OBSERVATION_SHARE)
        with timed(f"{name}.collect_lab"):
            lab, lcp = await asyncio.gather(
                page.call(scripts.COLLECT_LAB),
                page.call(diagnostics.LCP_DETAIL, diagnostics.MAX_SNIPPET),
            )
            await filmstrip.stop()
            if throttle > 1:
                await page.send("Emulation.setCPUThrottlingRate", {"rate": 1})
        if simulated:
            self.phone_ahead.set()
        host = await watch.stop()
        finishing: asyncio.Future[LoadDiagnostics] | None = None
        run: ProfileRun | None = None
        if recorder is not None:
            # The coverages before any more code runs in the page; the trace is ended, read
            # and parsed meanwhile (the browser flushes it while this process computes the
            # Speed Index and the simulation), cut at the end of the observation.
            await recorder.take_coverage()
            finishing = asyncio.ensure_future(
                recorder.finish(
                    profile.name,
                    _number(lab.get("observedUntil")),
                    self.started + budget * TRACE_SHARE,
                    # The phone's time from an unthrottled load (Lighthouse's multiplier).
                    cpu_multiplier=profile.cpu_slowdown / throttle,
                )
            )
        try:
            with timed(f"{name}.speed_index"):
                curve = await filmstrip.progress(_number(lab.get("timeOrigin")))
            visual = area_above(curve)
            fcp = _number(lab.get("fcp"))
            if visual is not None and fcp is not None:
                # Nothing is shown before the first contentful paint: a frame stamped a little
                # late cannot make the page look faster than that.
                visual = max(visual, fcp)
            # The LCP element and its phases as observed (the simulation moves the time only).
            observed = _profile_run(
                profile, lab, load, load_timed_out, settled, visual, network, host, simulated
            )
            observed = replace(observed, lcp=diagnostics.lcp_breakdown(lcp))
            run = observed
            requests = netlog.requests() if netlog is not None else []
            if netlog is not None:
                # First from the page's long tasks: a budget running out while the trace is
                # read still leaves a simulated run.
                with timed(f"{name}.simulation"):
                    run = await asyncio.to_thread(with_simulation, observed, requests, lab, curve)
            self.outcome.runs.append(run)
            self.hosts.update(load.hosts)
            self.urls.extend(load.urls[: MAX_URLS - len(self.urls)])
            # Before the screenshots: the DOM audits depend on it, and it takes milliseconds.
            if profile is self.dom_profile:
                with timed(f"{name}.rendered_dom"):
                    await self.rendered_dom(page, url, profile)

            with timed(f"{name}.screenshot"):
                above_fold = await self.screenshot(page, profile, f"{profile.name}.png")
            if primary:
                with timed(f"{name}.live_facts"):
                    await self.live_facts(page, url, above_fold)
                # axe-core's run is the render's largest use of memory in a renderer: it waits
                # until the other profiles' runs are over (their pages closed), so that it never
                # adds to theirs (about 15 MB off a worker's peak, about 0.15 s more a page). A
                # page stuck under the mobile profile holds it a quarter of the budget at most.
                if self.others:
                    with timed(f"{name}.wait_for_others"):
                        await asyncio.wait(self.others, timeout=budget / 4)
                with timed(f"{name}.axe"):
                    await self.axe(page)
                with timed(f"{name}.full_page_screenshot"):
                    await self.full_page(page, profile, lab)
            if finishing is not None and recorder is not None:
                with timed(f"{name}.trace_wait"):
                    self.outcome.artifacts.append(await finishing)
                cpu = netlog.on_its_clock(recorder.cpu_tasks) if netlog is not None else []
                if not cpu and netlog is not None:
                    self._without_trace(run, recorder)
                if cpu:
                    # Again from the trace's main-thread tasks (Lantern's CPU nodes).
                    with timed(f"{name}.simulation_traced"):
                        traced = await asyncio.to_thread(
                            with_simulation, observed, requests, lab, curve, cpu
                        )
                    self.outcome.runs[self.outcome.runs.index(run)] = traced
            assert self.tabs is not None
            with timed(f"{name}.close_tab"):
                await self.tabs.close_tab(tab)
        finally:
            if finishing is not None and not finishing.done():
                finishing.cancel()
                if netlog is not None and recorder is not None and run is not None:
                    self._without_trace(run, recorder, "the page budget ran out")
            for step, spent in recorder.timings.items() if recorder is not None else ():
                self.outcome.timings[f"{name}.{step}"] = round(spent, 1)

    def _simulates(self, profile: DeviceProfile) -> bool:
        """Whether ``profile``'s metrics are simulated: the phone's, without DevTools
        throttling. Its network and CPU both come from an unthrottled load then, as in
        Lighthouse's default mobile run: a task that waits on the clock (a script spinning
        until a time) lasts as long throttled or not, so only an unthrottled load's tasks
        can be multiplied by the phone's slowdown."""
        settings = self.settings
        return profile.mobile and settings.mobile_network is None and settings.simulate_mobile

    def _waits_for_phone(self) -> bool:
        """Whether a profile other than the phone's waits for the phone's simulated load
        before it starts its own (``BrowserSettings.phone_first``)."""
        settings = self.settings
        return (
            settings.phone_first != "together"
            and settings.profiles_side_by_side
            and any(map(self._simulates, settings.profiles))
        )

    def _without_trace(
        self, run: ProfileRun, recorder: diagnostics.LoadRecorder, cause: str | None = None
    ) -> None:
        """Say in the simulated run why its main thread is the page's long tasks instead of
        the trace's tasks (``network_throttling.trace_missing``), and log it."""
        throttling = run.conditions.get("network_throttling")
        if run not in self.outcome.runs or not isinstance(throttling, dict):
            return
        if throttling.get("main_thread") == "trace":
            return
        reason = recorder.missing.get("main_thread") or "the trace had no task of the page"
        if cause is not None:
            reason = f"{cause} while the trace was read (at its {recorder.trace.step})"
        logger.warning("the simulation's main thread is the long tasks: %s", reason)
        conditions = {
            **run.conditions,
            "network_throttling": {**throttling, "trace_missing": reason},
        }
        index = self.outcome.runs.index(run)
        self.outcome.runs[index] = replace(run, conditions=conditions)

    async def settle(self, page: Session, load: PageLoad, limit: float) -> bool:
        """Keep observing after the load event the way Lighthouse waits for a page to be
        fully loaded: at least ``settle_after_load`` seconds after the load event (a banner
        a script inserts a moment later still counts), then until the network has been
        quiet (no critical request and at most two others in flight) and the main thread
        free of long tasks, both for ``settle_quiet`` seconds. The observation gives up
        ``settle`` seconds after the load event, and always at ``limit`` (monotonic s, a
        share of the page budget). False when the page was still busy when it gave up."""
        settings = self.settings
        quiet = settings.settle_quiet
        now = time.monotonic()
        deadline = min(max(now + settings.settle_after_load, now + settings.settle), limit)
        floor = min(now + settings.settle_after_load, deadline)
        while True:
            now = time.monotonic()
            if now >= floor:
                idle = load.network_idle_for()
                if idle >= quiet:
                    idle = min(idle, float(await page.call(scripts.CPU_IDLE_FOR) or 0) / 1000)
                    if idle >= quiet:
                        return True
                wait = max(quiet - idle, 0.05)
            else:
                wait = floor - now
            if now >= deadline:
                return False
            await asyncio.sleep(min(wait, deadline - now))

    async def screenshot(
        self,
        page: Session,
        profile: DeviceProfile,
        name: str,
        height: int | None = None,
        scale: float = 1.0,
    ) -> bytes:
        """A PNG in CSS pixels (times ``scale``): the first screen, or the page from the top
        to ``height``."""
        # Chromium's fast PNG encoder: files about 1.5 times larger, encoding 5 times faster.
        params: dict[str, Any] = {
            "format": "png",
            "optimizeForSpeed": True,
            "captureBeyondViewport": height is not None,
            "clip": {
                "x": 0,
                "y": 0,
                "width": profile.width,
                "height": height or profile.height,
                # CSS pixels: the device pixel ratio would make a phone's PNG three times
                # the size and the full-page one heavier still.
                "scale": scale / profile.device_scale_factor,
            },
        }
        answer = await page.send("Page.captureScreenshot", params)
        png = base64.b64decode(answer["data"])
        width, shot_height = png_size(png)
        if self.screenshot_dir is not None:
            await asyncio.to_thread(_write, self.screenshot_dir / name, png)
            self.outcome.screenshots.append(
                Screenshot(name, profile.name, width, shot_height, len(png), height is not None)
            )
        return png

    async def full_page(self, page: Session, profile: DeviceProfile, lab: dict[str, Any]) -> None:
        height = int(lab.get("scrollHeight") or profile.height)
        bounded = max(profile.height, min(height, self.settings.full_page_max_height))
        scale = self.settings.full_page_scale
        await self.screenshot(page, profile, "full-page.png", height=bounded, scale=scale)

    async def live_facts(self, page: Session, url: str, above_fold: bytes) -> None:
        paths = list(dict.fromkeys((*scripts.KNOWN_GLOBALS, *self.settings.js_probes)))
        selectors = list(dict.fromkeys((*scripts.KNOWN_SELECTORS, *self.settings.dom_probes)))
        pairs = [list(pair) for pair in self.settings.dom_property_probes]
        # Sent at once (the page answers them in order) while a thread reads the colours.
        styles, dominant, js_globals, dom, properties, styling = await asyncio.gather(
            page.call(scripts.COLLECT_STYLES),
            asyncio.to_thread(dominant_colors, above_fold),
            page.call(scripts.PROBE_GLOBALS, paths),
            page.call(scripts.PROBE_DOM, selectors),
            page.call(scripts.PROBE_DOM_PROPERTIES, pairs),
            page.call(scripts.CHECK_STYLING),
        )
        self.outcome.artifacts.append(rendered_design(styles, dominant))
        self.outcome.page_check = _page_check(styling, dominant)
        js_globals, dom = js_globals or {}, dom or {}
        hosts = tuple(self.hosts)
        self.outcome.artifacts.append(
            RenderedTechnology(
                js_globals={str(key): _probe_value(value) for key, value in js_globals.items()},
                dom=dom,
                dom_properties={
                    (str(selector), str(name)): _probe_value(value)
                    for selector, name, value in properties or ()
                },
                request_urls=tuple(self.urls),
                request_hosts=hosts,
                third_party_hosts=tuple(host for host in hosts if _third_party(host, url)),
            )
        )

    @property
    def dom_profile(self) -> DeviceProfile:
        """The profile whose DOM the DOM audits read: the phone, as Lighthouse and search
        engines judge pages (a script may add a viewport only below some width)."""
        profiles = self.settings.profiles
        return next((profile for profile in profiles if profile.mobile), profiles[0])

    async def rendered_dom(self, page: Session, url: str, profile: DeviceProfile) -> None:
        html, images, layout = await asyncio.gather(
            page.call(scripts.SERIALIZE_DOM, MAX_DOM_CHARS),
            page.call(scripts.COLLECT_IMAGES, list(IMAGE_LIMITS)),
            page.call(scripts.MEASURE_LAYOUT),
        )
        self.outcome.artifacts.append(_rendered_dom(url, html, images, layout, profile))

    async def axe(self, page: Session) -> None:
        path = self.settings.axe_core
        if path is None or not path.is_file():
            where = path or "AURA_AXE_CORE_PATH"
            self.outcome.failures[AxeReport] = f"axe-core is not installed ({where}); run make"
            return
        await page.evaluate(_axe_source(path))
        raw = await page.call(scripts.RUN_AXE, AXE_TAGS)
        self.outcome.artifacts.append(_axe_report(raw or {}))

    async def close(self) -> bool:
        """Close what is still open; False when the browser did not answer."""
        for watch in self.watches:
            watch.close()
        if self.tabs is None:
            return True
        self.outcome.refused = list(self.tabs.proxy.refused)
        return await self.tabs.close()


class _Filmstrip:
    """The screencast of one load: a frame of the viewport each time what it shows changes,
    for the Speed Index (as Lighthouse takes screenshots in its trace)."""

    def __init__(self, page: Session) -> None:
        self.page = page
        #: (when it was shown, epoch seconds; the JPEG, base64), identical frames skipped.
        self.frames: list[tuple[float, str]] = []
        self.running = False
        #: The documents committed in the main frame (their loader ids), and a signal for each.
        self.committed: set[str] = set()
        self.navigated = asyncio.Event()
        #: The histograms of frames already read (``digest``), by frame (base64).
        self.histograms: dict[str, Histogram] = {}
        self.arrived = asyncio.Event()
        self.digesting: asyncio.Task[None] | None = None
        self.digest_ends = False
        page.on("Page.screencastFrame", self.on_frame)
        page.on("Page.frameNavigated", self.on_navigated)

    def on_navigated(self, params: dict[str, Any]) -> None:
        frame = params.get("frame") or {}
        if frame.get("parentId") is None:
            self.committed.add(str(frame.get("loaderId") or ""))
            self.navigated.set()

    async def start(self, profile: DeviceProfile, loader: str, patience: float) -> None:
        """Start recording once the page's document (``loader``) has committed: nothing of it
        is painted before. A screencast started on the blank page before the navigation
        stalled when the page moved to another renderer, and one started in between was
        refused."""
        try:
            async with asyncio.timeout(patience):
                while loader not in self.committed:
                    self.navigated.clear()
                    await self.navigated.wait()
        except TimeoutError:
            return
        # A small, low-quality frame is enough to compare colour histograms, and keeps the
        # encoding cheap for the browser process.
        width = min(profile.width, FILMSTRIP_WIDTH)
        height = round(profile.height * width / profile.width)
        params = {"format": "jpeg", "quality": 40, "maxWidth": width, "maxHeight": height}
        # Just after a commit, the page may not be attached to the screencast yet ("Not
        # attached to an active page"): asked again a moment later, it is.
        for _attempt in range(20):
            try:
                await self.page.send("Page.startScreencast", params)
            except ProtocolError as error:
                if self.page.gone is not None:
                    return
                logger.debug("the screencast did not start yet: %s", error)
                await asyncio.sleep(0.02)
                continue
            self.running = True
            return
        logger.warning("the screencast did not start: no Speed Index for this load")

    async def stop(self) -> None:
        if self.running:
            self.running = False
            with contextlib.suppress(ProtocolError):
                await self.page.send("Page.stopScreencast")

    def on_frame(self, params: dict[str, Any]) -> None:
        # Chromium sends the next frame only once this one is acknowledged.
        ack = asyncio.ensure_future(
            self.page.send("Page.screencastFrameAck", {"sessionId": params.get("sessionId")})
        )
        ack.add_done_callback(lambda done: done.cancelled() or done.exception())
        data = params.get("data")
        shown = (params.get("metadata") or {}).get("timestamp")
        if not self.running or not isinstance(data, str) or not isinstance(shown, int | float):
            return
        if self.frames and self.frames[-1][1] == data:
            return
        if len(self.frames) >= MAX_FRAMES:
            # The last frame is the finished page: keep it, whatever came between.
            self.frames[-1] = (float(shown), data)
        else:
            self.frames.append((float(shown), data))
        self.arrived.set()

    def start_digest(self, deadline: float) -> None:
        """Read the frames' histograms while the page settles (the render waits then), one
        frame at a time, so that only the last frames are left for ``progress``; until
        ``progress`` asks, the screencast stops with no frame left, or ``deadline`` (monotonic
        s) passes."""
        if self.digesting is None:
            self.digesting = asyncio.ensure_future(self._digest(deadline))

    async def _digest(self, deadline: float) -> None:
        while not self.digest_ends and time.monotonic() < deadline:
            pending = next((data for _at, data in self.frames if data not in self.histograms), None)
            if pending is None:
                if not self.running or self.page.gone is not None:
                    return
                self.arrived.clear()
                with contextlib.suppress(TimeoutError):
                    await asyncio.wait_for(self.arrived.wait(), 0.25)
                continue
            try:
                found = await asyncio.to_thread(histogram, base64.b64decode(pending))
            except (OSError, ValueError):
                return  # ``progress`` meets the same frame and says so
            self.histograms[pending] = found

    async def _end_digest(self) -> None:
        if self.digesting is None:
            return
        self.digest_ends = True
        self.arrived.set()
        # The frame being read is finished (a thread cannot be stopped), then the loop ends.
        await self.digesting

    async def progress(self, time_origin_ms: float | None) -> list[tuple[float, float]]:
        """The load's visual progress, (ms after navigation, 0-100) per frame shown."""
        await self._end_digest()
        if time_origin_ms is None or not self.frames:
            return []
        images = {data: base64.b64decode(data) for _shown, data in self.frames}
        frames = [Frame(shown * 1000 - time_origin_ms, images[data]) for shown, data in self.frames]
        known = {images[data]: found for data, found in self.histograms.items() if data in images}
        try:
            return await asyncio.to_thread(progress_curve, frames, known)
        except (OSError, ValueError):
            logger.warning("a screencast frame could not be read: no Speed Index")
            return []


def _profile_run(
    profile: DeviceProfile,
    lab: dict[str, Any],
    load: PageLoad,
    load_timed_out: bool,
    settled: bool,
    speed_index_ms: float | None = None,
    network: NetworkThrottling | None = None,
    host: HostShare | None = None,
    cpu_simulated: bool = False,
) -> ProfileRun:
    fcp = _number(lab.get("fcp"))
    long_tasks = [(float(start), float(duration)) for start, duration in lab.get("longTasks") or []]
    after_fcp = [duration for start, duration in long_tasks if fcp is None or start >= fcp]
    return ProfileRun(
        profile=profile.name,
        conditions=profile.stated(network, cpu_simulated=cpu_simulated),
        fcp_ms=fcp,
        lcp_ms=_number(lab.get("lcp")),
        lcp_element=lab.get("lcpElement"),
        cls=round(float(lab.get("cls") or 0.0), 4),
        layout_shifts=int(lab.get("shifts") or 0),
        tbt_ms=round(sum(max(0.0, duration - 50) for duration in after_fcp), 1),
        long_tasks=len(long_tasks),
        dom_content_loaded_ms=_number(lab.get("domContentLoaded")),
        load_ms=_number(lab.get("load")),
        speed_index_ms=speed_index_ms,
        observed_ms=_number(lab.get("observedUntil")),
        requests=load.requests,
        transfer_bytes=load.transfer_bytes,
        js_errors=tuple(load.js_errors),
        console_errors=tuple(load.console_errors),
        resource_errors=tuple(load.resource_errors),
        load_timed_out=load_timed_out,
        settled=settled,
        resources=load.resources(),
        curves={name: (p10, median) for name, p10, median in profile.curves},
        host=host,
    )


def _page_check(raw: Any, dominant: tuple[tuple[str, float], ...]) -> PageCheck:
    styling = raw if isinstance(raw, dict) else {}
    return PageCheck(
        linked_stylesheets=int(_number(styling.get("linked")) or 0),
        loaded_stylesheets=int(_number(styling.get("loaded")) or 0),
        default_look=styling.get("defaultLook") is True,
        style_rules=int(_number(styling.get("rules")) or 0),
        hidden_sheets=int(_number(styling.get("hidden")) or 0),
        visible_text=styling.get("visibleText") is not False,
        top_color_share=dominant[0][1] if dominant else None,
    )


def _axe_report(raw: dict[str, Any]) -> AxeReport:
    def rule(item: dict[str, Any]) -> AxeRule:
        return AxeRule(
            id=str(item.get("id")),
            impact=item.get("impact"),
            help=str(item.get("help") or ""),
            help_url=str(item.get("helpUrl") or ""),
            tags=tuple(str(tag) for tag in item.get("tags") or ()),
            nodes=tuple(
                AxeNode(str(node.get("target")), str(node.get("html")), str(node.get("summary")))
                for node in item.get("nodes") or ()
            ),
            node_count=int(item.get("nodeCount") or 0),
        )

    return AxeReport(
        version=str(raw.get("version") or ""),
        violations=tuple(rule(item) for item in raw.get("violations") or ()),
        passes=tuple(rule(item) for item in raw.get("passes") or ()),
        incomplete=tuple(str(rule_id) for rule_id in raw.get("incomplete") or ()),
        inapplicable=tuple(str(rule_id) for rule_id in raw.get("inapplicable") or ()),
    )


def _rendered_dom(
    url: str, html: Any, images: Any, layout: Any, profile: DeviceProfile
) -> RenderedDom:
    """The page's answers, checked: anything of the wrong shape is left out."""
    found: list[RenderedImage] = []
    for item in images if isinstance(images, list) else ():
        try:
            found.append(
                RenderedImage(
                    url=str(item["url"]),
                    kind="background" if item.get("kind") == "background" else "img",
                    width=float(item["width"]),
                    height=float(item["height"]),
                    natural_width=int(item["naturalWidth"]),
                    natural_height=int(item["naturalHeight"]),
                    bytes=int(item.get("bytes") or 0),
                    top=_number(item.get("top")),
                    lazy=item.get("lazy") is True,
                )
            )
        except (KeyError, TypeError, ValueError, AttributeError):
            continue
    return RenderedDom(
        url,
        html if isinstance(html, str) else None,
        tuple(found),
        profile=profile.name,
        device_scale_factor=profile.device_scale_factor,
        screen_width=profile.width,
        screen_height=profile.height,
        layout_width=_number(layout.get("layout")) if isinstance(layout, dict) else None,
        document_width=_number(layout.get("document")) if isinstance(layout, dict) else None,
        sideways_clipped=isinstance(layout, dict) and layout.get("clipped") is True,
    )


def _probe_value(value: Any) -> str | bool:
    return value if isinstance(value, bool) else str(value)


def _number(value: Any) -> float | None:
    return round(float(value), 1) if isinstance(value, int | float) else None


def _site(host: str) -> str:
    labels = host.lower().removeprefix("www.").split(".")
    return ".".join(labels[-2:])


def _third_party(host: str, page_url: str) -> bool:
    page_host = urlsplit(page_url).hostname or ""
    return _site(host) != _site(page_host)


def _first_line(error: Exception) -> str:
    return (str(error).strip().splitlines() or [type(error).__name__])[0][:300]


def _write(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
