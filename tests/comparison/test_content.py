"""Content side by side: headlines, calls to action, readability, distinctive keywords."""

from __future__ import annotations

import math
from typing import Any

import pytest

from tests.comparison.builders import A, B, C, audit, by_url, category, result, run, site


def page(url: str, counts: dict[str, int], **facts: Any) -> Any:
    rows = [{"keyword": word, "count": count} for word, count in counts.items()]
    keywords = audit("keywords", None, mode="informative", weight=0, details={"keywords": rows})
    readability = audit("readability", 1.0, details={"flesch_kincaid_grade": 7.0})
    content = category("content", 80, keywords, readability)
    return site(
        url,
        result(
            categories={"content": content},
            facts={"keywords": list(counts), **facts},
            metrics={"word_count": 300, "reading_ease": 62.1, "reading_minutes": 1.2},
        ),
    )


def test_distinctive_keywords_are_weighed_against_the_other_sites() -> None:
    document = run(
        page(A, {"shoes": 6, "shop": 3, "running": 1}),
        page(B, {"shop": 5, "cart": 5}),
        page(C, {"shop": 2, "running": 2}),
    )
    content = document["content"]
    a = by_url(content["sites"], A)
    # "shop" is on every site: never distinctive. "shoes" is A's alone and most frequent.
    assert [k["keyword"] for k in a["distinctive_keywords"]] == ["shoes", "running"]
    assert a["distinctive_keywords"][0]["score"] == pytest.approx(0.6 * math.log(3), abs=1e-4)
    assert content["shared_keywords"] == ["shop"]
    overlap = {(pair["a"], pair["b"]): pair for pair in content["overlap"]}
    assert list(overlap) == [(A, B), (A, C), (B, C)]
    assert overlap[(A, C)]["shared"] == ["running", "shop"]
    assert overlap[(A, C)]["similarity"] == pytest.approx(2 / 3, abs=1e-4)
    assert overlap[(A, B)]["similarity"] == 0.25


def test_headlines_calls_to_action_and_readability() -> None:
    document = run(
        page(A, {"shoes": 1}, headline="Run faster", ctas=["Buy now", "Sign up"], language="en"),
        page(B, {"cart": 1}),
    )
    a = by_url(document["content"]["sites"], A)
    assert (a["headline"], a["ctas"], a["language"]) == ("Run faster", ["Buy now", "Sign up"], "en")
    assert (a["word_count"], a["reading_ease"], a["reading_grade"], a["reading_minutes"]) == (
        300,
        62.1,
        7.0,
        1.2,
    )
    assert by_url(document["content"]["sites"], B)["headline"] is None


def test_keywords_from_the_facts_alone_still_compare() -> None:
    document = run(
        site(A, facts={"keywords": ["Alpha", "beta"]}),
        site(B, facts={"keywords": ["beta", "gamma"]}),
        site(C),
    )
    content = document["content"]
    assert [k["keyword"] for k in by_url(content["sites"], A)["distinctive_keywords"]] == ["alpha"]
    assert content["shared_keywords"] == ["beta"]
    assert len(content["overlap"]) == 1
    assert by_url(content["sites"], C)["distinctive_keywords"] == []


def test_a_single_site_has_nothing_distinctive() -> None:
    document = run(page(A, {"shoes": 3}))
    assert document["content"]["sites"][0]["distinctive_keywords"] == []
    assert document["content"]["overlap"] == []
