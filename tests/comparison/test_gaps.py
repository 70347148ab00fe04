"""Gaps: where the primary site trails its best competitor."""

from __future__ import annotations

from tests.comparison.builders import A, B, C, failed, run, site


def test_the_primary_trails_by_category_and_by_metric() -> None:
    document = run(
        site(A, scores={"performance": 50, "seo": 90}, metrics={"lcp_mobile": 4100, "https": 1}),
        site(B, scores={"performance": 80, "seo": 70}, metrics={"lcp_mobile": 2000, "https": 1}),
        site(C, scores={"performance": 90, "seo": 80}, metrics={"lcp_mobile": 2500, "https": 0}),
        primary_url=A,
    )
    gaps = document["gaps"]
    assert gaps["primary_url"] == A
    assert gaps["categories"] == [
        {
            "category": "performance",
            "title": "Performance",
            "score": 50,
            "best_score": 90,
            "best_urls": [C],
            "gap": 40,
            "rank": 3,
            "of": 3,
        }
    ]
    (lcp,) = gaps["metrics"]
    assert (lcp["id"], lcp["value"], lcp["best_value"], lcp["best_urls"]) == (
        "lcp_mobile",
        4100,
        2000,
        [B],
    )
    assert lcp["gap"] == 2100
    assert lcp["relative_gap"] == round(2100 / 4100, 4)


def test_gaps_are_ordered_largest_first() -> None:
    document = run(
        site(A, scores={"seo": 50, "design": 10}, metrics={"ttfb_ms": 2000, "total_bytes": 90000}),
        site(B, scores={"seo": 60, "design": 90}, metrics={"ttfb_ms": 900, "total_bytes": 80000}),
        primary_url=A,
    )
    assert [gap["category"] for gap in document["gaps"]["categories"]] == ["design", "seo"]
    assert [gap["id"] for gap in document["gaps"]["metrics"]] == ["ttfb_ms", "total_bytes"]


def test_a_primary_that_leads_everything_has_no_gaps() -> None:
    document = run(
        site(A, scores={"seo": 100, "design": 90}, metrics={"lcp_mobile": 900, "https": 1}),
        site(B, scores={"seo": 80, "design": 90}, metrics={"lcp_mobile": 1500, "https": 1}),
        primary_url=A,
    )
    assert document["gaps"] == {"primary_url": A, "categories": [], "metrics": []}


def test_no_primary_means_no_gaps() -> None:
    assert run(site(A, scores={"seo": 1}), site(B, scores={"seo": 2}))["gaps"] is None


def test_a_failed_primary_has_no_gaps_and_the_document_says_why() -> None:
    document = run(failed(A, primary=True), site(B, scores={"seo": 2}), primary_url=A)
    assert document["gaps"] is None
    assert document["recommendations"] == []
    assert any("primary site" in note and A in note for note in document["notes"])
