"""The performance score: Lighthouse's lab score in browser mode, a named static score
otherwise."""

from __future__ import annotations

from typing import Any

from aura.audit.artifacts import Artifacts
from aura.audit.audits import all_audits
from aura.audit.browser import DESKTOP, MOBILE, DeviceProfile
from aura.audit.browser.artifacts import LabMetrics, ProfileRun
from aura.audit.pricing import PricingPlans
from aura.audit.runner import build_result, run_audits
from tests.audit.audit_builders import PAGE, document, exchange

METRICS = {"fcp": "fcp_ms", "si": "speed_index_ms", "lcp": "lcp_ms", "tbt": "tbt_ms", "cls": "cls"}


def run_at(profile: DeviceProfile, point: str) -> ProfileRun:
    """A run whose every metric sits on the profile's ``p10`` or ``median`` control point."""
    curves = {name: (p10, median) for name, p10, median in profile.curves}
    values = {
        field: curves[metric][0 if point == "p10" else 1] for metric, field in METRICS.items()
    }
    return ProfileRun(profile=profile.name, conditions=profile.stated(), curves=curves, **values)


def performance(*items: object, body_bytes: int = 10_000, mode: str = "browser") -> dict[str, Any]:
    audits = [audit for audit in all_audits() if audit.category == "performance"]
    page = document("<h1>Hello</h1>")
    http = exchange(body_bytes=body_bytes)
    outcomes = run_audits(audits, Artifacts([http, page, *items]), {})
    result = build_result(PAGE, mode, http, page, audits, outcomes, None, PricingPlans(None, None))
    category: dict[str, Any] = result["categories"]["performance"]
    category["metrics"] = result["metrics"]
    return category


def entry(category: dict[str, Any], audit_id: str) -> dict[str, Any]:
    return next(audit for audit in category["audits"] if audit["id"] == audit_id)


def test_the_browser_score_is_lighthouses_weighted_lab_metrics() -> None:
    lab = LabMetrics((run_at(MOBILE, "median"), run_at(DESKTOP, "p10")))

    category = performance(lab)

    # Every metric at its median scores 0.5, at its p10 0.9: 50 on mobile, 90 on desktop.
    assert category["score_method"] == "lab"
    assert category["profile_scores"] == {"mobile": 50, "desktop": 90}
    assert category["score"] == 70
    assert category["metrics"]["performance_score"] == 70
    assert category["metrics"]["performance_score_mobile"] == 50
    weights = {audit["id"]: audit["weight"] for audit in category["audits"] if audit["weight"]}
    assert weights == {
        "first-contentful-paint": 10,
        "speed-index": 10,
        "largest-contentful-paint": 25,
        "total-blocking-time": 30,
        "cumulative-layout-shift": 25,
    }


def test_opportunities_keep_their_findings_but_do_not_move_the_browser_score() -> None:
    lab = LabMetrics((run_at(MOBILE, "median"), run_at(DESKTOP, "median")))

    light = performance(lab, body_bytes=20_000)
    heavy = performance(lab, body_bytes=3_000_000)

    size = entry(heavy, "document-size")
    assert size["score"] < entry(light, "document-size")["score"]
    assert size["weight"] == 0
    assert size["static_weight"] > 0
    assert heavy["score"] == light["score"] == 50
    # The static score still sees it, under its own name.
    assert heavy["static_score"] < light["static_score"]
    assert heavy["metrics"]["performance_static_score"] == heavy["static_score"]


def test_without_lab_metrics_the_score_is_the_static_score() -> None:
    category = performance(mode="static")

    assert category["score_method"] == "static"
    assert category["score"] == category["static_score"]
    assert category["score"] is not None
    assert "profile_scores" not in category
