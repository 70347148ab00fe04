"""Artifacts only a rendered page can give (browser mode).

Audits that require one of these are dropped in static mode, so they never show up as
errors there; in browser mode a render that failed or ran out of time leaves them missing,
and those audits say why.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from aura.audit.artifacts import Document, memo
from aura.audit.browser.contention import HostShare
from aura.audit.browser.profiles import moved_by_a_busy_host


@dataclass(frozen=True)
class LcpBreakdown:
    """The Largest Contentful Paint's element and where its time went, as Lighthouse splits
    it: the document's first byte, then (for an image) the wait before its request started
    (load delay), its download (load time), and the wait until it was painted (render
    delay). The phases add up to the LCP; None where the browser did not tell (an image
    whose resource timing was not kept)."""

    #: "image" (an image, a CSS background or a video poster) or "text".
    kind: str
    selector: str | None = None
    #: The element's opening tag, as the page wrote it (untrusted; bounded).
    snippet: str | None = None
    #: The image's URL (None for text).
    url: str | None = None
    ttfb_ms: float | None = None
    load_delay_ms: float | None = None
    load_time_ms: float | None = None
    render_delay_ms: float | None = None

    def summary(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "selector": self.selector,
            "snippet": self.snippet,
            "url": self.url,
            "phases": {
                "ttfb_ms": self.ttfb_ms,
                "load_delay_ms": self.load_delay_ms,
                "load_time_ms": self.load_time_ms,
                "render_delay_ms": self.render_delay_ms,
            },
        }


@dataclass(frozen=True)
class ProfileRun:
    """One page load under one device profile."""

    profile: str
    conditions: dict[str, Any]
    fcp_ms: float | None = None
    lcp_ms: float | None = None
    lcp_element: str | None = None
    #: The LCP element, its resource and the LCP's phases.
    lcp: LcpBreakdown | None = None
    cls: float | None = None
    layout_shifts: int = 0
    #: Sum over long tasks after First Contentful Paint of their time past 50 ms.
    tbt_ms: float | None = None
    long_tasks: int = 0
    dom_content_loaded_ms: float | None = None
    load_ms: float | None = None
    #: Speed Index: how quickly the first screen fills in (see ``speed_index.py``).
    speed_index_ms: float | None = None
    #: When the observation ended (ms after navigation start): what happened later is not
    #: in these metrics.
    observed_ms: float | None = None
    requests: int = 0
    transfer_bytes: int = 0
    #: Uncaught exceptions and ``console.error`` messages (the guard's own refusals excluded).
    js_errors: tuple[str, ...] = ()
    console_errors: tuple[str, ...] = ()
    #: Requests that failed (HTTP errors, unreachable hosts), as the browser logged them.
    resource_errors: tuple[str, ...] = ()
    #: Set when the load event did not come within the page budget.
    load_timed_out: bool = False
    #: False when the network was still busy or the main thread still ran long tasks when
    #: the observation after the load gave up (``AURA_BROWSER_SETTLE``).
    settled: bool = True
    #: Stylesheets, scripts, fonts and images: kind -> (requested, failed).
    resources: dict[str, tuple[int, int]] = field(default_factory=dict)
    #: The scoring curves of the profile: metric -> (p10, median).
    curves: dict[str, tuple[float, float]] = field(default_factory=dict)
    #: When the metrics above are simulated (``simulation.py``): the ones the load itself
    #: measured, on the unthrottled network (``fcp_ms``, ``lcp_ms``, ``speed_index_ms``).
    observed: dict[str, float | None] | None = None
    #: What the host took from the load while it was timed (``contention.py``).
    host: HostShare | None = None

    def disturbed(self, metric: str) -> str | None:
        """Why the host disturbed this load's ``metric`` (a curve name: ``fcp``, ``cls``...),
        or None: when the host was busy and the metric is one a busy host moves under this
        load's conditions (``moved_by_a_busy_host``)."""
        reason = self.host.disturbed if self.host is not None else None
        if reason is None or metric not in moved_by_a_busy_host(self.conditions):
            return None
        return reason

    def summary(self) -> dict[str, Any]:
        return {
            "profile": self.profile,
            "conditions": self.conditions,
            "fcp_ms": self.fcp_ms,
            "lcp_ms": self.lcp_ms,
            "lcp_element": self.lcp_element,
            "lcp_breakdown": None if self.lcp is None else self.lcp.summary(),
            "cls": self.cls,
            "layout_shifts": self.layout_shifts,
            "tbt_ms": self.tbt_ms,
            "long_tasks": self.long_tasks,
            "dom_content_loaded_ms": self.dom_content_loaded_ms,
            "load_ms": self.load_ms,
            "speed_index_ms": self.speed_index_ms,
            "observed_ms": self.observed_ms,
            "requests": self.requests,
            "transfer_bytes": self.transfer_bytes,
            "js_errors": list(self.js_errors),
            "console_errors": list(self.console_errors),
            "resource_errors": list(self.resource_errors),
            "load_timed_out": self.load_timed_out,
            "settled": self.settled,
            "resources": {
                kind: {"requested": requested, "failed": failed}
                for kind, (requested, failed) in self.resources.items()
            },
            "observed": self.observed,
            "host": None if self.host is None else self.host.summary(),
        }


@dataclass(frozen=True)
class LabMetrics:
    """Lab measurements of the page, one run per device profile (mobile first)."""

    runs: tuple[ProfileRun, ...]

    def run(self, profile: str) -> ProfileRun | None:
        return next((run for run in self.runs if run.profile == profile), None)


@dataclass(frozen=True)
class AxeNode:
    target: str
    html: str = ""
    summary: str = ""


@dataclass(frozen=True)
class AxeRule:
    id: str
    impact: str | None
    help: str
    help_url: str = ""
    tags: tuple[str, ...] = ()
    nodes: tuple[AxeNode, ...] = ()
    node_count: int = 0


@dataclass(frozen=True)
class AxeReport:
    """axe-core's verdict on the rendered page (desktop profile)."""

    version: str
    violations: tuple[AxeRule, ...] = ()
    #: Rules that ran and found nothing wrong, with the impact they would have had.
    passes: tuple[AxeRule, ...] = ()
    #: Rules axe-core could not decide (it needs a human), by id.
    incomplete: tuple[str, ...] = ()
    inapplicable: tuple[str, ...] = ()

    def violation(self, rule_id: str) -> AxeRule | None:
        return next((rule for rule in self.violations if rule.id == rule_id), None)

    def ran(self, rule_id: str) -> bool:
        return any(rule.id == rule_id for rule in (*self.violations, *self.passes))


@dataclass(frozen=True)
class TextStyle:
    """The computed style of one group of elements (the most common values)."""

    color: str | None = None
    background: str | None = None
    font_family: str | None = None
    font_size_px: float | None = None
    font_weight: str | None = None
    count: int = 0


@dataclass(frozen=True)
class RenderedDesign:
    """What the visitor sees: screenshot colours and the computed styles actually used."""

    #: Dominant colours of the desktop above-the-fold screenshot, with their share of it.
    dominant_colors: tuple[tuple[str, float], ...] = ()
    headings: TextStyle = field(default_factory=TextStyle)
    body: TextStyle = field(default_factory=TextStyle)
    buttons: TextStyle = field(default_factory=TextStyle)
    links: TextStyle = field(default_factory=TextStyle)
    page_background: str | None = None
    #: Saturated colours of buttons, links and headings, most used first.
    brand_colors: tuple[str, ...] = ()
    #: Text fonts of the visible text (the first family of each stack), most text first.
    fonts: tuple[str, ...] = ()
    #: Characters of visible text per font (first family) and per text colour.
    text_fonts: tuple[tuple[str, int], ...] = ()
    text_colors: tuple[tuple[str, int], ...] = ()
    #: Painted area (px²) per background colour of visible elements.
    surface_colors: tuple[tuple[str, float], ...] = ()
    #: Some visible text asks for the visitor's system font (a generic first family).
    system_font: bool = False
    #: Web fonts the page declared that the browser could not load.
    unloaded_fonts: tuple[str, ...] = ()


@dataclass(frozen=True)
class RenderedTechnology:
    """Raw technology evidence from the live page, for fingerprint matching.

    ``js_globals`` maps probed property chains (``jQuery.fn.jquery``) to their value (text,
    or ``True`` for objects and functions); ``dom`` maps probed selectors to the first
    match's attributes and text; ``dom_properties`` maps probed (selector, property) pairs
    to the property's value; ``request_urls`` are the URLs the page asked for (in order,
    bounded), ``request_hosts`` their hosts.
    """

    js_globals: dict[str, str | bool] = field(default_factory=dict)
    dom: dict[str, dict[str, Any]] = field(default_factory=dict)
    dom_properties: dict[tuple[str, str], str | bool] = field(default_factory=dict)
    request_urls: tuple[str, ...] = ()
    request_hosts: tuple[str, ...] = ()
    third_party_hosts: tuple[str, ...] = ()


@dataclass(frozen=True)
class RenderedImage:
    """An image the rendered page shows: an ``<img>`` or a CSS background, in CSS pixels."""

    url: str
    kind: str  # "img" | "background"
    width: float
    height: float
    natural_width: int
    natural_height: int
    #: Bytes of the image's body as the page's resource timing saw them (0: unknown).
    bytes: int = 0
    #: An ``<img>``'s distance from the top of the page (None: not measured), and whether
    #: it asks to load lazily (``loading="lazy"``).
    top: float | None = None
    lazy: bool = False


@dataclass(frozen=True)
class RenderedDom:
    """The page's DOM once it settled under one profile (the phone), serialised, and the
    images it shows there.

    ``html`` is None when the DOM was larger than the render keeps.
    """

    url: str
    html: str | None
    images: tuple[RenderedImage, ...] = ()
    profile: str = "mobile"
    device_scale_factor: float = 1.0
    #: The phone's layout once settled, in CSS pixels (None: not measured): the screen's
    #: width, the layout viewport's (the screen's when the page asks for ``device-width``,
    #: 980 without a viewport) and the document's (wider than the screen: the page scrolls
    #: sideways).
    screen_width: int | None = None
    screen_height: int | None = None
    layout_width: float | None = None
    document_width: float | None = None
    #: ``overflow-x: hidden`` (or ``clip``) on the root or the body: nothing scrolls sideways.
    sideways_clipped: bool = False

    @memo
    def document(self) -> Document | None:
        return None if self.html is None else Document(self.url, self.html)


@dataclass(frozen=True)
class Screenshot:
    name: str
    profile: str
    width: int
    height: int
    bytes: int
    full_page: bool = False


@dataclass(frozen=True)
class UnusedCode:
    """A script or stylesheet and how much of it the page did not run or match, from
    Chromium's coverage (functions for scripts, style rules for stylesheets)."""

    url: str
    #: Its length as the browser parsed it (decoded characters).
    total_bytes: int
    unused_bytes: int
    #: Bytes it took on the wire (None when the browser did not say).
    transfer_bytes: int | None = None

    @property
    def wasted_bytes(self) -> int:
        """The unused share of what was downloaded (of the decoded size when the transfer
        size is unknown), as Lighthouse estimates it."""
        if self.total_bytes <= 0:
            return 0
        size = self.total_bytes if self.transfer_bytes is None else self.transfer_bytes
        return round(size * self.unused_bytes / self.total_bytes)


@dataclass(frozen=True)
class LongTask:
    """A main-thread task of 50 ms or more, and the script it ran (None: none known)."""

    duration_ms: float
    url: str | None = None
    #: When it started, ms after navigation start (None when the trace did not say).
    start_ms: float | None = None


@dataclass(frozen=True)
class SiteBlocking:
    """The long tasks of one site's scripts: their blocking time (past 50 ms each) and
    their whole length. ``site`` None: tasks that ran no script Aura could name."""

    site: str | None
    blocking_ms: float
    long_task_ms: float
    third_party: bool = False


@dataclass(frozen=True)
class MainThreadWork:
    """What the page's main thread did during the load, from a trace."""

    #: Time per group of work (``trace.GROUPS``: script_evaluation, style_layout...), ms,
    #: most first.
    groups: tuple[tuple[str, float], ...] = ()
    total_ms: float = 0.0
    #: The longest tasks (at most 20), longest first, and how many long tasks there were.
    long_tasks: tuple[LongTask, ...] = ()
    long_task_count: int = 0
    blocking_by_site: tuple[SiteBlocking, ...] = ()
    #: What the traced times were multiplied by to be the phone's: 4 when the load ran
    #: unthrottled and the phone's CPU is simulated (as Lighthouse's simulated run reports
    #: them), 1 when the load ran under Chromium's CPU throttle.
    cpu_multiplier: float = 1.0

    @property
    def third_party_blocking_ms(self) -> float:
        return round(sum(s.blocking_ms for s in self.blocking_by_site if s.third_party), 1)


@dataclass(frozen=True)
class LoadDiagnostics:
    """What one profile's load (the phone's) spent its bytes and time on, beyond the lab
    metrics. A field is None when it was not measured (its reason in ``missing``)."""

    profile: str
    #: Scripts and stylesheets from their own URL (inline code is left out), most unused
    #: bytes first.
    unused_javascript: tuple[UnusedCode, ...] | None = None
    unused_css: tuple[UnusedCode, ...] | None = None
    #: The main thread's work, from a trace of the load.
    main_thread: MainThreadWork | None = None
    missing: dict[str, str] = field(default_factory=dict)


#: Artifacts that exist only in browser mode.
BROWSER_ARTIFACTS: frozenset[type[Any]] = frozenset(
    {LabMetrics, AxeReport, RenderedDesign, RenderedTechnology, RenderedDom, LoadDiagnostics}
)
