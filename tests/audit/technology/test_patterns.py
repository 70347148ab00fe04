"""Pattern tags, version templates and the literals that let the engine skip expressions."""

from __future__ import annotations

import re

import pytest

from aura.audit.technology.patterns import (
    parse_pattern,
    required_literals,
    resolve_version,
)
from aura.audit.technology.selectors import selector_literals


def version(raw: str, text: str) -> str | None:
    pattern = parse_pattern(raw)
    match = pattern.search(text)
    assert match is not None, (raw, text)
    return pattern.version_of(match)


class TestTags:
    def test_plain_pattern_has_full_confidence_and_no_version(self) -> None:
        pattern = parse_pattern("jquery")
        assert (pattern.source, pattern.version, pattern.confidence) == ("jquery", "", 100)

    def test_version_and_confidence_tags(self) -> None:
        pattern = parse_pattern(r"lib-([\d.]+)\.js\;version:\1\;confidence:40")
        assert pattern.confidence == 40
        assert version(r"lib-([\d.]+)\.js\;version:\1\;confidence:40", "/lib-2.1.0.js") == "2.1.0"

    def test_matching_is_case_insensitive(self) -> None:
        assert parse_pattern("WordPress").search("powered by wordpress") is not None

    def test_javascript_named_groups_compile(self) -> None:
        assert version(r"v(?<major>\d+)\;version:\1", "v7") == "7"


class TestVersions:
    def test_several_groups_in_one_template(self) -> None:
        assert version(r"(\d+)_(\d+)\;version:\1.\2", "build 4_12") == "4.12"

    def test_ternary_takes_the_first_branch_when_the_group_matched(self) -> None:
        raw = r"config', '(UA-)?[\w-]+'\;version:\1?UA:GA4"
        assert version(raw, "gtag('config', 'UA-1234')") == "UA"
        assert version(raw, "gtag('config', 'G-XYZ')") == "GA4"

    def test_ternary_with_empty_second_branch_gives_no_version(self) -> None:
        assert version(r"app(-pro)?\.js\;version:\1?pro:", "/app.js") is None

    def test_ternary_branch_may_use_the_group(self) -> None:
        assert version(r"x(?:-(\d+))?\.js\;version:\1?\1:0", "/x-5.js") == "5"

    def test_unmatched_group_leaves_no_version(self) -> None:
        assert version(r"lib(?:-([\d.]+))?\.js\;version:\1", "/lib.js") is None

    def test_runaway_capture_is_not_a_version(self) -> None:
        match = re.search(r"(.*)", "x" * 100)
        assert match is not None
        assert resolve_version(r"\1", match) is None


class TestLiterals:
    @pytest.mark.parametrize(
        ("source", "literals"),
        [
            ("jquery", ("jquery",)),
            (r"/jquery(?:-(\d+\.\d+\.\d+))[/.-]", ("/jquery",)),
            (r"google-analytics\.com/(?:ga|urchin|analytics)\.js", ("google-analytics.com/",)),
            (
                r"(?:powered by <a[^>]+>Django|csrfmiddlewaretoken)",
                ("powered by <a", "csrfmiddlewaretoken"),
            ),
            ("colou?r-scheme", ("r-scheme",)),
            ("abc|d", ()),  # one alternative has no usable literal
            ("ab(?:cdef)?gh", ()),  # the optional group is not required
            (r"x(abcd)*y", ()),
            ("(?=foo)", ()),  # lookarounds are not consumed text
            (r"\bDX\b", ()),
        ],
    )
    def test_required_literals(self, source: str, literals: tuple[str, ...]) -> None:
        assert required_literals(source) == literals

    @pytest.mark.parametrize(
        "source",
        [
            r"<link[^>]+href=[\"']?[^\"']*bootstrap(?:\.min)?\.css",
            r"(?:/|-)bootstrap(?:[^/]*?([\d.]+)|)[^/]*?(?:\.min)?\.js",
            r"powered by (?:<a[^>]+>)?shopify",
            r"\.shopify(?:cdn)?\.com/s/files",
            r"wp-(?:content|includes)/",
            r"data-(?:turbo|turbolinks)-track",
        ],
    )
    def test_every_match_contains_a_literal(self, source: str) -> None:
        texts = [
            '<link rel="stylesheet" href="/css/BOOTSTRAP.min.css">',
            "/vendor/bootstrap-4.6.2.min.js",
            "Powered by <a href='#'>Shopify</a>",
            "https://cdn.shopifycdn.com/s/files/1/x.js",
            "/wp-includes/js/x.js",
            '<meta data-turbo-track="reload">',
        ]
        literals = required_literals(source)
        assert literals
        compiled = re.compile(source, re.IGNORECASE)
        for text in texts:
            if compiled.search(text):
                assert any(literal in text.lower() for literal in literals), (source, text)


class TestSelectorLiterals:
    @pytest.mark.parametrize(
        ("selector", "literals"),
        [
            ("link[href*='cdn.jsdelivr.net/npm/bootstrap']", ("cdn.jsdelivr.net/npm/bootstrap",)),
            ("#__next", ("__next",)),
            ("astro-island", ("astro-island",)),
            ("div:not(.wp-block) .elementor-widget", ("elementor-widget",)),
            ("#kqs-box, kqs-cookie", ("kqs-box", "kqs-cookie")),
            (r"iframe[src*='player\.vimeo\.com']", ("player.vimeo.com",)),
            ("div", ()),  # a plain tag is everywhere: no filter
            ("a, body", ()),
        ],
    )
    def test_selector_literals(self, selector: str, literals: tuple[str, ...]) -> None:
        assert selector_literals(selector) == literals
