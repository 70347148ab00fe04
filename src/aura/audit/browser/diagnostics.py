"""Diagnostics of one load beyond the lab metrics: the LCP element and its phases, the
scripts and stylesheets the page downloaded but did not use (Chromium's coverage), and the
main thread's work (a trace, ``trace.py``).

The LCP breakdown is read from the page on every profile (the LargestContentfulPaint entry
the lab observer kept, and the resource timing of its image). Coverage and the trace run on
one profile (the phone's, as Lighthouse judges pages): started before the navigation, read
once the load has settled. What the page says is untrusted: every value is checked.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import time
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from aura.audit.browser.artifacts import LcpBreakdown, LoadDiagnostics, MainThreadWork, UnusedCode
from aura.audit.browser.cdp import ProtocolError, Session
from aura.audit.browser.simulation import Task
from aura.audit.browser.trace import (
    TraceRecorder,
    main_thread,
    main_thread_work,
    simulation_tasks,
)

logger = logging.getLogger(__name__)

#: Scripts and stylesheets kept per load (most unused bytes first).
MAX_FILES = 50
#: Selectors and snippets of the LCP element are cut to this many characters.
MAX_SNIPPET = 300

#: The LargestContentfulPaint entry the lab observer kept: its element (a short CSS path
#: and its opening tag), its URL, and the resource timing of that URL; with the document's
#: first byte. Times in ms after navigation start.
LCP_DETAIL = """
(limit) => {
  try {
    const lab = window.__auraLab || {};
    const entry = lab.lcpEntry;
    if (!entry) return null;
    const nav = performance.getEntriesByType('navigation')[0];
    const step = (el) => {
      let text = el.tagName.toLowerCase();
      if (el.id) return text + '#' + CSS.escape(el.id);
      const classes = Array.from(el.classList || []).slice(0, 2).map((c) => CSS.escape(c));
      return classes.length ? text + '.' + classes.join('.') : text;
    };
    const path = (el) => {
      const steps = [];
      for (let node = el; node && node.tagName && steps.length < 4; node = node.parentElement) {
        const part = step(node);
        steps.unshift(part);
        if (node.id || part === 'body' || part === 'html') break;
      }
      return steps.join(' > ').slice(0, limit);
    };
    const element = entry.element;
    let snippet = null;
    if (element) {
      try { snippet = element.cloneNode(false).outerHTML.slice(0, limit); } catch (_) {}
    }
    const url = entry.url || '';
    let resource = null;
    if (url && !url.startsWith('data:')) {
      const found = performance.getEntriesByName(url, 'resource')
        .filter((r) => r.startTime <= entry.startTime);
      const last = found[found.length - 1];
      if (last) resource = { start: last.startTime, end: last.responseEnd };
    }
    return {
      time: entry.startTime,
      url: url ? url.slice(0, 2000) : null,
      selector: element ? path(element) : null,
      snippet,
      ttfb: nav ? nav.responseStart : null,
      resource,
    };
  } catch (_) {
    return null;  // the page replaced something this reads (CSS.escape, performance...)
  }
}
"""


def lcp_breakdown(raw: Any) -> LcpBreakdown | None:
    """The LCP's phases from what ``LCP_DETAIL`` returned, as Lighthouse splits them:
    first byte, load delay (first byte to the image's request), load time (its download),
    render delay (downloaded to painted); text has no load phases. Each phase is clamped so
    that none is negative and they add up to the LCP."""
    if not isinstance(raw, dict):
        return None
    lcp = _number(raw.get("time"))
    if lcp is None:
        return None
    url = _text(raw.get("url"), 2000)
    ttfb = _number(raw.get("ttfb"))
    breakdown = LcpBreakdown(
        kind="image" if url else "text",
        selector=_text(raw.get("selector"), MAX_SNIPPET),
        snippet=_text(raw.get("snippet"), MAX_SNIPPET),
        url=url,
    )
    if ttfb is None:
        return breakdown
    ttfb = min(ttfb, lcp)
    if not url:
        return _with_phases(breakdown, ttfb, 0.0, 0.0, lcp - ttfb)
    resource = raw.get("resource")
    start = _number(resource.get("start")) if isinstance(resource, dict) else None
    end = _number(resource.get("end")) if isinstance(resource, dict) else None
    if start is None or end is None:
        # The image's resource timing is gone (a full buffer): only the first byte is known.
        return _with_phases(breakdown, ttfb, None, None, None)
    start = min(max(start, ttfb), lcp)
    end = min(max(end, start), lcp)
    return _with_phases(breakdown, ttfb, start - ttfb, end - start, lcp - end)


def _with_phases(
    breakdown: LcpBreakdown,
    ttfb: float,
    load_delay: float | None,
    load_time: float | None,
    render_delay: float | None,
) -> LcpBreakdown:
    def rounded(value: float | None) -> float | None:
        return None if value is None else round(value, 1)

    return LcpBreakdown(
        kind=breakdown.kind,
        selector=breakdown.selector,
        snippet=breakdown.snippet,
        url=breakdown.url,
        ttfb_ms=rounded(ttfb),
        load_delay_ms=rounded(load_delay),
        load_time_ms=rounded(load_time),
        render_delay_ms=rounded(render_delay),
    )


def unused_length(ranges: Iterable[tuple[int, int, int]]) -> tuple[int, int]:
    """(length, unused characters) of a script from V8's coverage ranges (start, end,
    count). Ranges nest; the innermost range around a character says whether it ran."""
    ordered = sorted(ranges, key=lambda item: (item[0], -item[1]))
    own: list[int] = []
    open_ranges: list[int] = []
    length = 0
    for index, (start, end, _count) in enumerate(ordered):
        while open_ranges and ordered[open_ranges[-1]][1] <= start:
            open_ranges.pop()
        size = max(0, end - start)
        own.append(size)
        if open_ranges:
            own[open_ranges[-1]] -= size
        open_ranges.append(index)
        length = max(length, end)
    unused = sum(max(0, size) for size, item in zip(own, ordered, strict=True) if item[2] == 0)
    return length, min(unused, length)


def unused_scripts(
    coverage: Sequence[Any], transfer: dict[str, int], page_url: str
) -> tuple[UnusedCode, ...]:
    """Unused bytes per script URL from ``Profiler.takePreciseCoverage``'s result (the page's
    inline scripts and scripts without a URL left out)."""
    found: dict[str, UnusedCode] = {}
    for script in coverage:
        if not isinstance(script, dict):
            continue
        url = str(script.get("url") or "")
        if not url.startswith(("http:", "https:")) or url == page_url or url in found:
            continue
        ranges = [
            (int(item["startOffset"]), int(item["endOffset"]), int(item["count"]))
            for function in script.get("functions") or ()
            if isinstance(function, dict)
            for item in function.get("ranges") or ()
            if isinstance(item, dict) and _has_numbers(item, "startOffset", "endOffset", "count")
        ]
        length, unused = unused_length(ranges)
        if length > 0:
            found[url] = UnusedCode(url[:2000], length, unused, transfer.get(url))
    return _largest(found.values())


def unused_stylesheets(
    sheets: dict[str, tuple[str, int]],
    usage: Sequence[Any],
    transfer: dict[str, int],
    page_url: str,
) -> tuple[UnusedCode, ...]:
    """Unused bytes per stylesheet URL: its length less the style rules that matched an
    element (``CSS.stopRuleUsageTracking``). ``sheets``: id -> (URL, length) of the
    stylesheets the page loaded (``CSS.styleSheetAdded``; ``<style>`` left out)."""
    used: dict[str, int] = {}
    for rule in usage:
        if not isinstance(rule, dict) or not rule.get("used"):
            continue
        if not _has_numbers(rule, "startOffset", "endOffset"):
            continue
        sheet = str(rule.get("styleSheetId") or "")
        size = int(rule["endOffset"]) - int(rule["startOffset"])
        used[sheet] = used.get(sheet, 0) + max(0, size)
    found: dict[str, UnusedCode] = {}
    for sheet, (url, length) in sheets.items():
        if length <= 0 or url == page_url or url in found:
            continue
        unused = max(0, length - used.get(sheet, 0))
        found[url] = UnusedCode(url[:2000], length, unused, transfer.get(url))
    return _largest(found.values())


def _largest(items: Iterable[UnusedCode]) -> tuple[UnusedCode, ...]:
    return tuple(sorted(items, key=lambda item: -item.wasted_bytes)[:MAX_FILES])


@dataclass
class LoadRecorder:
    """Chromium's JavaScript and CSS coverage and a trace of one load, and the transfer
    size of each script and stylesheet. ``start`` before the navigation, ``finish`` once it
    settled."""

    page: Session
    trace: TraceRecorder
    #: The page's own document (its inline code is not listed), once it answered.
    page_url: str = ""
    #: styleSheetId -> (URL, length), the page's linked stylesheets.
    sheets: dict[str, tuple[str, int]] = field(default_factory=dict)
    #: requestId -> URL of scripts and stylesheets, and URL -> bytes on the wire.
    requests: dict[str, str] = field(default_factory=dict)
    transfer: dict[str, int] = field(default_factory=dict)
    missing: dict[str, str] = field(default_factory=dict)
    started: bool = False
    #: The trace's main-thread tasks as the simulation's CPU nodes (browser clock, ms).
    cpu_tasks: list[Task] = field(default_factory=list)
    #: Wall time of the steps of ``finish`` (ms): reading the coverage, the trace.
    timings: dict[str, float] = field(default_factory=dict)
    #: The coverages once taken (``take_coverage``).
    scripts: tuple[UnusedCode, ...] | None = None
    styles: tuple[UnusedCode, ...] | None = None
    coverage_taken: bool = False

    @classmethod
    def of(cls, page: Session) -> LoadRecorder:
        return cls(page, TraceRecorder(page))

    async def start(self) -> None:
        try:
            await self.trace.start()
        except ProtocolError as error:
            self.missing["main_thread"] = f"the browser did not start its trace: {error}"
        self.page.on("CSS.styleSheetAdded", self.on_sheet)
        self.page.on("Network.responseReceived", self.on_response)
        self.page.on("Network.loadingFinished", self.on_finished)
        try:
            await asyncio.gather(
                self.page.send("Profiler.enable"),
                self.page.send("DOM.enable"),
                self.page.send("CSS.enable"),
            )
            await asyncio.gather(
                self.page.send(
                    "Profiler.startPreciseCoverage", {"callCount": False, "detailed": False}
                ),
                self.page.send("CSS.startRuleUsageTracking"),
            )
        except ProtocolError as error:
            reason = f"the browser did not start its coverage: {error}"
            self.missing.update(unused_javascript=reason, unused_css=reason)
            return
        self.started = True

    def on_sheet(self, params: dict[str, Any]) -> None:
        header = params.get("header") or {}
        url = str(header.get("sourceURL") or "")
        length = header.get("length")
        if header.get("isInline") or not url.startswith(("http:", "https:")):
            return
        if isinstance(length, int | float):
            self.sheets[str(header.get("styleSheetId") or "")] = (url, int(length))

    def on_response(self, params: dict[str, Any]) -> None:
        if params.get("type") == "Document" and not self.page_url:
            self.page_url = str((params.get("response") or {}).get("url") or "")
        elif params.get("type") in ("Script", "Stylesheet"):
            url = str((params.get("response") or {}).get("url") or "")
            self.requests[str(params.get("requestId") or "")] = url

    def on_finished(self, params: dict[str, Any]) -> None:
        url = self.requests.get(str(params.get("requestId") or ""))
        size = params.get("encodedDataLength")
        if url is not None and isinstance(size, int | float):
            self.transfer[url] = int(size)

    async def take_coverage(self) -> None:
        """Read both coverages (the page keeps running; nothing is reloaded): the first step
        of ``finish``, awaited on its own before the render runs code in the page."""
        started = time.perf_counter()
        self.coverage_taken = True
        self.scripts, self.styles = await self._coverage()
        self.timings["coverage"] = (time.perf_counter() - started) * 1000

    async def finish(
        self,
        profile: str,
        until_ms: float | None = None,
        deadline: float | None = None,
        cpu_multiplier: float = 1.0,
    ) -> LoadDiagnostics:
        """The coverages (``take_coverage``, if not taken yet) and the trace's main-thread
        work up to ``until_ms`` after the navigation start (the end of the observation),
        the trace read by ``deadline`` (monotonic seconds, see ``TraceRecorder.finish``),
        its times multiplied by ``cpu_multiplier`` (``trace.main_thread_work``)."""
        if not self.coverage_taken:
            await self.take_coverage()
        scripts, styles = self.scripts, self.styles
        read = time.perf_counter()
        failure = await self.trace.finish(deadline)
        parsed = time.perf_counter()
        self.timings["trace"] = (parsed - read) * 1000
        self.timings.update(self.trace.timings)
        work = None
        if failure is None:
            work, self.cpu_tasks = await asyncio.to_thread(
                self._read_trace, until_ms, cpu_multiplier
            )
            self.timings["trace_main_thread"] = (time.perf_counter() - parsed) * 1000
            # A parsed trace is tens of MB in the worker: another reader of this load's
            # trace reads it here, before it is let go.
            self.trace.events = []
            if work is None:
                failure = "the trace showed no main thread of the page"
        if failure is not None:
            self.missing.setdefault("main_thread", failure)
        return LoadDiagnostics(profile, scripts, styles, work, dict(self.missing))

    async def _coverage(
        self,
    ) -> tuple[tuple[UnusedCode, ...] | None, tuple[UnusedCode, ...] | None]:
        scripts: tuple[UnusedCode, ...] | None = None
        styles: tuple[UnusedCode, ...] | None = None
        if self.started:
            answers: list[Any] = await asyncio.gather(
                self.page.send("Profiler.takePreciseCoverage"),
                self.page.send("CSS.stopRuleUsageTracking"),
                return_exceptions=True,
            )
            js, css = answers
            if isinstance(js, dict):
                scripts = unused_scripts(js.get("result") or (), self.transfer, self.page_url)
            else:
                self.missing["unused_javascript"] = f"the coverage was not read: {js}"
            if isinstance(css, dict):
                styles = unused_stylesheets(
                    self.sheets, css.get("ruleUsage") or (), self.transfer, self.page_url
                )
            else:
                self.missing["unused_css"] = f"the coverage was not read: {css}"
            with contextlib.suppress(ProtocolError):
                await self.page.send("Profiler.stopPreciseCoverage")
        return scripts, styles

    def _read_trace(
        self, until_ms: float | None, cpu_multiplier: float
    ) -> tuple[MainThreadWork | None, list[Task]]:
        """The main-thread work up to the end of the observation, and the main-thread tasks
        up to then as the simulation's CPU nodes (the simulation decides which ones a metric
        waits for)."""
        events = self.trace.events
        thread = main_thread(events, self.trace.mark)
        if thread is None:
            return None, []
        work = main_thread_work(events, self.page_url, until_ms, thread, cpu_multiplier)
        return work, simulation_tasks(events, thread, until_ms)


def _has_numbers(item: dict[str, Any], *keys: str) -> bool:
    return all(isinstance(item.get(key), int | float) for key in keys)


def _number(value: Any) -> float | None:
    return float(value) if isinstance(value, int | float) and value >= 0 else None


def _text(value: Any, limit: int) -> str | None:
    return value[:limit] if isinstance(value, str) and value else None
