"""One headless Chromium per worker process, shared by every page it renders.

The worker drives it over the DevTools protocol itself (``aura.audit.browser.cdp``).

Launching Chromium costs about a second, a browser context a few milliseconds: the browser
is started on first use and kept, each page gets a fresh context (no cookies, cache or
storage carried from one site to the next), a semaphore bounds the pages rendered at once,
and a browser that died or stopped answering is started again for the next page.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import os
from collections.abc import AsyncIterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

from aura.audit.browser.cdp import Chromium
from aura.audit.browser.profiles import PROFILES, DeviceProfile, NetworkThrottling
from aura.audit.browser.tabs import TabSet, open_tabs
from aura.audit.browser.watchdog import MemoryWatchdog

logger = logging.getLogger(__name__)

#: Flags that work on a headless server without a sandbox-capable kernel or a GPU, and keep
#: Chromium from calling home (background networking would be refused on a closed network).
CHROMIUM_ARGS = (
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",
    "--dns-prefetch-disable",
    # Chromium resolves no name itself: a page's names reach the guard proxy unresolved
    # (SOCKS5), and the browser's own calls home (update.googleapis.com and
    # clients2.google.com, made in spite of the flags above, outside any page's proxy)
    # fail without a lookup. The proxy's own address is the one exception.
    "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1",
    # Memory: no spare renderer kept warm, the (software) GPU work in the browser process,
    # and no omnibox popups: headless Chromium 156 preloads two of them as web pages in
    # every browser context, a second renderer of about 60 MB beside each page rendered.
    "--disable-features=NetworkPrediction,Translate,MediaRouter,OptimizationHints,"
    "SpareRendererForSitePerProcess,IsolateOrigins,site-per-process,"
    "WebUIOmniboxPopup,WebUIOmniboxAimPopup",
    "--disable-site-isolation-trials",
    # The network service in the browser process: one process fewer (about 25 MB less).
    "--enable-features=NetworkServiceInProcess2",
    "--in-process-gpu",
    # Without a sandbox the second zygote (for unsandboxed utilities) only costs memory.
    "--no-unsandboxed-zygote",
    "--hide-scrollbars",
    "--mute-audio",
    # Pages measured side by side are all in the foreground: no timer or renderer throttling.
    "--disable-background-timer-throttling",
    "--disable-backgrounding-occluded-windows",
    "--disable-renderer-backgrounding",
    "--disable-hang-monitor",
    "--disable-breakpad",
    "--disable-extensions",
    "--disable-default-apps",
    "--disable-client-side-phishing-detection",
    "--disable-field-trial-config",
    "--force-color-profile=srgb",
    "--password-store=basic",
    "--metrics-recording-only",
)

#: The profile's preferences, written before Chromium starts. The guard proxy carries TCP
#: only: WebRTC would send its UDP (STUN, TURN, ICE checks to any candidate a page names)
#: straight from the renderer's sockets, past the proxy and its checks. With this policy
#: WebRTC gathers no host or UDP candidates at all and reaches TURN servers only over TCP
#: through the proxy, where the guard checks them like any connection.
#: ``--force-webrtc-ip-handling-policy`` is read by content_shell and the old headless
#: shell only; the Chrome that ``--headless`` runs takes the policy from its preferences
#: (their browser contexts inherit it; ``tests/security/test_browser_network.py`` checks).
GUARD_PREFERENCES: dict[str, Any] = {
    "webrtc": {"ip_handling_policy": "disable_non_proxied_udp"},
}


@dataclass(frozen=True)
class BrowserSettings:
    executable: Path = Path("/usr/bin/chromium")
    #: Pages rendered at once by this process (the worker's default is half its cores,
    #: ``AURA_BROWSER_CONCURRENCY``).
    concurrency: int = 1
    #: Hard wall-time limit of one page, both profiles, axe-core and screenshots included.
    page_budget: float = 20.0
    #: The most memory one page's renderer may use (resident, MB); a page over it is
    #: stopped and its analysis fails (``watchdog.py``). 0 turns the watchdog off.
    memory_limit_mb: int = 1024
    #: The observation after the load event (late layout shifts, LCP updates) lasts at
    #: least ``settle_after_load`` seconds, then until the network and the main thread have
    #: been quiet for ``settle_quiet`` seconds (Lighthouse's 1 s each), and gives up after
    #: ``settle`` seconds; the page budget bounds it all.
    settle: float = 5.0
    settle_quiet: float = 1.0
    settle_after_load: float = 1.0
    #: The mobile profile's network: None (the worker's own connection) or a throttled link
    #: (``AURA_BROWSER_MOBILE_NETWORK=slow-4g``: Lighthouse's slow 4G, DevTools throttling).
    mobile_network: NetworkThrottling | None = None
    #: Without ``mobile_network``: the mobile metrics are simulated over Lighthouse's slow 4G
    #: from the unthrottled load (``simulation.py``), the observed ones kept beside them.
    simulate_mobile: bool = False
    #: axe-core's ``axe.min.js``; None or a missing file skips the axe-core audits.
    axe_core: Path | None = None
    #: The tallest full-page screenshot, in CSS pixels.
    full_page_max_height: int = 6000
    #: The full-page screenshot is an overview at this scale of CSS pixels: at one half, a
    #: quarter of the pixels to paint, encode, store and serve (the browser process's peak
    #: memory is its largest use: about 90 MB for a full-size 1350 x 6000 capture).
    full_page_scale: float = 0.5
    profiles: tuple[DeviceProfile, ...] = PROFILES
    #: Render a page's profiles at the same time (faster) or one after the other (the
    #: memory of one renderer instead of two, for a worker short of memory).
    profiles_side_by_side: bool = True
    #: Side by side and the phone's metrics simulated: when the other profiles' loads start.
    #: The phone's simulated tasks are its observed ones times the phone's slowdown, so the
    #: time they wait for a CPU that another profile's load holds would count four times
    #: too. ``load``: at the phone's load event; ``observation``: when its observation
    #: (the settle after the load) ends; ``together``: at once.
    phone_first: Literal["load", "observation", "together"] = "load"
    #: Appended to the browser's user agent, so that sites can tell who is visiting.
    user_agent_suffix: str = "Aura"
    #: Extra probes for technology fingerprints: JS property chains (``jQuery.fn.jquery``),
    #: CSS selectors, and (selector, DOM property) pairs.
    js_probes: tuple[str, ...] = ()
    dom_probes: tuple[str, ...] = ()
    dom_property_probes: tuple[tuple[str, str], ...] = ()
    launch_args: tuple[str, ...] = field(default=CHROMIUM_ARGS)
    #: Chromium's profile preferences (``GUARD_PREFERENCES``).
    preferences: Mapping[str, Any] = field(default_factory=lambda: GUARD_PREFERENCES, hash=False)

    def unavailable_reason(self) -> str | None:
        """Why browser mode cannot run here, or None when it can."""
        if not self.executable.is_file() or not os.access(self.executable, os.X_OK):
            return (
                f"Chromium was not found at {self.executable} "
                "(install the Debian package chromium or set AURA_CHROMIUM_PATH)"
            )
        return None


class BrowserPool:
    """The worker's browser. Create it inside the event loop that uses it."""

    def __init__(self, settings: BrowserSettings) -> None:
        self.settings = settings
        self.launches = 0
        self._browser: Chromium | None = None
        #: The next render's pages, opened ahead (see ``prepare``).
        self._prepared: asyncio.Task[TabSet] | None = None
        self._lock = asyncio.Lock()
        self._slots = asyncio.Semaphore(settings.concurrency)
        self._watchdog: asyncio.Task[None] | None = None

    @property
    def unavailable_reason(self) -> str | None:
        return self.settings.unavailable_reason()

    @property
    def available(self) -> bool:
        return self.unavailable_reason is None

    @contextlib.asynccontextmanager
    async def slot(self) -> AsyncIterator[Chromium]:
        """Wait for a free slot, then yield the (running) browser."""
        async with self._slots:
            yield await self.browser()

    async def tabs(self, browser: Chromium) -> TabSet:
        """The pages for one render in ``browser``: the set opened ahead when there is one."""
        prepared, self._prepared = self._prepared, None
        if prepared is not None:
            try:
                tabs = await prepared
            except Exception as error:
                logger.warning("pages opened ahead are unusable: %s", error)
            else:
                if tabs.browser is browser and tabs.usable:
                    return tabs
                await tabs.close()
        return await self._open_tabs(browser)

    def prepare(self, browser: Chromium) -> None:
        """Open the next render's pages now, while the worker is between pages: it saves
        that render about a third of a second (two idle blank pages wait meanwhile)."""
        if self._prepared is None and browser.connected and browser is self._browser:
            self._prepared = asyncio.create_task(self._open_tabs(browser))

    async def settled(self) -> None:
        """Wait until the pages opened ahead (if any) are open: from then on the browser
        only waits for the next render."""
        prepared = self._prepared
        if prepared is not None:
            await asyncio.wait([prepared])

    async def _open_tabs(self, browser: Chromium) -> TabSet:
        return await open_tabs(browser, self.settings.profiles, self.settings.user_agent_suffix)

    async def _discard_prepared(self) -> None:
        prepared, self._prepared = self._prepared, None
        if prepared is None:
            return
        prepared.cancel()
        await asyncio.wait([prepared])
        if not prepared.cancelled() and prepared.exception() is None:
            await prepared.result().close()

    async def browser(self) -> Chromium:
        async with self._lock:
            if self._browser is not None and self._browser.connected:
                return self._browser
            if self._browser is not None:
                logger.warning("Chromium is gone; starting it again")
            await self._stop()
            self._browser = await self._launch()
            if self.settings.memory_limit_mb > 0:
                watchdog = MemoryWatchdog(self._browser, self.settings.memory_limit_mb)
                self._watchdog = asyncio.create_task(watchdog.run())
            self.prepare(self._browser)
            return self._browser

    async def _launch(self) -> Chromium:
        reason = self.unavailable_reason
        if reason is not None:
            raise RuntimeError(reason)
        browser = await Chromium.launch(
            self.settings.executable,
            self.settings.launch_args,
            patience=30,
            preferences=self.settings.preferences,
        )
        self.launches += 1
        return browser

    async def restart(self, broken: Chromium) -> None:
        """Throw ``broken`` away (it did not answer); the next page starts a new one."""
        async with self._lock:
            if self._browser is broken:
                await self._stop()

    async def _stop(self) -> None:
        watchdog, self._watchdog = self._watchdog, None
        if watchdog is not None:
            watchdog.cancel()
            await asyncio.gather(watchdog, return_exceptions=True)
        await self._discard_prepared()
        browser, self._browser = self._browser, None
        if browser is not None:
            await browser.close()

    async def close(self) -> None:
        async with self._lock:
            await self._stop()
