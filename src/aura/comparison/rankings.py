"""Rankings: overall and per category, with ties and the spread between best and worst."""

from __future__ import annotations

from collections.abc import Mapping

from aura.comparison.document import Ranking, RankingEntry, Rankings
from aura.comparison.inputs import CATEGORY_WEIGHTS, Contest


def competition_ranks(values: Mapping[str, float], *, higher_is_better: bool) -> dict[str, int]:
    """Standard competition ranking ("1224"): equal values share a rank."""
    ordered = sorted(values.values(), reverse=higher_is_better)
    return {url: ordered.index(value) + 1 for url, value in values.items()}


def rank(category: str, title: str, scores: Mapping[str, float], contest: Contest) -> Ranking:
    ranks = competition_ranks(scores, higher_is_better=True)
    entries = sorted(
        (RankingEntry(rank=ranks[url], url=url, score=score) for url, score in scores.items()),
        key=lambda entry: (entry.rank, contest.position(entry.url)),
    )
    leaders = [entry.url for entry in entries if entry.rank == 1]
    return Ranking(
        category=category,
        title=title,
        entries=entries,
        leaders=leaders,
        leader=leaders[0] if len(leaders) == 1 else None,
        spread=round(max(scores.values()) - min(scores.values()), 1) if scores else None,
        unranked=[url for url in contest.urls if url not in scores],
    )


def overall_categories(contest: Contest) -> list[str]:
    """Categories scored for every compared site: only those make a fair overall score."""
    return [
        name
        for name in contest.scored_categories
        if all(name in site.scores for site in contest.sites)
    ]


def overall_scores(contest: Contest) -> dict[str, float]:
    categories = overall_categories(contest)
    if not categories:
        return {}
    weights = {name: CATEGORY_WEIGHTS.get(name, 1.0) for name in categories}
    total = sum(weights.values())
    return {
        site.url: round(sum(site.scores[name] * w for name, w in weights.items()) / total, 1)
        for site in contest.sites
    }


def build_rankings(contest: Contest) -> Rankings:
    overall = rank("overall", "Overall", overall_scores(contest), contest)
    categories = [
        rank(
            name,
            contest.title_of(name),
            {site.url: site.scores[name] for site in contest.sites if name in site.scores},
            contest,
        )
        for name in contest.scored_categories
    ]
    return Rankings(
        overall=overall, overall_categories=overall_categories(contest), categories=categories
    )
