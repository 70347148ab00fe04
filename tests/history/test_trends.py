"""build_trends: every site of every run, scores and ranks aligned with the runs."""

from __future__ import annotations

from aura.history.trends import build_trends
from tests.history.builders import START, A, B, C, page, run, site


def test_series_are_aligned_with_the_runs_and_gaps_are_none() -> None:
    runs = [
        run(
            site(A, page(scores={"seo": 70, "performance": 90}), primary=True),
            site(B, page(scores={"seo": 80, "performance": 50})),
            day=0,
        ),
        run(
            site(A, page(scores={"seo": 85, "performance": 90}), primary=True),
            site(B, None),
            site(C, page(scores={"seo": 60, "performance": 40})),
            day=1,
        ),
        run(
            site(A, page(scores={"seo": 85, "performance": 80}), primary=True),
            site(C, page(scores={"seo": 90, "performance": 40})),
            day=2,
        ),
    ]
    trends = build_trends(runs)
    assert [r.batch_id for r in trends.runs] == [r.ref.batch_id for r in runs]
    assert trends.runs[0].at == START.replace(minute=2)
    assert trends.categories == ["overall", "performance", "seo"]
    assert [s.url for s in trends.sites] == [A, C, B]
    a, c, b = trends.sites
    assert a.is_primary
    assert not b.is_primary
    assert a.scores["seo"] == [70, 85, 85]
    assert a.scores["overall"] == [80, 87.5, 82.5]
    assert a.ranks["seo"] == [2, 1, 2]
    assert b.scores["seo"] == [80, None, None]  # failed in the second run, gone in the third
    assert b.ranks["overall"] == [2, None, None]
    assert c.scores["performance"] == [None, 40, 40]
    assert c.ranks["seo"] == [None, 2, 1]


def test_no_runs_no_trends() -> None:
    trends = build_trends([])
    assert (trends.runs, trends.categories, trends.sites) == ([], ["overall"], [])
