"""Pages ready to render into: a browser context per device profile, behind a guard proxy.

Each page is rendered in fresh browser contexts (no cookies, cache or storage from the page
before), one per device profile, whose every connection goes through one ``GuardProxy``.
Opening them (a context, a renderer process, the emulation settings) takes about a third of
a second; the pool opens the next page's set while the worker is between pages, so that
rendering starts at once (``BrowserPool.tabs``).
"""

from __future__ import annotations

import asyncio
import contextlib
import functools
import json
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit

import aura.audit.browser.scripts as scripts
from aura.audit.browser.cdp import Chromium, Session
from aura.audit.browser.profiles import DeviceProfile
from aura.audit.browser.proxy import GuardProxy

#: Console noise caused by the guard's own refusals is not the page's fault.
_GUARD_NOISE = ("ERR_SOCKS_CONNECTION_FAILED", "ERR_PROXY_CONNECTION_FAILED")
MAX_MESSAGES = 20
#: Requests that stay open by design (server-sent events): the page is quiet around them.
_LONG_LIVED = frozenset({"EventSource"})
MAX_URLS = 300
#: Requests a page still needs to show its content (Lighthouse's "critical" ones): while one
#: of these is in flight, the network is not quiet, however few requests are left.
_CRITICAL_TYPES = frozenset({"Document", "Stylesheet", "Script", "Font"})
#: As in Lighthouse, the network is quiet with at most this many other requests in flight
#: (a long poll or a beacon that never ends must not hold the measurement to its limit).
QUIET_IN_FLIGHT = 2
#: The DevTools resource types whose failures the render-health verdict counts.
_COUNTED_TYPES = {"Stylesheet": "stylesheet", "Script": "script", "Font": "font", "Image": "image"}


@dataclass
class PageLoad:
    """What the network and console told us during one page load."""

    requests: int = 0
    transfer_bytes: int = 0
    hosts: dict[str, None] = field(default_factory=dict)
    urls: list[str] = field(default_factory=list)
    js_errors: list[str] = field(default_factory=list)
    console_errors: list[str] = field(default_factory=list)
    #: Requests the browser reported as failed (a 404 favicon, an unreachable CDN): broken
    #: resources, not errors of the page's scripts.
    resource_errors: list[str] = field(default_factory=list)
    #: Set by the load event of the page's document.
    loaded: asyncio.Event = field(default_factory=asyncio.Event)
    #: Requests not finished yet (id -> critical), and since when the network has been
    #: quiet (monotonic s; None while it is busy).
    in_flight: dict[str, bool] = field(default_factory=dict)
    quiet_since: float | None = field(default_factory=time.monotonic)
    #: Stylesheets, scripts, fonts and images asked for (request id -> kind), and those
    #: that failed (a network error, or an HTTP status of 400 or more).
    kinds: dict[str, str] = field(default_factory=dict)
    failed: set[str] = field(default_factory=set)

    def on_request(self, params: dict[str, Any]) -> None:
        url = str((params.get("request") or {}).get("url") or "")
        if not url.startswith(("http:", "https:")):
            # blob:, data: and the like wait on no network, and Chromium does not always
            # tell when they are done: a blob: script would keep the page "busy" for good.
            return
        if params.get("type") not in _LONG_LIVED:
            self._active(params, done=False, critical=_critical(params))
        self.requests += 1
        kind = _COUNTED_TYPES.get(str(params.get("type")))
        if kind is not None:
            self.kinds[str(params.get("requestId") or "")] = kind
        if len(self.urls) < MAX_URLS:
            self.urls.append(url[:500])
        host = urlsplit(url).hostname
        if host:
            self.hosts.setdefault(host)

    def on_finished(self, params: dict[str, Any]) -> None:
        self._active(params, done=True)
        self.transfer_bytes += int(params.get("encodedDataLength") or 0)

    def on_failed(self, params: dict[str, Any]) -> None:
        self._active(params, done=True)
        if not params.get("canceled"):
            self.failed.add(str(params.get("requestId") or ""))

    def on_response(self, params: dict[str, Any]) -> None:
        status = (params.get("response") or {}).get("status")
        if isinstance(status, int | float) and status >= 400:
            self.failed.add(str(params.get("requestId") or ""))

    def resources(self) -> dict[str, tuple[int, int]]:
        """(requested, failed) stylesheets, scripts, fonts and images."""
        counts: dict[str, tuple[int, int]] = {}
        for request_id, kind in self.kinds.items():
            requested, failed = counts.get(kind, (0, 0))
            counts[kind] = (requested + 1, failed + (request_id in self.failed))
        return counts

    def _active(self, params: dict[str, Any], *, done: bool, critical: bool = False) -> None:
        request_id = str(params.get("requestId") or "")
        if done:
            self.in_flight.pop(request_id, None)
        else:
            self.in_flight[request_id] = critical
        quiet = len(self.in_flight) <= QUIET_IN_FLIGHT and not any(self.in_flight.values())
        if not quiet:
            self.quiet_since = None
        elif self.quiet_since is None:
            self.quiet_since = time.monotonic()

    def on_load_event(self, params: dict[str, Any]) -> None:
        self.loaded.set()

    def network_idle_for(self) -> float:
        """Seconds the network has been quiet: no critical request (document, stylesheet,
        script, font) and at most ``QUIET_IN_FLIGHT`` others in flight (0 while busy)."""
        return 0.0 if self.quiet_since is None else time.monotonic() - self.quiet_since

    def on_console(self, params: dict[str, Any]) -> None:
        """``console.error(...)`` called by the page."""
        if params.get("type") == "error":
            self._console_error(" ".join(_console_text(arg) for arg in params.get("args") or ()))

    def on_log(self, params: dict[str, Any]) -> None:
        """An error the browser logged for the page (a resource that failed to load...)."""
        entry = params.get("entry") or {}
        if entry.get("level") != "error":
            return
        text = str(entry.get("text") or "")
        if entry.get("source") == "network":
            url = str(entry.get("url") or "")
            noise = any(code in text for code in _GUARD_NOISE)
            if not noise and len(self.resource_errors) < MAX_MESSAGES:
                self.resource_errors.append(f"{text} ({url})"[:500] if url else text[:500])
            return
        self._console_error(text)

    def _console_error(self, text: str) -> None:
        noise = any(code in text for code in _GUARD_NOISE)
        if text and not noise and len(self.console_errors) < MAX_MESSAGES:
            self.console_errors.append(text[:500])

    def on_exception(self, params: dict[str, Any]) -> None:
        """An uncaught exception (or unhandled rejection) in the page's scripts."""
        details = params.get("exceptionDetails") or {}
        exception = details.get("exception") or {}
        text = str(exception.get("description") or details.get("text") or "")
        if len(self.js_errors) < MAX_MESSAGES:
            self.js_errors.append(text.split("\n    at ", 1)[0][:500])


@dataclass
class Tab:
    """One profile's page: its browser context, its attached page and what it observed."""

    profile: DeviceProfile
    context: str
    page: Session
    load: PageLoad = field(default_factory=PageLoad)

    def observe(self) -> None:
        """Route the page's events to ``self.load`` (replaced at each navigation)."""
        events: dict[str, Callable[[PageLoad, dict[str, Any]], None]] = {
            "Network.requestWillBeSent": PageLoad.on_request,
            "Network.loadingFinished": PageLoad.on_finished,
            "Network.loadingFailed": PageLoad.on_failed,
            "Network.responseReceived": PageLoad.on_response,
            "Runtime.consoleAPICalled": PageLoad.on_console,
            "Runtime.exceptionThrown": PageLoad.on_exception,
            "Log.entryAdded": PageLoad.on_log,
            "Page.loadEventFired": PageLoad.on_load_event,
            # A crashed page will not load: stop waiting for it (the next command fails).
            "Inspector.targetCrashed": PageLoad.on_load_event,
        }
        for event, method in events.items():
            self.page.on(event, functools.partial(self._to_load, method))
        self.page.on("Page.javascriptDialogOpening", functools.partial(_dismiss, self.page))

    def _to_load(
        self, method: Callable[[PageLoad, dict[str, Any]], None], params: dict[str, Any]
    ) -> None:
        method(self.load, params)


@dataclass
class TabSet:
    """The pages one render uses: a tab per profile, all behind one guard proxy."""

    browser: Chromium
    proxy: GuardProxy
    tabs: list[Tab] = field(default_factory=list)

    @property
    def usable(self) -> bool:
        return self.browser.connected and all(tab.page.gone is None for tab in self.tabs)

    def tab(self, profile: DeviceProfile) -> Tab:
        return next(tab for tab in self.tabs if tab.profile is profile)

    async def close_tab(self, tab: Tab) -> bool:
        """Dispose of ``tab``'s context; False when the browser did not answer."""
        if tab not in self.tabs:
            return True
        self.tabs.remove(tab)
        try:
            await asyncio.wait_for(_dispose(self.browser, tab.context), 5)
        except Exception:
            return False
        return True

    async def close(self) -> bool:
        """Close every tab still open and the proxy; False when the browser did not answer."""
        closed = True
        for tab in list(self.tabs):
            closed = await self.close_tab(tab) and closed
        await self.proxy.close()
        return closed


async def open_tabs(
    browser: Chromium, profiles: tuple[DeviceProfile, ...], user_agent_suffix: str
) -> TabSet:
    """A tab per profile, on about:blank, ready to navigate (its proxy refuses everything
    until the render sets its network policy)."""
    proxy = GuardProxy(None)
    await proxy.start()
    tabs = TabSet(browser, proxy)
    try:
        opened = await asyncio.gather(
            *(_open_tab(tabs, profile, user_agent_suffix) for profile in profiles)
        )
    except BaseException:
        with contextlib.suppress(Exception):
            await asyncio.shield(tabs.close())
        raise
    tabs.tabs = list(opened)
    return tabs


async def _open_tab(tabs: TabSet, profile: DeviceProfile, user_agent_suffix: str) -> Tab:
    browser = tabs.browser
    created = await browser.send(
        "Target.createBrowserContext",
        # Loopback included: "<-loopback>" removes Chromium's implicit bypass of it.
        {"proxyServer": tabs.proxy.url, "proxyBypassList": "<-loopback>"},
    )
    context = str(created["browserContextId"])
    try:
        target = await browser.send(
            "Target.createTarget", {"url": "about:blank", "browserContextId": context}
        )
        page = await browser.attach(str(target["targetId"]))
    except BaseException:
        with contextlib.suppress(Exception):
            await asyncio.shield(_dispose(browser, context))
        raise
    tab = Tab(profile, context, page)
    tabs.tabs.append(tab)
    tab.observe()
    user_agent = profile.user_agent(browser.version, user_agent_suffix)
    commands: list[tuple[str, dict[str, Any]]] = [
        ("Page.enable", {}),
        ("Runtime.enable", {}),
        ("Network.enable", {}),
        ("Log.enable", {}),
        ("Page.addScriptToEvaluateOnNewDocument", {"source": scripts.LAB_OBSERVER}),
        (
            "Emulation.setDeviceMetricsOverride",
            {
                "width": profile.width,
                "height": profile.height,
                "deviceScaleFactor": profile.device_scale_factor,
                "mobile": profile.mobile,
                "screenWidth": profile.width,
                "screenHeight": profile.height,
            },
        ),
        ("Emulation.setTouchEmulationEnabled", {"enabled": profile.mobile}),
        (
            "Emulation.setUserAgentOverride",
            {"userAgent": user_agent, "acceptLanguage": "en-US"},
        ),
        ("Emulation.setLocaleOverride", {"locale": "en-US"}),
        # No service worker answers for the network: every request is measured as it
        # really goes (and nothing a page installs outlives its context anyway).
        ("Network.setBypassServiceWorker", {"bypass": True}),
    ]
    await asyncio.gather(
        browser.send(
            "Browser.setDownloadBehavior", {"behavior": "deny", "browserContextId": context}
        ),
        *(page.send(method, params) for method, params in commands),
    )
    return tab


async def _dispose(browser: Chromium, context: str) -> None:
    """Close a browser context and everything in it (its renderer exits)."""
    await browser.send("Target.disposeBrowserContext", {"browserContextId": context})


def _critical(params: dict[str, Any]) -> bool:
    return params.get("type") in _CRITICAL_TYPES


def _dismiss(page: Session, params: dict[str, Any]) -> None:
    """Answer a dialog the page opened (alert, confirm, prompt): nobody is there to read it,
    and the page's scripts wait until it is answered. Leaving the page is allowed."""
    accept = params.get("type") == "beforeunload"
    task = asyncio.ensure_future(page.send("Page.handleJavaScriptDialog", {"accept": accept}))
    task.add_done_callback(lambda done: done.cancelled() or done.exception())


def _console_text(argument: dict[str, Any]) -> str:
    if "value" in argument:
        value = argument["value"]
        return value if isinstance(value, str) else json.dumps(value)
    return str(argument.get("description") or argument.get("unserializableValue") or "")
