"""A site whose page did not render as its visitors see it is flagged, and leads nothing
that depends on what failed; a value that was not measured is absent, never 0."""

from __future__ import annotations

from typing import Any

from tests.comparison.builders import (
    A,
    B,
    C,
    audit,
    by_url,
    category,
    metric,
    ranking,
    result,
    run,
    site,
)

DEGRADED: dict[str, Any] = {
    "status": "degraded",
    "mode": "browser",
    "requested": 24,
    "failed": 24,
    "failed_share": 1.0,
    "unstyled": True,
    "blank": False,
    "reasons": ["rendered unstyled: 2 of 2 stylesheets failed to load"],
    "unreliable": ["design", "performance", "accessibility"],
    "unreliable_metrics": ["distinct_colors", "lcp_mobile", "total_bytes", "axe_violations"],
}
HEALTHY: dict[str, Any] = {**DEGRADED, "status": "healthy", "failed": 0, "reasons": []}


def page(url: str, health: dict[str, Any], *, design: float, seo: float, **metrics: float) -> Any:
    body = result(
        categories={
            "design": category("design", design, audit("color-contrast", design / 100)),
            "performance": category("performance", design),
            "seo": category("seo", seo),
        },
        metrics=metrics,
    )
    return site(url, {**body, "render_health": health})


def batch(primary_url: str | None = A) -> dict[str, Any]:
    return run(
        page(A, HEALTHY, design=60, seo=70, lcp_mobile=4000, total_bytes=900_000),
        # The unstyled page is light and fast and scores high on design: none of it is real.
        page(B, DEGRADED, design=95, seo=60, lcp_mobile=400, total_bytes=50_000),
        page(C, HEALTHY, design=70, seo=90, lcp_mobile=2500, total_bytes=800_000),
        primary_url=primary_url,
    )


def test_the_notes_and_the_site_say_the_render_was_degraded() -> None:
    document = batch()
    notes = [note for note in document["notes"] if B in note]
    assert len(notes) == 1
    assert "unstyled" in notes[0]
    assert "Design" in notes[0]
    assert "lead nothing" in notes[0]
    health = by_url(document["sites"], B)["render_health"]
    assert health["status"] == "degraded"
    assert health["unreliable"] == ["accessibility", "design", "performance"]
    assert by_url(document["sites"], A)["render_health"]["status"] == "healthy"
    assert not any(A in note or C in note for note in document["notes"])


def test_a_degraded_site_leads_no_category_or_metric_that_depends_on_what_failed() -> None:
    document = batch()
    design = ranking(document, "design")
    assert design["entries"][0]["url"] == B  # still ranked by its score, in the open
    assert design["unreliable"] == [B]
    assert design["leader"] == C
    assert ranking(document, "performance")["leader"] == C
    for metric_id in ("lcp_mobile", "total_bytes"):
        row = metric(document, metric_id)
        assert row["leader"] == C
        assert row["unreliable"] == [B]
    # What does not depend on the failed parts still counts.
    assert ranking(document, "seo")["unreliable"] == []


def test_a_degraded_site_has_no_strength_and_wins_no_summary_finding() -> None:
    document = batch(primary_url=None)
    b = by_url(document["strengths"], B)
    assert all(s["id"] not in ("design", "performance", "color-contrast") for s in b["strengths"])
    assert all(s["id"] not in ("lcp_mobile", "total_bytes") for s in b["strengths"])
    assert not any(f.get("url") == B for f in document["summary"])
    leads = [f["text"] for f in document["summary"] if "leads Design" in f["text"]]
    assert leads == ["A page (c.example) leads Design with 70."]


def test_a_degraded_primary_gets_no_gap_or_headline_from_what_failed() -> None:
    document = batch(primary_url=B)
    assert [gap["category"] for gap in document["gaps"]["categories"]] == ["seo"]
    assert document["gaps"]["metrics"] == []
    overall = next(f for f in document["summary"] if f["kind"] == "overall")
    assert "not reliable" in overall["text"]


def test_the_gap_of_a_healthy_primary_is_to_the_best_healthy_competitor() -> None:
    document = batch(primary_url=A)
    design_gap = next(g for g in document["gaps"]["categories"] if g["category"] == "design")
    assert design_gap["best_urls"] == [C]
    assert design_gap["best_score"] == 70


def test_counts_that_were_not_measured_are_absent_not_zero() -> None:
    document = run(
        site(A, metrics={"distinct_colors": 0, "font_family_count": 0, "dom_elements": 400}),
        site(B, metrics={"distinct_colors": 14, "font_family_count": 2, "dom_elements": 300}),
        site(C, metrics={"distinct_colors": 9, "font_family_count": 3, "dom_elements": 350}),
    )
    colours = metric(document, "distinct_colors")
    assert A not in colours["values"]
    assert colours["best"] == 9
    assert colours["leader"] == C
    assert A not in metric(document, "font_family_count")["values"]
    design = by_url(document["design"]["sites"], A)
    assert design["distinct_colors"] is None
    assert design["font_family_count"] is None
    texts = [s["text"] for entry in document["strengths"] for s in entry["strengths"]]
    assert not any(" 0 " in text or text.endswith(": 0") for text in texts)


def test_a_pass_on_a_degraded_render_is_no_example_to_catch_up_with() -> None:
    (own,) = batch(primary_url=A)["recommendations"]
    contrast = next(item for item in own["items"] if item["audit_id"] == "color-contrast")
    assert contrast["competitors_passing"] == []
    assert contrast["kind"] == "opportunity"
    assert [example["url"] for example in contrast["competitors"]] == [C]
