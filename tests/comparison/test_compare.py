"""The comparison as a whole: sites, versions, partial batches, determinism, the schema."""

from __future__ import annotations

import json

from aura.comparison import COMPARISON_VERSION, ComparisonDocument, SiteInput, compare
from tests.comparison.builders import (
    A,
    B,
    C,
    audit,
    by_url,
    category,
    failed,
    metric,
    ranking,
    result,
    run,
    site,
)


def test_ranks_on_the_category_scores_of_the_analyses() -> None:
    document = run(
        site(A, scores={"performance": 90, "seo": 70}, metrics={"response_time_ms": 100}),
        site(B, scores={"performance": 60, "seo": 60}, metrics={"response_time_ms": 1900}),
        site(C, scores={"performance": 100, "seo": 80}, metrics={"response_time_ms": 1500}),
    )
    overall = ranking(document, "overall")
    assert [(entry["url"], entry["score"]) for entry in overall["entries"]] == [
        (C, 90),
        (A, 80),
        (B, 60),
    ]
    assert overall["leader"] == C
    assert by_url(document["sites"], A)["overall_rank"] == 2
    speed = metric(document, "response_time_ms")
    assert speed["leader"] == A
    assert speed["median"] == 1500
    assert speed["distance_to_leader"][B] == 1800


def test_a_failing_audit_counts_against_a_site() -> None:
    def seo(title_score: float) -> dict[str, object]:
        return category(
            "seo",
            round(100 * (title_score + 1) / 2),
            audit("document-title", title_score),
            audit("viewport", 1.0),
        )

    document = run(
        site(A, result(categories={"seo": seo(1.0)})),
        site(B, result(categories={"seo": seo(0.0)}, title=None)),
    )
    assert ranking(document, "overall")["leader"] == A
    untitled = by_url(document["recommendations"], B)
    assert [item["audit_id"] for item in untitled["items"]] == ["document-title"]


def test_failed_sites_are_listed_but_not_ranked_and_the_comparison_says_it_is_partial() -> None:
    document = run(
        site(A, scores={"seo": 50}), failed(B, primary=True), site(C, scores={"seo": 70})
    )
    assert {entry["url"] for entry in ranking(document, "overall")["entries"]} == {A, C}
    down = by_url(document["sites"], B)
    assert (down["overall_rank"], down["error"], down["is_primary"]) == (
        None,
        "connection refused",
        True,
    )
    assert down["compared"] is False
    assert (document["partial"], document["compared"], document["total"]) == (True, 2, 3)
    assert any(B in note and "connection refused" in note for note in document["notes"])
    assert document["summary"][0]["kind"] == "partial"
    assert document["summary"][0]["text"].startswith("Compared 2 of 3 sites")
    assert B not in document["matrix"]["sites"]


def test_results_of_an_older_analysis_version_are_not_mixed_in() -> None:
    document = run(
        site(A, version="1.10", scores={"seo": 50}),
        site(B, version="1.9", scores={"seo": 99}),
    )
    assert document["analysis_version"] == "1.10"
    assert [entry["url"] for entry in ranking(document, "overall")["entries"]] == [A]
    old = by_url(document["sites"], B)
    assert old["status"] == "excluded"
    assert "version 1.9" in old["error"]
    assert document["partial"] is True


def test_the_primary_site_comes_from_the_argument_or_from_the_flag() -> None:
    flagged = run(site(A, primary=True, scores={"seo": 1}), site(B, scores={"seo": 2}))
    assert flagged["primary_url"] == A
    assert flagged["gaps"]["primary_url"] == A
    named = run(site(A, scores={"seo": 1}), site(B, scores={"seo": 2}), primary_url=B)
    assert named["primary_url"] == B
    assert by_url(named["sites"], B)["is_primary"] is True


def test_a_url_listed_twice_is_compared_once() -> None:
    document = run(
        site(A, scores={"seo": 10}), site(A, scores={"seo": 90}), site(B, scores={"seo": 50})
    )
    assert [entry["url"] for entry in ranking(document, "overall")["entries"]] == [B, A]
    assert [entry["status"] for entry in document["sites"]] == [
        "completed",
        "excluded",
        "completed",
    ]


def test_nothing_to_compare_still_gives_a_valid_document() -> None:
    document = run(failed(A), failed(B))
    assert document["analysis_version"] is None
    assert document["compared"] == 0
    assert ranking(document, "overall")["entries"] == []
    assert document["gaps"] is None
    ComparisonDocument.model_validate(document)


def test_the_same_analyses_give_the_same_document() -> None:
    sites = [
        site(A, scores={"seo": 70, "design": 40}, metrics={"total_bytes": 10, "https": 1}),
        site(B, scores={"seo": 70, "design": 60}, metrics={"total_bytes": 10, "https": 0}),
        failed(C),
    ]
    first = json.dumps(compare(sites, A), sort_keys=False)
    assert all(json.dumps(compare(sites, A), sort_keys=False) == first for _ in range(3))


def test_the_document_is_json_and_matches_its_schema() -> None:
    document = run(
        site(A, scores={"seo": 70}, metrics={"lcp_mobile": 1200.5}), site(B, scores={"seo": 80})
    )
    assert document["comparison_version"] == COMPARISON_VERSION == "1.3"
    assert json.loads(json.dumps(document)) == document
    assert ComparisonDocument.model_validate(document).model_dump(mode="json") == document


def test_page_text_is_kept_as_plain_data() -> None:
    markup = '<img src=x onerror="alert(1)">Buy <b>now</b>'
    sites = [
        site(A, title=markup, facts={"headline": markup, "ctas": [markup]}, scores={"seo": 1}),
        site(B, scores={"seo": 2}),
    ]
    document = compare(sites, A)
    assert by_url(document["sites"], A)["title"] == markup
    content = by_url(document["content"]["sites"], A)
    assert (content["headline"], content["ctas"]) == (markup, [markup])
    assert all("<" not in finding["text"] for finding in document["summary"])


def test_a_completed_site_without_a_result_is_not_compared() -> None:
    entry = SiteInput(url=A, status="completed", is_primary=False, error=None, result=None)
    document = compare([entry, site(B, scores={"seo": 1})])
    listed = by_url(document["sites"], A)
    assert (listed["status"], listed["compared"], document["partial"]) == ("completed", False, True)
