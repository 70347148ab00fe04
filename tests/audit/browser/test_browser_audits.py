"""The browser-mode audits on hand-built artifacts (no browser, no network)."""

from __future__ import annotations

import dataclasses
from typing import Any

from aura.audit.artifacts import Artifacts, Stylesheets
from aura.audit.audits import audits_by_id
from aura.audit.base import AuditResult
from aura.audit.browser import DESKTOP, MOBILE, DeviceProfile
from aura.audit.browser.artifacts import (
    AxeNode,
    AxeReport,
    AxeRule,
    LabMetrics,
    ProfileRun,
    RenderedDesign,
    TextStyle,
)
from aura.audit.browser.contention import HostShare
from aura.audit.browser.design import css_color_hex, is_saturated


def run_audit(audit_id: str, *artifacts: object) -> AuditResult:
    return audits_by_id()[audit_id]().audit(Artifacts(artifacts))


def profile_run(profile: DeviceProfile, **values: Any) -> ProfileRun:
    return ProfileRun(
        profile=profile.name,
        conditions=profile.stated(),
        curves={name: (p10, median) for name, p10, median in profile.curves},
        **values,
    )


def lab(mobile: dict[str, Any], desktop: dict[str, Any]) -> LabMetrics:
    return LabMetrics((profile_run(MOBILE, **mobile), profile_run(DESKTOP, **desktop)))


def test_layout_shift_past_the_poor_threshold_scores_low() -> None:
    result = run_audit("cumulative-layout-shift", lab({"cls": 0.3}, {"cls": 0.3}))
    assert result.score is not None
    assert result.score < 0.5
    assert result.metrics == {"cls_mobile": 0.3, "cls_desktop": 0.3}
    assert result.display_value == "Mobile 0.300 · Desktop 0.300"


def test_a_timing_the_busy_host_disturbed_says_so() -> None:
    busy = HostShare(1500, cpu_ms=500, wait_ms=1700, relay_late_ms=0)
    traced = {
        **MOBILE.stated(cpu_simulated=True),
        "network_throttling": {"method": "simulated", "main_thread": "trace"},
    }
    mobile = ProfileRun(
        profile="mobile",
        conditions=traced,
        curves={name: (p10, median) for name, p10, median in MOBILE.curves},
        fcp_ms=2700.0,
        tbt_ms=900.0,
        cls=0.2,
        host=busy,
    )
    desktop = profile_run(DESKTOP, fcp_ms=1664.0, cls=0.0, host=busy)
    metrics = LabMetrics((mobile, desktop))
    fcp = run_audit("first-contentful-paint", metrics)
    # The phone's FCP was simulated from the trace's CPU times: the host's load did not
    # move it; the desktop's was observed while the renderer waited 1.7 s for a CPU.
    assert fcp.display_value == "Mobile 2.7 s · Desktop 1.7 s (host busy)"
    assert fcp.details["profiles"]["desktop"]["disturbed"] == busy.disturbed
    assert "disturbed" not in fcp.details["profiles"]["mobile"]
    cls = run_audit("cumulative-layout-shift", metrics)
    assert cls.display_value == "Mobile 0.200 (host busy) · Desktop 0.000 (host busy)"
    # The phone's blocking time is its tasks' observed lengths times 4 (an unthrottled
    # load): the wait for a CPU in them is multiplied too.
    assert mobile.disturbed("tbt") == busy.disturbed
    # From a load under Chromium's throttle (results made before), it was divided by it.
    conditions = {**MOBILE.stated(), "network_throttling": traced["network_throttling"]}
    throttled = dataclasses.replace(mobile, conditions=conditions)
    assert throttled.disturbed("tbt") is None


def test_a_good_lcp_on_mobile_and_a_slow_one_on_desktop_average_out() -> None:
    # 2.5 s is "good" on mobile (scores 0.9) but the desktop median is 2.4 s (below 0.5).
    result = run_audit("largest-contentful-paint", lab({"lcp_ms": 2500.0}, {"lcp_ms": 2500.0}))
    profiles = result.details["profiles"]
    assert profiles["mobile"]["score"] == 0.9
    assert profiles["desktop"]["score"] < 0.5
    assert result.score == round(
        (profiles["mobile"]["score"] + profiles["desktop"]["score"]) / 2, 3
    )


def test_blocking_time_without_measurement_is_not_applicable() -> None:
    result = run_audit("total-blocking-time", lab({}, {}))
    assert result.score is None
    assert result.not_applicable


def test_javascript_errors_fail_and_are_listed_once() -> None:
    error = "ReferenceError: missing is not defined"
    result = run_audit("javascript-errors", lab({"js_errors": (error,)}, {"js_errors": (error,)}))
    assert result.score == 0.0
    assert result.details["exceptions"] == [error]
    assert result.display_value == "1 error"


def test_a_missing_favicon_is_a_failed_resource_not_a_javascript_error() -> None:
    missing = (
        "Failed to load resource: the server responded with a status of 404 (Not Found) "
        "(https://example.com/favicon.ico)"
    )
    result = run_audit(
        "javascript-errors", lab({"resource_errors": (missing,)}, {"resource_errors": (missing,)})
    )
    assert result.score == 1.0
    assert result.metrics == {"javascript_errors": 0}
    assert result.details["failed_resources"] == [missing]


def axe_rule(rule_id: str, impact: str, nodes: int = 0) -> AxeRule:
    found = tuple(AxeNode(f"#n{i}", f'<p id="n{i}">', "Fix it") for i in range(nodes))
    return AxeRule(rule_id, impact, f"{rule_id} help", nodes=found, node_count=nodes)


def test_contrast_violation_keeps_its_impact_and_elements() -> None:
    report = AxeReport("4.14.1", violations=(axe_rule("color-contrast", "serious", 2),))
    result = run_audit("color-contrast", report)
    assert result.score == 0.0
    assert result.details["impact"] == "serious"
    assert [item["target"] for item in result.details["items"]] == ["#n0", "#n1"]
    assert result.display_value == "2 elements failing"


def test_target_size_that_did_not_apply_is_not_applicable() -> None:
    result = run_audit("target-size", AxeReport("4.14.1", inapplicable=("target-size",)))
    assert result.score is None


def test_axe_rules_weigh_by_impact_and_skip_rules_counted_elsewhere() -> None:
    report = AxeReport(
        "4.14.1",
        violations=(
            axe_rule("region", "moderate", 3),
            axe_rule("image-alt", "critical", 1),  # a static audit judges it
            axe_rule("color-contrast", "serious", 1),  # an audit of its own
        ),
        passes=(
            axe_rule("aria-allowed-attr", "critical"),
            axe_rule("landmark-one-main", "moderate"),
        ),
    )
    result = run_audit("axe-rules", report)
    # Counted: region (3, failed), aria-allowed-attr (10, passed), landmark-one-main (3).
    assert result.score == round(13 / 16, 3)
    assert result.details["by_impact"] == {"critical": 1, "serious": 1, "moderate": 1, "minor": 0}
    assert result.metrics["axe_violations"] == 3


def test_rendered_design_facts_replace_the_css_estimates() -> None:
    design = RenderedDesign(
        dominant_colors=(("#ffffff", 0.8), ("#0d6efd", 0.1)),
        headings=TextStyle(font_family="Montserrat"),
        body=TextStyle(font_family="Lato"),
        brand_colors=("#0d6efd", "#dc3545"),
        fonts=("Lato", "Montserrat"),
        text_fonts=(("Lato", 2000), ("Montserrat", 300)),
        text_colors=(("#212529", 2000), ("#0d6efd", 300)),
        surface_colors=(("#ffffff", 1_000_000.0), ("#0d6efd", 40_000.0)),
    )
    sheets = Stylesheets((("inline", "body { background: #fff; color: #212529 }"),))
    result = run_audit("rendered-design", design, sheets)
    assert result.score is None
    assert result.facts["brand_color"] == "#0d6efd"
    assert result.facts["accent_color"] == "#dc3545"
    assert result.facts["palette"] == ["#ffffff", "#212529", "#0d6efd"]
    assert result.facts["fonts"] == ["Lato", "Montserrat"]
    assert result.facts["screenshot_colors"] == ["#ffffff", "#0d6efd"]


def test_computed_colours_are_read_as_hex_and_transparent_is_none() -> None:
    assert css_color_hex("rgb(13, 110, 253)") == "#0d6efd"
    assert css_color_hex("rgba(0, 0, 0, 0)") is None
    assert css_color_hex("rgba(255, 0, 0, 0.9)") == "#ff0000"
    assert is_saturated("#0d6efd")
    assert not is_saturated("#777777")
