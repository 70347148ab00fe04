"""The load diagnostics (LCP phases, unused code) and their audits, on hand-built data."""

from __future__ import annotations

from aura.audit.artifacts import Subresources
from aura.audit.browser import DESKTOP, MOBILE
from aura.audit.browser.artifacts import LabMetrics, LcpBreakdown, LoadDiagnostics, UnusedCode
from aura.audit.browser.diagnostics import (
    lcp_breakdown,
    unused_length,
    unused_scripts,
    unused_stylesheets,
)
from aura.audit.browser.trace import main_thread_work
from tests.audit.audit_builders import exchange
from tests.audit.browser.test_browser_audits import profile_run, run_audit

PAGE = "https://example.com/"


class TestLcpBreakdown:
    def test_an_image_splits_into_the_four_phases_that_add_up_to_the_lcp(self) -> None:
        raw = {
            "time": 2400.0,
            "url": "https://cdn.example.com/hero.jpg",
            "selector": "main > img.hero",
            "snippet": '<img class="hero" src="hero.jpg">',
            "ttfb": 300.0,
            "resource": {"start": 900.0, "end": 2100.0},
        }
        lcp = lcp_breakdown(raw)
        assert lcp is not None
        assert lcp.kind == "image"
        assert lcp.selector == "main > img.hero"
        assert (lcp.ttfb_ms, lcp.load_delay_ms, lcp.load_time_ms, lcp.render_delay_ms) == (
            300.0,
            600.0,
            1200.0,
            300.0,
        )

    def test_text_has_no_load_phases(self) -> None:
        lcp = lcp_breakdown({"time": 1000.0, "url": "", "selector": "h1", "ttfb": 250.0})
        assert lcp is not None
        assert lcp.kind == "text"
        assert lcp.url is None
        assert (lcp.ttfb_ms, lcp.load_delay_ms, lcp.load_time_ms, lcp.render_delay_ms) == (
            250.0,
            0.0,
            0.0,
            750.0,
        )

    def test_an_image_without_resource_timing_has_unknown_load_phases(self) -> None:
        raw = {"time": 1000.0, "url": "https://example.com/a.png", "ttfb": 200.0}
        lcp = lcp_breakdown(raw)
        assert lcp is not None
        assert lcp.ttfb_ms == 200.0
        assert lcp.load_delay_ms is None
        assert lcp.load_time_ms is None
        assert lcp.render_delay_ms is None

    def test_an_image_fetched_before_the_document_answered_has_no_negative_phase(self) -> None:
        # A preloaded image (HTTP 103 Early Hints) may start before the first byte.
        raw = {
            "time": 800.0,
            "url": "https://x/a.png",
            "ttfb": 300.0,
            "resource": {"start": 100.0, "end": 500.0},
        }
        lcp = lcp_breakdown(raw)
        assert lcp is not None
        phases = (lcp.ttfb_ms, lcp.load_delay_ms, lcp.load_time_ms, lcp.render_delay_ms)
        assert phases == (300.0, 0.0, 200.0, 300.0)

    def test_garbage_from_the_page_is_no_breakdown(self) -> None:
        assert lcp_breakdown("nope") is None
        assert lcp_breakdown({"time": "soon"}) is None


class TestUnusedLength:
    def test_the_innermost_range_decides(self) -> None:
        # A 100-character script ran; a function of 30 in it did not, and a function of 10
        # inside that one did (it cannot, but coverage may say so after an eval).
        ranges = [(0, 100, 1), (20, 50, 0), (30, 40, 1)]
        assert unused_length(ranges) == (100, 20)

    def test_a_script_whose_functions_all_ran_wastes_nothing(self) -> None:
        assert unused_length([(0, 80, 1), (10, 30, 2), (40, 70, 5)]) == (80, 0)

    def test_siblings_after_a_nested_range_are_not_its_children(self) -> None:
        ranges = [(0, 100, 1), (10, 20, 0), (30, 60, 0), (40, 50, 1)]
        assert unused_length(ranges) == (100, 10 + 20)


def _script(url: str, *ranges: tuple[int, int, int]) -> dict[str, object]:
    return {
        "url": url,
        "functions": [
            {"ranges": [{"startOffset": s, "endOffset": e, "count": c} for s, e, c in ranges]}
        ],
    }


def test_unused_scripts_leave_out_inline_and_urlless_code_and_scale_to_the_transfer() -> None:
    coverage = [
        _script(PAGE, (0, 1000, 0)),
        _script("", (0, 1000, 0)),
        _script("https://example.com/app.js", (0, 1000, 1), (100, 900, 0)),
        _script("https://example.com/small.js", (0, 100, 1)),
    ]
    found = unused_scripts(coverage, {"https://example.com/app.js": 400}, PAGE)
    assert [item.url for item in found] == [
        "https://example.com/app.js",
        "https://example.com/small.js",
    ]
    app = found[0]
    assert (app.total_bytes, app.unused_bytes, app.transfer_bytes) == (1000, 800, 400)
    assert app.wasted_bytes == 320
    assert found[1].wasted_bytes == 0


def test_unused_stylesheet_bytes_are_its_length_less_the_rules_used() -> None:
    sheets = {"1": ("https://example.com/site.css", 5000), "2": ("https://example.com/b.css", 0)}
    usage = [
        {"styleSheetId": "1", "startOffset": 0, "endOffset": 1000, "used": True},
        {"styleSheetId": "1", "startOffset": 1000, "endOffset": 3000, "used": False},
        {"styleSheetId": "1", "startOffset": 3000, "endOffset": 3500, "used": True},
    ]
    (sheet,) = unused_stylesheets(sheets, usage, {}, PAGE)
    assert (sheet.total_bytes, sheet.unused_bytes, sheet.wasted_bytes) == (5000, 3500, 3500)


def _diagnostics(**values: object) -> LoadDiagnostics:
    return LoadDiagnostics("mobile", **values)  # type: ignore[arg-type]


class TestUnusedCodeAudits:
    def test_a_large_unused_script_fails_with_its_savings(self) -> None:
        big = UnusedCode("https://example.com/vendor.js", 600_000, 450_000, 200_000)
        small = UnusedCode("https://example.com/a.js", 10_000, 9_000, 4_000)
        result = run_audit("unused-javascript", _diagnostics(unused_javascript=(big, small)))
        # 150,000 bytes take about 0.7 s at 1.6 Mbit/s: under Lighthouse's median of 935 ms.
        assert result.score is not None
        assert 0.5 < result.score < 0.9
        assert [row["url"] for row in result.details["items"]] == [big.url]
        assert result.details["estimated_savings"] == {"bytes": 150_000, "ms": 715.3}
        assert "146 KiB" in result.display_value

    def test_scripts_below_lighthouses_threshold_pass(self) -> None:
        small = UnusedCode("https://example.com/a.js", 10_000, 9_000, 4_000)
        result = run_audit("unused-javascript", _diagnostics(unused_javascript=(small,)))
        assert result.score == 1.0
        assert result.details["items"] == []

    def test_unmeasured_coverage_is_not_applicable_with_the_reason(self) -> None:
        diagnostics = _diagnostics(missing={"unused_css": "the coverage was not read: gone"})
        result = run_audit("unused-css-rules", diagnostics)
        assert result.not_applicable
        assert "gone" in result.display_value

    def test_unused_css_lists_the_stylesheet(self) -> None:
        sheet = UnusedCode("https://example.com/site.css", 200_000, 180_000, 40_000)
        result = run_audit("unused-css-rules", _diagnostics(unused_css=(sheet,)))
        assert result.score is not None
        assert result.score < 1
        assert result.details["items"][0]["wasted_bytes"] == 36_000
        assert result.details["items"][0]["wasted_percent"] == 90.0


def test_the_lcp_element_audit_names_the_element_and_its_longest_phase() -> None:
    image = LcpBreakdown(
        "image",
        selector="div.hero > img",
        url="https://example.com/hero.jpg",
        ttfb_ms=200.0,
        load_delay_ms=100.0,
        load_time_ms=1500.0,
        render_delay_ms=50.0,
    )
    text = LcpBreakdown(
        "text",
        selector="h1",
        ttfb_ms=100.0,
        load_delay_ms=0.0,
        load_time_ms=0.0,
        render_delay_ms=400.0,
    )
    metrics = LabMetrics(
        (
            profile_run(MOBILE, lcp_ms=1850.0, lcp=image),
            profile_run(DESKTOP, lcp_ms=500.0, lcp=text),
        )
    )
    result = run_audit("largest-contentful-paint-element", metrics)
    assert result.score is None
    assert "div.hero > img, mostly resource load time (1,500 ms)" in result.display_value
    assert "h1, mostly element render delay" in result.display_value
    mobile = result.details["profiles"]["mobile"]
    assert mobile["url"] == "https://example.com/hero.jpg"
    assert mobile["phases"]["load_time_ms"] == 1500.0


def test_no_lcp_element_is_not_applicable() -> None:
    metrics = LabMetrics((profile_run(MOBILE, lcp_ms=None),))
    assert run_audit("largest-contentful-paint-element", metrics).not_applicable


def _thread_name(pid: int, name: str) -> dict[str, object]:
    return {"ph": "M", "name": "thread_name", "pid": pid, "tid": pid, "args": {"name": name}}


def _x(name: str, ts: float, dur: float, url: str | None = None) -> dict[str, object]:
    """A complete event on the page's main thread (pid 2), times in ms."""
    args = {"data": {"url": url}} if url else {}
    return {
        "ph": "X",
        "name": name,
        "pid": 2,
        "tid": 2,
        "ts": ts * 1000,
        "dur": dur * 1000,
        "args": args,
    }


TRACE = [
    _thread_name(1, "CrRendererMain"),  # the blank page's renderer, before the navigation
    _thread_name(2, "CrRendererMain"),
    {
        "ph": "X",
        "name": "FrameCommittedInBrowser",
        "pid": 0,
        "tid": 0,
        "ts": 0,
        "args": {"data": {"frame": "F", "processId": 2}},
    },
    {
        "ph": "R",
        "name": "navigationStart",
        "pid": 2,
        "tid": 2,
        "ts": 1000 * 1000,
        "args": {"data": {"isLoadingMainFrame": True, "documentLoaderURL": PAGE}},
    },
    {"ph": "X", "name": "RunTask", "pid": 1, "tid": 1, "ts": 0, "dur": 900_000, "args": {}},
    _x("RunTask", 900, 200),  # before the navigation: left out
    # Parsing the document (B/E), which runs the first party's script.
    _x("RunTask", 1100, 120),
    {
        "ph": "B",
        "name": "ParseHTML",
        "pid": 2,
        "tid": 2,
        "ts": 1100_000,
        "args": {"beginData": {"url": PAGE}},
    },
    _x("EvaluateScript", 1150, 40, PAGE + "app.js"),
    {"ph": "E", "name": "ParseHTML", "pid": 2, "tid": 2, "ts": 1220_000},
    # A third party's timer: 300 ms of script, 30 of it garbage collection, then layout.
    _x("RunTask", 2000, 400),
    _x("TimerFire", 2000, 300),
    _x("FunctionCall", 2000, 300, "https://ads.example.net/tag.js"),
    _x("MinorGC", 2100, 30),
    _x("Layout", 2300, 80),
    # A short task: counted as work, not long.
    _x("RunTask", 3000, 20),
    _x("Paint", 3000, 10),
]


class TestMainThreadWork:
    def test_work_is_grouped_by_its_own_time_on_the_pages_main_thread(self) -> None:
        work = main_thread_work(TRACE, PAGE)
        assert work is not None
        groups = dict(work.groups)
        assert groups["script_evaluation"] == 40 + 270  # the GC inside the call is not script
        assert groups["garbage_collection"] == 30
        assert groups["parse_html_css"] == 80
        assert groups["style_layout"] == 80
        assert groups["rendering"] == 10
        assert groups["other"] == 20 + 10
        assert work.total_ms == 120 + 400 + 20

    def test_long_tasks_name_their_script_and_third_parties_their_blocking(self) -> None:
        work = main_thread_work(TRACE, PAGE)
        assert work is not None
        assert [(task.duration_ms, task.url, task.start_ms) for task in work.long_tasks] == [
            (400, "https://ads.example.net/tag.js", 1000),
            (120, PAGE + "app.js", 100),  # the script the parser ran, not the document
        ]
        assert work.third_party_blocking_ms == 350
        blocking = {
            item.site: (item.blocking_ms, item.third_party) for item in work.blocking_by_site
        }
        assert blocking == {"example.net": (350, True), "example.com": (70, False)}

    def test_tasks_after_the_observation_are_not_the_pages_work(self) -> None:
        # Observed until 1 s after the navigation start (2 s in the trace): the tasks
        # from then on (the timer at 2 s, the short task at 3 s) stand for the render
        # reading the page (taking its coverage...), not the page's own work.
        work = main_thread_work(TRACE, PAGE, until_ms=1000)
        assert work is not None
        assert work.total_ms == 120
        assert [task.duration_ms for task in work.long_tasks] == [120]
        assert work.third_party_blocking_ms == 0
        # A task that started before the end of the observation counts whole.
        work = main_thread_work(TRACE, PAGE, until_ms=1001)
        assert work is not None
        assert work.total_ms == 120 + 400

    def test_an_unthrottled_loads_work_is_the_phones_at_four_times_as_long(self) -> None:
        # As Lighthouse's simulated run reports it: every group's time times 4; a task is
        # long, and blocks, by its length on the phone, a task that laid out at half that
        # (Lantern's layout multiplier): the ads' task (400 ms, with layout) lasts 800 ms,
        # the parse (120 ms) 480, the short task (20 ms) 80: now long too.
        work = main_thread_work(TRACE, PAGE, cpu_multiplier=4.0)
        assert work is not None
        assert work.cpu_multiplier == 4.0
        assert dict(work.groups)["garbage_collection"] == 30 * 4
        assert work.total_ms == (120 + 400 + 20) * 4
        assert [task.duration_ms for task in work.long_tasks] == [800, 480, 80]
        assert work.third_party_blocking_ms == 800 - 50
        # Under Chromium's throttle already, the load's times are the phone's.
        throttled = main_thread_work(TRACE, PAGE)
        assert throttled is not None
        assert throttled.cpu_multiplier == 1.0
        assert throttled.total_ms == 120 + 400 + 20

    def test_a_trace_without_a_renderer_main_thread_is_no_work(self) -> None:
        assert main_thread_work([_thread_name(5, "Compositor")], PAGE) is None


def test_main_thread_and_third_party_audits_read_the_trace() -> None:
    work = main_thread_work(TRACE, PAGE)
    diagnostics = _diagnostics(main_thread=work)
    breakdown = run_audit("main-thread-work", diagnostics)
    assert breakdown.score == 1.0  # 0.5 s of work
    assert breakdown.details["groups"][0]["title"] == "Script evaluation"
    tasks = run_audit("long-tasks", diagnostics)
    assert tasks.display_value == "2 long tasks, the longest 400 ms"
    summary = run_audit("third-party-summary", diagnostics, exchange(), Subresources())
    assert summary.details["blocking_ms"] == 350
    assert summary.metrics["third_party_blocking_ms"] == 350


def test_without_a_trace_the_main_thread_audits_say_why() -> None:
    diagnostics = _diagnostics(missing={"main_thread": "the trace did not end in time"})
    result = run_audit("main-thread-work", diagnostics)
    assert result.not_applicable
    assert result.display_value == "the trace did not end in time"
