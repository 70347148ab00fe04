"""Recommendations ranked by what the competitors already do better."""

from __future__ import annotations

from typing import Any

import pytest

from tests.comparison.builders import A, B, C, audit, by_url, category, result, run, site


def seo_site(url: str, **scores: float | None) -> Any:
    audits = [
        audit(audit_id, score, weight=WEIGHTS[audit_id]) for audit_id, score in scores.items()
    ]
    return site(url, result(categories={"seo": category("seo", 50, *audits)}))


WEIGHTS = {"meta_description": 3.0, "canonical": 1.0, "sitemap": 2.0, "title": 2.0}


def test_failed_audits_are_ranked_by_impact() -> None:
    document = run(
        seo_site(A, meta_description=0, canonical=0, sitemap=0, title=1),
        seo_site(B, meta_description=1, canonical=1, sitemap=0.2, title=1),
        seo_site(C, meta_description=0.95, canonical=0.1, sitemap=0.3, title=1),
        primary_url=A,
    )
    (own,) = document["recommendations"]
    assert own["url"] == A
    items = {item["audit_id"]: item for item in own["items"]}
    assert [item["audit_id"] for item in own["items"]] == [
        "meta_description",
        "canonical",
        "sitemap",
    ]
    meta = items["meta_description"]
    # 3 of the 8 counted weight points of the only category: 37.5 overall points at stake.
    assert meta["potential_points"] == pytest.approx(37.5)
    assert (meta["adoption"], meta["impact"]) == (1.0, pytest.approx(37.5))
    assert meta["competitors_passing"] == [B, C]
    assert meta["competitors_total"] == 2
    assert [example["url"] for example in meta["competitors"]] == [B, C]
    assert (meta["kind"], meta["goal"], meta["title"]) == (
        "catch_up",
        "meta_description passes",
        "meta_description fails",
    )
    assert meta["description"] == "What meta_description checks."
    canonical = items["canonical"]
    assert (canonical["adoption"], canonical["impact"]) == (0.5, pytest.approx(6.25))


def test_an_audit_no_competitor_passes_is_an_opportunity_listed_last() -> None:
    document = run(
        seo_site(A, meta_description=0, sitemap=0),
        seo_site(B, meta_description=1, sitemap=0.5),
        primary_url=A,
    )
    items = document["recommendations"][0]["items"]
    assert [(item["audit_id"], item["kind"]) for item in items] == [
        ("meta_description", "catch_up"),
        ("sitemap", "opportunity"),
    ]
    sitemap = items[1]
    assert (sitemap["impact"], sitemap["goal"], sitemap["competitors_passing"]) == (0, None, [])
    assert sitemap["potential_points"] == pytest.approx(40.0)
    assert [example["url"] for example in sitemap["competitors"]] == [B]


def test_an_audit_counted_in_two_categories_is_one_recommendation() -> None:
    def both(score: float) -> Any:
        return result(
            categories={
                "seo": category("seo", 50, audit("image-alt", score), audit("title", 1)),
                "accessibility": category("accessibility", 50, audit("image-alt", score)),
            }
        )

    document = run(site(A, both(0)), site(B, both(1)), primary_url=A)
    (item,) = document["recommendations"][0]["items"]
    assert item["categories"] == ["seo", "accessibility"]
    # Half of SEO (half the overall score) plus all of accessibility (the other half).
    assert item["potential_points"] == pytest.approx(75.0)


def test_without_a_primary_every_site_gets_recommendations() -> None:
    document = run(
        seo_site(A, meta_description=0, canonical=1),
        seo_site(B, meta_description=1, canonical=0),
    )
    assert [entry["url"] for entry in document["recommendations"]] == [A, B]
    assert by_url(document["recommendations"], A)["items"][0]["audit_id"] == "meta_description"
    assert by_url(document["recommendations"], B)["items"][0]["audit_id"] == "canonical"


def test_a_primary_that_passes_everything_gets_nothing_to_catch_up() -> None:
    document = run(
        seo_site(A, meta_description=1, canonical=1),
        seo_site(B, meta_description=0, canonical=0.5),
        primary_url=A,
    )
    assert document["recommendations"] == [{"url": A, "items": []}]


def test_not_applicable_and_informative_audits_are_not_recommended() -> None:
    def page(url: str, score: float | None) -> Any:
        audits = [audit("canonical", score), audit("keywords", None, mode="informative", weight=0)]
        return site(url, result(categories={"seo": category("seo", 50, *audits)}))

    document = run(page(A, None), page(B, 1), primary_url=A)
    assert document["recommendations"][0]["items"] == []


def test_browser_modes_opportunities_are_recommended_by_their_static_weight() -> None:
    """The lab score gives opportunities no weight; they are still worth fixing."""

    def perf_site(url: str, compression: float) -> Any:
        lab = audit("largest-contentful-paint", 1.0, weight=25.0)
        opportunity = audit("text-compression", compression, weight=0.0)
        opportunity["static_weight"] = 6.0
        return site(
            url, result(categories={"performance": category("performance", 90, lab, opportunity)})
        )

    document = run(perf_site(A, 0.0), perf_site(B, 1.0), primary_url=A)
    items = document["recommendations"][0]["items"]
    assert [item["audit_id"] for item in items] == ["text-compression"]
    assert items[0]["competitors_passing"] == [B]
    assert items[0]["impact"] > 0
