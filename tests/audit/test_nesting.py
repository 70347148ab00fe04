"""Pages whose parsing would be super-linear are refused before parsing, with the reason,
instead of freezing the worker (bench/parser_shapes.py measures each shape)."""

from __future__ import annotations

from pathlib import Path

import pytest

from aura.audit.fetch import FetchLimits, NetworkPolicy
from aura.audit.html import (
    MAX_ATTRIBUTES_PER_ELEMENT,
    MAX_DISTINCT_ATTRIBUTE_NAMES,
    MAX_DISTINCT_TAG_NAMES,
    MAX_NESTING_DEPTH,
    MAX_OPTIONS_PER_SELECT,
    max_nesting_depth,
    page_shape,
    parse_refusal,
)
from aura.audit.runner import AnalysisError, AnalysisOptions, analyze_url
from tests.support.hostile import many_attributes, many_options, stray_end_tags
from tests.support.servers import SHARED_SITES, Route, ScriptedSite, serve_scripted

OPTIONS = AnalysisOptions(
    limits=FetchLimits(user_agent="Aura-test", retries=0),
    policy=NetworkPolicy(allow_private=True),
    mode="static",
)


def test_depth_counts_real_nesting_only() -> None:
    html = "<ul><li>a<li>b</ul><div><p>x<p>y<span><img src=x><br/></span></div>"
    assert max_nesting_depth(html) == 2
    assert max_nesting_depth("<div>" * 5000) == MAX_NESTING_DEPTH
    # Text-only elements and comments hold no tags, even unterminated.
    assert max_nesting_depth("<title>" + "<div>" * 5000) == 1
    assert max_nesting_depth("<script>" + "<div>" * 5000 + "</script><div>") == 1
    assert max_nesting_depth("<!-- " + "<div>" * 5000) == 0
    # Elements the parser closes by itself do not add up.
    assert max_nesting_depth("<a href=x>link " * 5000) == 1
    assert max_nesting_depth("<h2>title</h3>" * 5000) == 1
    assert max_nesting_depth("<b><span>misnested</b></span>" * 5000) == 2


@pytest.mark.parametrize(
    "html",
    [
        # End tags of elements that are not open close nothing: the <b>s nest.
        "<b></i>" * 5000,
        "<svg>" + "<g></i>" * 5000,
        # "/>" does not close an HTML element.
        "<div/>" * 5000,
        # Misnested formatting elements leave their blocks open (the adoption agency).
        "<b><div>x</b>" * 5000,
        # In SVG, <title> and <style> hold tags.
        "<svg><title>" + "<g>" * 5000,
        # "<!--" inside an attribute value starts no comment; "<!-->" is a whole comment.
        '<div title="<!--">' + "<div>" * 5000 + "-->",
        "<!-->" + "<div>" * 5000 + "-->",
        # A quoted value may hold ">": the tag goes on after it.
        '<p x=">"' + "<div>" * 5000,
    ],
)
def test_nesting_cannot_hide_from_the_scan(html: str) -> None:
    assert max_nesting_depth(html) == MAX_NESTING_DEPTH


@pytest.mark.parametrize(
    ("html", "reason"),
    [
        (many_attributes().decode(), "has an element with 80,000 attributes (more than 1,000)"),
        ('<div x=">" ' + " ".join(f"a{i}" for i in range(2000)) + ">", "2,001 attributes"),
        ("".join(f"<i a{i}=x></i>" for i in range(20_000)), "20,000 different attribute names"),
        ("".join(f"<x{i}></x{i}>" for i in range(20_000)), "20,000 different element names"),
        (many_options().decode(), "a <select> list of 14,000 options (more than 5,000)"),
        (("<select>" + "<option>x" * 4000 + "</select>") * 3, "12,000 options in its <select>"),
        (stray_end_tags().decode(), "nests elements 1000 or more levels deep"),
    ],
)
def test_super_linear_shapes_are_refused_with_the_reason(html: str, reason: str) -> None:
    assert reason in (parse_refusal(html) or "")


def test_the_scan_itself_stays_linear_on_unterminated_tags() -> None:
    # The former pattern rescanned to the end of the page from every "<a" (24 s for 10,000).
    assert page_shape("<a " * 200_000).depth == 1
    assert page_shape("<script " * 200_000).depth == 1
    assert page_shape('<div title="' + "<a " * 200_000).depth == 1


def _shared_pages() -> list[Path]:
    return sorted(SHARED_SITES.glob("*/index.html"))


@pytest.mark.parametrize("page", _shared_pages(), ids=lambda page: page.parent.name)
def test_real_pages_are_far_from_every_limit(page: Path) -> None:
    shape = page_shape(page.read_text(errors="replace"))
    assert shape.depth < 100
    assert shape.attributes_on_one_element < MAX_ATTRIBUTES_PER_ELEMENT // 10
    assert shape.attribute_names < MAX_DISTINCT_ATTRIBUTE_NAMES // 10
    assert shape.tag_names < MAX_DISTINCT_TAG_NAMES // 10
    assert shape.options_in_one_select < MAX_OPTIONS_PER_SELECT // 10
    assert shape.refusal() is None


async def test_a_deeply_nested_page_fails_with_a_reason() -> None:
    body = ("<html><body>" + "<div>" * 50_000 + "deep" + "</div>" * 50_000).encode()
    site = ScriptedSite(routes={"/deep": Route(body=body)})
    with (
        serve_scripted(site),
        pytest.raises(AnalysisError, match="nests elements 1000 or more levels deep"),
    ):
        await analyze_url(site.url("/deep"), OPTIONS)


async def test_a_page_of_80000_attributes_fails_with_a_reason() -> None:
    # 870 KB; lexbor took 55 s to parse it, and the analysis's timeout could not stop it.
    site = ScriptedSite(routes={"/attributes": Route(body=many_attributes())})
    with (
        serve_scripted(site),
        pytest.raises(
            AnalysisError,
            match=r"the page has an element with 80,000 attributes \(more than 1,000\); "
            "such a page is not analysed",
        ),
    ):
        await analyze_url(site.url("/attributes"), OPTIONS)
