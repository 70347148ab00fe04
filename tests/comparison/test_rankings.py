"""Rankings: overall and per category, ties, spread, missing categories."""

from __future__ import annotations

from tests.comparison.builders import A, B, C, D, by_url, failed, ranking, run, site


def test_each_category_is_ranked_with_its_spread() -> None:
    document = run(
        site(A, scores={"performance": 40, "seo": 90}),
        site(B, scores={"performance": 95, "seo": 60}),
    )
    performance = ranking(document, "performance")
    assert [entry["url"] for entry in performance["entries"]] == [B, A]
    assert (performance["leader"], performance["spread"], performance["title"]) == (
        B,
        55,
        "Performance",
    )
    assert ranking(document, "seo")["leader"] == A
    assert [r["category"] for r in document["rankings"]["categories"]] == ["performance", "seo"]


def test_equal_scores_share_a_rank_and_leave_no_single_leader() -> None:
    document = run(
        site(A, scores={"seo": 80}),
        site(B, scores={"seo": 80}),
        site(C, scores={"seo": 60}),
        site(D, scores={"seo": 60}),
    )
    overall = ranking(document, "overall")
    assert [(entry["url"], entry["rank"]) for entry in overall["entries"]] == [
        (A, 1),
        (B, 1),
        (C, 3),
        (D, 3),
    ]
    assert (overall["leader"], overall["leaders"]) == (None, [A, B])


def test_ties_keep_the_batch_order() -> None:
    document = run(site(C, scores={"seo": 5}), site(A, scores={"seo": 5}))
    assert [entry["url"] for entry in ranking(document, "overall")["entries"]] == [C, A]


def test_a_category_missing_for_one_site_is_ranked_without_it_and_left_out_of_overall() -> None:
    document = run(
        site(A, scores={"seo": 50, "design": 100}),
        site(B, scores={"seo": 60, "design": None}),
        site(C, scores={"seo": 70}),
    )
    assert document["rankings"]["overall_categories"] == ["seo"]
    assert [entry["score"] for entry in ranking(document, "overall")["entries"]] == [70, 60, 50]
    design = ranking(document, "design")
    assert [entry["url"] for entry in design["entries"]] == [A]
    assert design["unranked"] == [B, C]
    assert any("Design" in note for note in document["notes"])
    assert by_url(document["sites"], B)["scores"] == {"seo": 60}


def test_informative_categories_are_not_ranked() -> None:
    document = run(
        site(A, scores={"seo": 50, "technology": None}),
        site(B, scores={"seo": 60, "technology": None}),
    )
    assert [r["category"] for r in document["rankings"]["categories"]] == ["seo"]


def test_a_failed_site_is_not_ranked() -> None:
    document = run(site(A, scores={"seo": 50}), failed(B))
    overall = ranking(document, "overall")
    assert [entry["url"] for entry in overall["entries"]] == [A]
    assert overall["unranked"] == []
    assert (overall["leader"], overall["spread"]) == (A, 0)


def test_no_common_category_means_no_overall_ranking() -> None:
    document = run(site(A, scores={"seo": 50}), site(B, scores={"design": 60}))
    assert ranking(document, "overall")["entries"] == []
    assert ranking(document, "overall")["spread"] is None
    assert ranking(document, "seo")["unranked"] == [B]
