"""Pathologically nested pages are refused before parsing, instead of freezing the worker."""

from __future__ import annotations

import pytest

from aura.audit.fetch import FetchLimits, NetworkPolicy
from aura.audit.html import MAX_NESTING_DEPTH, max_nesting_depth
from aura.audit.runner import AnalysisError, AnalysisOptions, analyze_url
from tests.support.servers import SHARED_SITES, Route, ScriptedSite, serve_scripted


def test_depth_counts_real_nesting_only() -> None:
    html = "<ul><li>a<li>b</ul><div><p>x<p>y<span><img src=x><br/></span></div>"
    assert max_nesting_depth(html) == 2
    assert max_nesting_depth("<div>" * 5000) == MAX_NESTING_DEPTH
    # Text-only elements and comments hold no tags, even unterminated.
    assert max_nesting_depth("<title>" + "<div>" * 5000) == 0
    assert max_nesting_depth("<script>" + "<div>" * 5000 + "</script><div>") == 1
    assert max_nesting_depth("<!-- " + "<div>" * 5000) == 0


@pytest.mark.parametrize("site", ["01-sb-landing-page", "13-rd-spiceworks", "14-rd-guardian"])
def test_real_pages_are_far_from_the_limit(site: str) -> None:
    html = (SHARED_SITES / site / "index.html").read_text(errors="replace")
    assert max_nesting_depth(html) < 100


async def test_a_deeply_nested_page_fails_with_a_reason() -> None:
    body = ("<html><body>" + "<div>" * 50_000 + "deep" + "</div>" * 50_000).encode()
    site = ScriptedSite(routes={"/deep": Route(body=body)})
    options = AnalysisOptions(
        limits=FetchLimits(user_agent="Aura-test", retries=0),
        policy=NetworkPolicy(allow_private=True),
        mode="static",
    )
    with (
        serve_scripted(site),
        pytest.raises(AnalysisError, match="nests elements 1000 or more levels deep"),
    ):
        await analyze_url(site.url("/deep"), options)
