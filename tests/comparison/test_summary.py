"""The plain-language findings."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from tests.comparison.builders import A, B, C, audit, category, failed, result, run, site


def texts(document: dict[str, Any]) -> list[str]:
    return [finding["text"] for finding in document["summary"]]


def test_trailing_a_category_quotes_its_headline_metric() -> None:
    document = run(
        site(A, scores={"performance": 50, "seo": 90}, metrics={"lcp_mobile": 4100}),
        site(B, scores={"performance": 90, "seo": 60}, metrics={"lcp_mobile": 2000}),
        site(C, scores={"performance": 70, "seo": 70}, metrics={"lcp_mobile": 3000}),
        primary_url=A,
    )
    assert texts(document) == [
        "You rank 2nd of 3 overall with 70; A page (b.example) leads with 75.",
        "You are last on Performance: 50 against 90 for the leader; "
        "2.1 s slower mobile LCP than the leader.",
        "You lead on SEO: 90, next best 70.",
    ]


def test_audits_every_competitor_passes() -> None:
    def page(url: str, structured: float, canonical: float) -> Any:
        audits = [audit("structured-data", structured, weight=4), audit("canonical", canonical)]
        return site(url, result(categories={"seo": category("seo", 50, *audits)}))

    document = run(page(A, 0, 0), page(B, 1, 1), page(C, 1, 0), primary_url=A)
    assert "Both competitors pass “structured-data passes”; your site does not." in texts(document)
    assert not any("canonical" in text for text in texts(document))


def test_technology_every_competitor_uses() -> None:
    document = run(
        site(A, scores={"seo": 1}, facts={"technologies": []}),
        site(B, scores={"seo": 1}, facts={"technologies": [{"name": "Cloudflare"}]}),
        primary_url=A,
    )
    assert "Your competitor uses Cloudflare; your site does not." in texts(document)


def test_a_primary_that_leads_everything() -> None:
    document = run(
        site(A, scores={"performance": 95, "seo": 90}),
        site(B, scores={"performance": 80, "seo": 60}),
        primary_url=A,
    )
    assert texts(document) == [
        "You lead overall with 92.5, 22.5 points ahead of A page (b.example).",
        "You lead on Performance: 95, next best 80.",
        "You lead on SEO: 90, next best 60.",
    ]


def test_without_a_primary_the_leaders_are_named() -> None:
    document = run(
        site(A, scores={"performance": 95, "seo": 60}),
        site(B, scores={"performance": 50, "seo": 90}),
    )
    assert texts(document) == [
        "A page (a.example) leads overall with 77.5.",
        "A page (a.example) leads Performance with 95.",
        "A page (b.example) leads SEO with 90.",
    ]


def test_sentences_name_sites_by_label_then_by_their_own_name() -> None:
    named = result(scores={"performance": 50, "seo": 90})
    named["title"] = "Brightdesk - Help desk software"
    labelled = replace(site(B, scores={"performance": 95, "seo": 60}), label=" Acme   Corp ")
    document = run(site(A, named), labelled)
    assert texts(document) == [
        "Acme Corp leads overall with 77.5.",
        "Acme Corp leads Performance with 95.",
        "Brightdesk leads SEO with 90.",
    ]
    assert [entry["name"] for entry in document["sites"]] == ["Brightdesk", "Acme Corp"]


def test_a_partial_batch_says_so_first() -> None:
    document = run(site(A, scores={"seo": 50}), failed(B, "HTTP 500"), site(C, scores={"seo": 50}))
    assert texts(document)[:3] == [
        "Compared 2 of 3 sites; 1 could not be compared.",
        "b.example is left out: HTTP 500.",
        "A page (a.example) and A page (c.example) share the lead overall (50).",
    ]
    # Said once: the summary does not repeat a failure.
    assert sum("HTTP 500" in text for text in texts(document)) == 1


def test_a_primary_that_failed_is_explained() -> None:
    document = run(failed(A), site(B, scores={"seo": 50}), primary_url=A)
    # Said once, with the reason and the site's name, not once per sentence kind.
    assert texts(document)[:2] == [
        "Compared 1 of 2 sites; 1 could not be compared.",
        "Your site a.example could not be compared (connection refused), so there are no "
        "gaps or recommendations for it.",
    ]


def test_trailing_on_a_score_quotes_both_values() -> None:
    document = run(
        site(A, scores={"security": 30}, metrics={"observatory_score": 20}),
        site(B, scores={"security": 80}, metrics={"observatory_score": 90}),
        primary_url=A,
    )
    assert (
        "You are last on Security: 30 against 80 for the leader; "
        "Observatory score: 20 against 90 for the leader."
    ) in texts(document)


def test_without_lab_metrics_performance_quotes_the_page_weight() -> None:
    document = run(
        site(A, scores={"performance": 40}, metrics={"total_bytes": 3 * 1024 * 1024}),
        site(B, scores={"performance": 90}, metrics={"total_bytes": 1024 * 1024}),
        primary_url=A,
    )
    assert (
        "You are last on Performance: 40 against 90 for the leader; "
        "Page weight: 2.0 MiB more than the leader."
    ) in texts(document)
