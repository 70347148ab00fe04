"""Render health in browser mode: what Chromium really showed, on the shared sites."""

from __future__ import annotations

import pytest

from aura.audit.browser import BrowserPool
from aura.audit.runner import analyze_url
from tests.audit.browser.test_render import options
from tests.support.servers import SHARED_SITES, serve_directory


@pytest.mark.parametrize(
    ("name", "degraded"),
    [
        # Their stylesheets live on asset hosts that do not resolve here: the Guardian shows
        # a screen-filling "G", Mozilla's page a bare list of links.
        ("14-rd-guardian", True),
        ("12-rd-firefox-customize", True),
        # Its icon font and Google Fonts fail too, but its own stylesheet styles the page.
        ("01-sb-landing-page", False),
    ],
)
async def test_a_render_without_its_stylesheets_is_degraded(
    pool: BrowserPool, name: str, degraded: bool
) -> None:
    with serve_directory(SHARED_SITES) as base:
        result = await analyze_url(f"{base}/{name}/", options(pool))
    health = result["render_health"]
    assert health["mode"] == "browser"
    assert (health["status"] == "degraded") is degraded
    assert health["unstyled"] is degraded
    assert health["blank"] is False
    assert health["resources"]["stylesheet"]["failed"] >= 1  # all three lose a stylesheet
    if degraded:
        assert health["unreliable"] == ["design", "performance", "accessibility"]
        assert "lcp_mobile" in health["unreliable_metrics"]
