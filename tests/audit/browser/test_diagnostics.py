"""The load diagnostics (LCP phases, unused code) and their audits, on hand-built data."""

from __future__ import annotations

from aura.audit.browser import DESKTOP, MOBILE
from aura.audit.browser.artifacts import LabMetrics, LcpBreakdown, LoadDiagnostics, UnusedCode
from aura.audit.browser.diagnostics import (
    lcp_breakdown,
    unused_length,
    unused_scripts,
    unused_stylesheets,
)
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
