"""The comparison as a pure function of analysis results."""

from __future__ import annotations

from typing import Any

from aura.comparison import SiteInput, compare


def _site(url: str, version: str = "1.0", title: str | None = "T", **metrics: float) -> SiteInput:
    result: dict[str, Any] = {
        "analysis_version": version,
        "title": title,
        "final_url": url,
        "metrics": metrics,
    }
    return SiteInput(url=url, status="completed", is_primary=False, error=None, result=result)


def test_ranks_on_the_recorded_metrics() -> None:
    document = compare(
        [
            _site("https://fast.example/", response_time_ms=100, html_bytes=10_000),
            _site("https://slow.example/", response_time_ms=900, html_bytes=90_000),
            _site("https://mid.example/", response_time_ms=500, html_bytes=50_000),
        ]
    )
    assert [entry["url"] for entry in document["ranking"]] == [
        "https://fast.example/",
        "https://mid.example/",
        "https://slow.example/",
    ]
    assert document["leader"] == "https://fast.example/"
    speed = next(row for row in document["metrics"] if row["id"] == "response_time_ms")
    assert speed["leader"] == "https://fast.example/"
    assert speed["median"] == 500
    assert speed["distance_to_leader"]["https://slow.example/"] == 800


def test_ties_share_a_rank_and_leave_no_single_leader() -> None:
    document = compare(
        [
            _site("https://a.example/", response_time_ms=100),
            _site("https://b.example/", response_time_ms=100),
            _site("https://c.example/", response_time_ms=300),
        ]
    )
    ranks = {entry["url"]: entry["rank"] for entry in document["ranking"]}
    assert ranks == {"https://a.example/": 1, "https://b.example/": 1, "https://c.example/": 3}
    assert document["leader"] is None


def test_a_missing_title_counts_against_a_site() -> None:
    document = compare(
        [
            _site("https://titled.example/", response_time_ms=100),
            _site("https://untitled.example/", title=None, response_time_ms=100),
        ]
    )
    assert document["leader"] == "https://titled.example/"


def test_failed_sites_are_listed_but_not_ranked() -> None:
    failed = SiteInput(
        url="https://down.example/",
        status="failed",
        is_primary=True,
        error="connection refused",
        result=None,
    )
    document = compare([_site("https://up.example/", response_time_ms=1), failed])
    assert [entry["url"] for entry in document["ranking"]] == ["https://up.example/"]
    down = next(site for site in document["sites"] if site["url"] == "https://down.example/")
    assert (down["rank"], down["error"], down["is_primary"]) == (None, "connection refused", True)


def test_results_of_an_older_analysis_version_are_not_mixed_in() -> None:
    document = compare(
        [
            _site("https://new.example/", version="1.10", response_time_ms=500),
            _site("https://old.example/", version="1.9", response_time_ms=1),
        ]
    )
    assert document["analysis_version"] == "1.10"
    assert [entry["url"] for entry in document["ranking"]] == ["https://new.example/"]
    old = next(site for site in document["sites"] if site["url"] == "https://old.example/")
    assert old["status"] == "excluded"
    assert "version 1.9" in old["error"]
