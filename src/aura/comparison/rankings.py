"""Rankings: overall and per category, with ties and the spread between best and worst."""

from __future__ import annotations

from collections.abc import Mapping

from aura.comparison.document import Ranking, RankingEntry, Rankings
from aura.comparison.inputs import CATEGORY_WEIGHTS, Contest
from aura.comparison.noise import CATEGORY_SCORE, OVERALL_SCORE, Noise, within_noise


def competition_ranks(values: Mapping[str, float], *, higher_is_better: bool) -> dict[str, int]:
    """Standard competition ranking ("1224"): equal values share a rank."""
    ordered = sorted(values.values(), reverse=higher_is_better)
    return {url: ordered.index(value) + 1 for url, value in values.items()}


def rank(
    category: str,
    title: str,
    scores: Mapping[str, float],
    contest: Contest,
    unreliable: frozenset[str] = frozenset(),
    noise: Noise = CATEGORY_SCORE,
) -> Ranking:
    """Ranks by score; the leaders are the reliable sites within noise of the best reliable
    score, so a render that failed, or a lead of a point, makes no leader."""
    ranks = competition_ranks(scores, higher_is_better=True)
    entries = sorted(
        (RankingEntry(rank=ranks[url], url=url, score=score) for url, score in scores.items()),
        key=lambda entry: (entry.rank, contest.position(entry.url)),
    )
    reliable = [entry for entry in entries if entry.url not in unreliable]
    best = reliable[0].score if reliable else None
    leaders = [
        entry.url
        for entry in reliable
        if best is not None and within_noise(entry.score, best, noise)
    ]
    return Ranking(
        category=category,
        title=title,
        entries=entries,
        leaders=leaders,
        leader=leaders[0] if len(leaders) == 1 else None,
        spread=round(max(scores.values()) - min(scores.values()), 1) if scores else None,
        unranked=[url for url in contest.urls if url not in scores],
        unreliable=[entry.url for entry in entries if entry.url in unreliable],
    )


def reliable_scores(ranking: Ranking) -> dict[str, float]:
    """The ranking's scores of the sites whose render lets it be trusted, by URL."""
    return {
        entry.url: entry.score for entry in ranking.entries if entry.url not in ranking.unreliable
    }


def unreliable_sites(contest: Contest, categories: list[str]) -> frozenset[str]:
    """Sites with a degraded render whose results in any of ``categories`` are unreliable."""
    return frozenset(
        site.url
        for site in contest.sites
        if any(not site.reliable_category(name) for name in categories)
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
    averaged = overall_categories(contest)
    overall = rank(
        "overall",
        "Overall",
        overall_scores(contest),
        contest,
        unreliable_sites(contest, averaged),
        OVERALL_SCORE,
    )
    categories = [
        rank(
            name,
            contest.title_of(name),
            {site.url: site.scores[name] for site in contest.sites if name in site.scores},
            contest,
            unreliable_sites(contest, [name]),
        )
        for name in contest.scored_categories
    ]
    return Rankings(overall=overall, overall_categories=averaged, categories=categories)
