"""Metrics side by side: direction, leader, median, distance to the leader."""

from __future__ import annotations

import math

from tests.comparison.builders import A, B, C, metric, run, site


def test_lower_is_better_for_times_and_sizes() -> None:
    document = run(
        site(A, metrics={"lcp_mobile": 4100, "total_bytes": 2_000_000}),
        site(B, metrics={"lcp_mobile": 2000, "total_bytes": 500_000}),
        site(C, metrics={"lcp_mobile": 3000, "total_bytes": 900_000}),
    )
    lcp = metric(document, "lcp_mobile")
    assert (lcp["label"], lcp["unit"], lcp["direction"]) == (
        "Largest Contentful Paint (mobile)",
        "ms",
        "lower",
    )
    assert (lcp["leader"], lcp["best"], lcp["worst"], lcp["median"]) == (B, 2000, 4100, 3000)
    assert lcp["distance_to_leader"] == {A: 2100, B: 0, C: 1000}
    assert lcp["ranks"] == {A: 3, B: 1, C: 2}
    assert metric(document, "total_bytes")["leader"] == B


def test_higher_is_better_for_scores_and_yes_no_facts() -> None:
    document = run(
        site(A, metrics={"observatory_score": 90, "https": 1}),
        site(B, metrics={"observatory_score": 35, "https": 0}),
    )
    observatory = metric(document, "observatory_score")
    assert (observatory["direction"], observatory["leader"]) == ("higher", A)
    assert observatory["distance_to_leader"][B] == 55
    assert (metric(document, "https")["unit"], metric(document, "https")["leader"]) == ("bool", A)


def test_equal_values_share_the_lead() -> None:
    document = run(site(A, metrics={"ttfb_ms": 50}), site(B, metrics={"ttfb_ms": 50}))
    ttfb = metric(document, "ttfb_ms")
    assert (ttfb["leader"], ttfb["leaders"], ttfb["ranks"]) == (None, [A, B], {A: 1, B: 1})


def test_which_metrics_are_compared() -> None:
    document = run(
        site(
            A,
            metrics={
                "lcp_mobile": 2500,
                "lcp_desktop": 900,
                "load_mobile_ms": 3000,
                "hydration_ms": 40,
                "seo_score": 80,
                "word_count": 300,
                "status_code": 200,
                "ttfb_ms": math.nan,
            },
        ),
        site(B, metrics={"lcp_mobile": 1800, "word_count": 900}),
    )
    ids = [row["id"] for row in document["metrics"]]
    # Category scores are rankings; word counts have no better direction; NaN is no value.
    assert ids == ["lcp_mobile", "lcp_desktop", "load_mobile_ms", "hydration_ms"]
    mobile = metric(document, "lcp_mobile")
    assert (mobile["label"], mobile["unit"], mobile["leader"]) == (
        "Largest Contentful Paint (mobile)",
        "ms",
        B,
    )
    assert metric(document, "load_mobile_ms")["label"] == "Load event (mobile)"
    hydration = metric(document, "hydration_ms")
    assert (hydration["label"], hydration["direction"], hydration["values"]) == (
        "Hydration",
        "lower",
        {A: 40},
    )


def test_a_metric_only_some_sites_have_is_compared_among_them() -> None:
    document = run(site(A, metrics={"cls": 0.3}), site(B), site(C, metrics={"cls": 0.01}))
    cls = metric(document, "cls")
    assert set(cls["values"]) == {A, C}
    assert cls["leader"] == C


def test_speed_index_is_compared_per_profile_as_a_time() -> None:
    document = run(
        site(A, metrics={"si_mobile": 5200}),
        site(B, metrics={"si_mobile": 2100}),
    )
    speed = metric(document, "si_mobile")
    assert (speed["label"], speed["unit"], speed["direction"]) == (
        "Speed Index (mobile)",
        "ms",
        "lower",
    )
    assert speed["leader"] == B
