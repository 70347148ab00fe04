"""Strengths and weaknesses: where each site leads or trails the field."""

from __future__ import annotations

from typing import Any

from tests.comparison.builders import A, B, C, audit, by_url, category, result, run, site


def kinds(entries: list[dict[str, Any]]) -> list[tuple[str, str]]:
    return [(entry["kind"], entry["id"]) for entry in entries]


def test_leading_and_trailing_categories_and_metrics() -> None:
    document = run(
        site(A, scores={"seo": 90, "design": 40}, metrics={"lcp_mobile": 1000}),
        site(B, scores={"seo": 70, "design": 60}, metrics={"lcp_mobile": 3000}),
        site(C, scores={"seo": 50, "design": 80}, metrics={"lcp_mobile": 2000}),
    )
    a = by_url(document["strengths"], A)
    assert kinds(a["strengths"]) == [("category", "seo"), ("metric", "lcp_mobile")]
    assert kinds(a["weaknesses"]) == [("category", "design")]
    seo = a["strengths"][0]
    assert (seo["text"], seo["margin"]) == ("Leads SEO: 90 (next best 70)", 20)
    lcp = a["strengths"][1]
    assert lcp["text"] == "Best Largest Contentful Paint (mobile): 1.0 s (next best 2.0 s)"
    b = by_url(document["strengths"], B)
    assert kinds(b["weaknesses"]) == [("metric", "lcp_mobile")]
    assert (
        b["weaknesses"][0]["text"] == "Worst Largest Contentful Paint (mobile): 3.0 s (best 1.0 s)"
    )


def test_ties_and_equal_fields() -> None:
    document = run(
        site(A, scores={"seo": 80, "design": 50}),
        site(B, scores={"seo": 80, "design": 50}),
        site(C, scores={"seo": 60, "design": 50}),
    )
    # A lead shared with another site is nobody's strength.
    a = by_url(document["strengths"], A)
    assert a["strengths"] == []
    # Everyone equal on design: nobody leads or trails it.
    assert all(entry["id"] != "design" for s in document["strengths"] for entry in s["weaknesses"])


def test_a_shared_extreme_of_a_metric_is_no_strength_or_weakness() -> None:
    document = run(
        site(A, metrics={"javascript_errors": 0, "redirect_count": 2}),
        site(B, metrics={"javascript_errors": 0, "redirect_count": 2}),
        site(C, metrics={"javascript_errors": 3, "redirect_count": 0}),
    )
    assert by_url(document["strengths"], A) == {"url": A, "strengths": [], "weaknesses": []}
    c = by_url(document["strengths"], C)
    assert kinds(c["strengths"]) == [("metric", "redirect_count")]
    assert kinds(c["weaknesses"]) == [("metric", "javascript_errors")]


def test_the_only_site_passing_or_failing_an_audit() -> None:
    def page(url: str, meta: float, canonical: float) -> Any:
        audits = [audit("meta", meta, weight=3), audit("canonical", canonical)]
        return site(url, result(categories={"seo": category("seo", 50, *audits)}))

    document = run(page(A, 1, 0), page(B, 0, 1), page(C, 0, 1))
    a = by_url(document["strengths"], A)
    assert kinds(a["strengths"]) == [("audit", "meta")]
    assert kinds(a["weaknesses"]) == [("audit", "canonical")]
    assert a["strengths"][0]["text"] == "The only site that passes “meta passes”"
    assert by_url(document["strengths"], B)["strengths"] == []


def test_a_single_site_has_no_strengths_or_weaknesses() -> None:
    document = run(site(A, scores={"seo": 80}, metrics={"lcp_mobile": 1000}))
    assert document["strengths"] == [{"url": A, "strengths": [], "weaknesses": []}]
