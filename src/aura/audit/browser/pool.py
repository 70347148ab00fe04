"""One headless Chromium per worker process, shared by every page it renders.

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
from collections.abc import AsyncIterator, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from playwright.async_api import Browser, Playwright, async_playwright

from aura.audit.browser.profiles import PROFILES, DeviceProfile

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
    # Memory: no spare renderer kept warm, the (software) GPU work in the browser process.
    "--disable-features=NetworkPrediction,Translate,MediaRouter,OptimizationHints,"
    "SpareRendererForSitePerProcess,IsolateOrigins,site-per-process",
    "--disable-site-isolation-trials",
    "--in-process-gpu",
    "--hide-scrollbars",
    "--mute-audio",
)


@dataclass(frozen=True)
class BrowserSettings:
    executable: Path = Path("/usr/bin/chromium")
    #: Pages rendered at once by this process.
    concurrency: int = 2
    #: Hard wall-time limit of one page, both profiles, axe-core and screenshots included.
    page_budget: float = 20.0
    #: The longest observation after the load event (late layout shifts, LCP updates)...
    settle: float = 2.0
    #: ...which ends earlier, once the page has been quiet this long.
    settle_quiet: float = 0.5
    #: axe-core's ``axe.min.js``; None or a missing file skips the axe-core audits.
    axe_core: Path | None = None
    #: The tallest full-page screenshot, in CSS pixels.
    full_page_max_height: int = 6000
    profiles: tuple[DeviceProfile, ...] = PROFILES
    #: Appended to the browser's user agent, so that sites can tell who is visiting.
    user_agent_suffix: str = "Aura"
    #: Extra probes for technology fingerprints: JS property chains (``jQuery.fn.jquery``),
    #: CSS selectors, and (selector, DOM property) pairs.
    js_probes: tuple[str, ...] = ()
    dom_probes: tuple[str, ...] = ()
    dom_property_probes: tuple[tuple[str, str], ...] = ()
    launch_args: tuple[str, ...] = field(default=CHROMIUM_ARGS)

    def unavailable_reason(self) -> str | None:
        """Why browser mode cannot run here, or None when it can."""
        if not self.executable.is_file() or not os.access(self.executable, os.X_OK):
            return (
                f"Chromium was not found at {self.executable} "
                "(install the Debian package chromium or set AURA_CHROMIUM_PATH)"
            )
        return None


#: V8 options of Playwright's Node.js driver: a 1 MB young generation instead of 16 MB costs
#: it nothing noticeable (it only relays messages) and saves about 50 MB per worker.
DRIVER_NODE_OPTIONS = "--max-semi-space-size=1"


@contextlib.contextmanager
def _driver_options(options: str) -> Iterator[None]:
    """``NODE_OPTIONS`` for the driver Playwright starts now (it copies the environment)."""
    before = os.environ.get("NODE_OPTIONS")
    os.environ["NODE_OPTIONS"] = f"{before} {options}" if before else options
    try:
        yield
    finally:
        if before is None:
            os.environ.pop("NODE_OPTIONS", None)
        else:
            os.environ["NODE_OPTIONS"] = before


class BrowserPool:
    """The worker's browser. Create it inside the event loop that uses it."""

    def __init__(self, settings: BrowserSettings) -> None:
        self.settings = settings
        self.launches = 0
        self._playwright: Playwright | None = None
        self._browser: Browser | None = None
        self._lock = asyncio.Lock()
        self._slots = asyncio.Semaphore(settings.concurrency)

    @property
    def unavailable_reason(self) -> str | None:
        return self.settings.unavailable_reason()

    @property
    def available(self) -> bool:
        return self.unavailable_reason is None

    @contextlib.asynccontextmanager
    async def slot(self) -> AsyncIterator[Browser]:
        """Wait for a free slot, then yield the (running) browser."""
        async with self._slots:
            yield await self.browser()

    async def browser(self) -> Browser:
        async with self._lock:
            if self._browser is not None and self._browser.is_connected():
                return self._browser
            if self._browser is not None:
                logger.warning("Chromium is gone; starting it again")
            await self._stop()
            self._browser = await self._launch()
            return self._browser

    async def _launch(self) -> Browser:
        reason = self.unavailable_reason
        if reason is not None:
            raise RuntimeError(reason)
        with _driver_options(DRIVER_NODE_OPTIONS):
            self._playwright = await async_playwright().start()
        try:
            browser = await self._playwright.chromium.launch(
                executable_path=str(self.settings.executable),
                headless=True,
                args=list(self.settings.launch_args),
                timeout=30_000,
            )
        except BaseException:
            await self._stop()
            raise
        self.launches += 1
        return browser

    async def restart(self, broken: Browser) -> None:
        """Throw ``broken`` away (it did not answer); the next page starts a new one."""
        async with self._lock:
            if self._browser is broken:
                await self._stop()

    async def _stop(self) -> None:
        browser, self._browser = self._browser, None
        playwright, self._playwright = self._playwright, None
        if browser is not None:
            with contextlib.suppress(Exception):
                await asyncio.wait_for(browser.close(), 5)
        if playwright is not None:
            # Stopping the driver kills whatever browser it still runs.
            with contextlib.suppress(Exception):
                await asyncio.wait_for(playwright.stop(), 10)

    async def close(self) -> None:
        async with self._lock:
            await self._stop()
