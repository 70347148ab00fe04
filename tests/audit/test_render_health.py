"""The render-health verdict of an analysis (static mode here; browser mode in browser/)."""

from __future__ import annotations

from typing import Any

import pytest

from aura.audit.fetch import FetchLimits, NetworkPolicy
from aura.audit.health import PageCheck, assess
from aura.audit.runner import AnalysisOptions, analyze_url
from tests.support.servers import SHARED_SITES, Route, ScriptedSite, serve_directory, serve_scripted

STATIC = AnalysisOptions(
    limits=FetchLimits(user_agent="Aura-test", retries=0),
    policy=NetworkPolicy(allow_private=True),
)

PAGE = b"""<!doctype html><html lang="en"><head><title>Shop</title>
<link rel="stylesheet" href="/theme.css"></head>
<body><h1>Hello</h1><p style="color:#123456">Text</p><img src="/a.png" alt="a"></body></html>"""
CSS = Route(
    body=b"body{margin:0;font-family:Georgia}h1{color:#b00020}",
    headers={"Content-Type": "text/css"},
)


def test_a_render_with_its_stylesheets_failed_and_the_default_look_is_unstyled() -> None:
    health = assess(
        "browser",
        {"stylesheet": (2, 2), "image": (4, 0)},
        page=PageCheck(linked_stylesheets=2, default_look=True, style_rules=400),
    )
    assert health.degraded
    assert health.unstyled
    assert health.blank is False
    assert health.unreliable == ("design", "performance", "accessibility")
    assert "2 of 2 stylesheets failed" in health.reasons[0]


def test_a_render_with_a_font_stylesheet_failed_but_its_own_css_applied_is_healthy() -> None:
    health = assess(
        "browser",
        {"stylesheet": (3, 2), "script": (3, 2), "image": (4, 0)},
        page=PageCheck(linked_stylesheets=3, style_rules=5000),
    )
    assert not health.degraded
    assert health.unstyled is False
    assert health.as_json()["status"] == "healthy"
    assert health.as_json()["failed"] == 4


def test_a_first_screen_of_one_colour_without_text_is_blank() -> None:
    page = PageCheck(style_rules=300, visible_text=False, top_color_share=0.995)
    health = assess("browser", {"image": (1, 0)}, page=page)
    assert health.blank
    assert "design" in health.unreliable
    with_text = PageCheck(style_rules=300, visible_text=True, top_color_share=0.995)
    assert not assess("browser", {}, page=with_text).degraded


def test_most_resources_failed_makes_performance_unreliable_only() -> None:
    health = assess("static", {"script": (6, 6), "image": (4, 3)}, stylesheets=(1, 1))
    assert health.unreliable == ("performance",)
    assert health.as_json(["total_bytes"])["unreliable_metrics"] == ["total_bytes"]
    few = assess("static", {"image": (3, 3)}, stylesheets=(1, 1))
    assert not few.degraded  # three missing pictures do not make another page


async def result_of(site: ScriptedSite) -> dict[str, Any]:
    with serve_scripted(site) as served:
        return await analyze_url(served.url("/"), STATIC)


async def test_a_page_whose_stylesheet_cannot_be_fetched_is_degraded_in_static_mode() -> None:
    site = ScriptedSite(
        routes={"/": Route(body=PAGE), "/theme.css": Route(status=404)}, default=Route(status=404)
    )
    result = await result_of(site)
    health = result["render_health"]
    assert health["status"] == "degraded"
    assert health["unstyled"] is True
    assert health["resources"]["stylesheet"] == {
        "requested": 1,
        "failed": 1,
        "failed_share": 1.0,
    }
    assert "design" in health["unreliable"]
    assert "request_count" in health["unreliable_metrics"]
    assert "ttfb_ms" not in health["unreliable_metrics"]


async def test_the_same_page_with_its_stylesheet_is_healthy() -> None:
    png = Route(body=b"\x89PNG\r\n\x1a\n", headers={"Content-Type": "image/png"})
    site = ScriptedSite(routes={"/": Route(body=PAGE), "/theme.css": CSS, "/a.png": png})
    health = (await result_of(site))["render_health"]
    assert health["status"] == "healthy"
    assert health["unstyled"] is False
    assert health["reasons"] == []
    assert health["unreliable"] == []


@pytest.mark.parametrize(
    ("name", "degraded"),
    [("14-rd-guardian", True), ("12-rd-firefox-customize", True), ("09-h5up-twenty", False)],
)
async def test_shared_sites_served_without_their_cdns(name: str, degraded: bool) -> None:
    # On loopback without DNS the Guardian's and Mozilla's stylesheets (on their asset
    # hosts) cannot load; twenty serves its own CSS.
    with serve_directory(SHARED_SITES) as base:
        result = await analyze_url(f"{base}/{name}/", STATIC)
    health = result["render_health"]
    assert (health["status"] == "degraded") is degraded
    assert health["unstyled"] is degraded
