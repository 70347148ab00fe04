"""Differences within a metric's noise are no gap, strength, leader or summary finding."""

from __future__ import annotations

from aura.comparison.noise import BY_METRIC, CATEGORY_SCORE, noise_of, significant
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


def test_a_threshold_needs_both_the_absolute_and_the_relative_difference() -> None:
    ttfb = noise_of("ttfb_ms", "ms")
    assert ttfb == BY_METRIC["ttfb_ms"]
    assert not significant(16, 2, ttfb)
    assert not significant(1400, 1000, ttfb)  # 400 ms: under the absolute threshold
    assert not significant(10_600, 10_000, ttfb)  # 600 ms but 6 %: under the relative one
    assert significant(1600, 300, ttfb)
    assert noise_of("lcp_mobile", "ms") == noise_of("lcp", "ms")
    assert not significant(82.7, 81.7, CATEGORY_SCORE)
    assert significant(85, 82, CATEGORY_SCORE)


def test_a_ttfb_difference_of_milliseconds_is_no_gap_or_strength() -> None:
    document = run(
        site(A, metrics={"ttfb_ms": 16, "total_bytes": 500_000}),
        site(B, metrics={"ttfb_ms": 2, "total_bytes": 200_000}),
        primary_url=A,
    )
    assert [gap["id"] for gap in document["gaps"]["metrics"]] == ["total_bytes"]
    ttfb = metric(document, "ttfb_ms")
    assert ttfb["leader"] is None
    assert sorted(ttfb["leaders"]) == sorted([A, B])
    texts = [s["text"] for entry in document["strengths"] for s in entry["strengths"]]
    assert not any("Time to first byte" in text for text in texts)
    assert any("Page weight" in text for text in texts)


def test_a_layout_shift_that_rounds_to_zero_is_no_weakness() -> None:
    document = run(
        site(A, metrics={"cls_mobile": 0.0004}),
        site(B, metrics={"cls_mobile": 0.0}),
        site(C, metrics={"cls_mobile": 0.0}),
    )
    for entry in document["strengths"]:
        assert entry["weaknesses"] == []
        assert entry["strengths"] == []


def test_a_single_slow_server_response_is_no_summary_headline() -> None:
    def page(url: str, server: float, ttfb: float) -> object:
        audits = [audit("server-response-time", server, weight=1)]
        return site(
            url,
            result(
                categories={"performance": category("performance", 80, *audits)},
                metrics={"ttfb_ms": ttfb},
            ),
        )

    document = run(page(A, 0.7, 305), page(B, 1.0, 20), page(C, 1.0, 35), primary_url=A)
    assert not any("server-response-time" in f["text"] for f in document["summary"])
    # The same audit failed on a server that is really slow is a finding.
    slow = run(page(A, 0.1, 2400), page(B, 1.0, 20), page(C, 1.0, 35), primary_url=A)
    assert any("server-response-time" in f["text"] for f in slow["summary"])


def test_a_lead_of_a_point_is_shared_not_won() -> None:
    document = run(
        site(A, scores={"seo": 81}),
        site(B, scores={"seo": 80}),
        site(C, scores={"seo": 60}),
        primary_url=A,
    )
    seo = ranking(document, "seo")
    assert seo["leader"] is None
    assert seo["leaders"] == [A, B]
    assert not any("lead" in f["text"] and "SEO" in f["text"] for f in document["summary"])
    assert by_url(document["strengths"], A)["strengths"] == []
    # C trails both by far more than the noise: that is a weakness.
    assert [w["id"] for w in by_url(document["strengths"], C)["weaknesses"]] == ["seo"]
