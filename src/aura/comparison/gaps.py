"""Gaps: where the primary site trails its best competitor, by category and by metric.

Only differences beyond the metric's noise (``noise.py``) are gaps, and only values that do
not depend on resources that failed to load (a degraded render's) take part on either side.
"""

from __future__ import annotations

from aura.comparison.document import CategoryGap, Gaps, MetricGap, MetricRow, Rankings
from aura.comparison.inputs import Contest
from aura.comparison.metrics import better
from aura.comparison.noise import CATEGORY_SCORE, noise_of, significant
from aura.comparison.rankings import reliable_scores


def category_gaps(contest: Contest, rankings: Rankings, primary_url: str) -> list[CategoryGap]:
    gaps: list[CategoryGap] = []
    for ranking in rankings.categories:
        if primary_url in ranking.unreliable:
            continue
        scores = reliable_scores(ranking)
        own = scores.pop(primary_url, None)
        if own is None or not scores:
            continue
        best = max(scores.values())
        if best <= own or not significant(best, own, CATEGORY_SCORE):
            continue
        gaps.append(
            CategoryGap(
                category=ranking.category,
                title=ranking.title,
                score=own,
                best_score=best,
                best_urls=[url for url, score in scores.items() if score == best],
                gap=round(best - own, 1),
                rank=next(e.rank for e in ranking.entries if e.url == primary_url),
                of=len(ranking.entries),
            )
        )
    return sorted(gaps, key=lambda gap: -gap.gap)


def metric_gaps(rows: list[MetricRow], primary_url: str) -> list[MetricGap]:
    gaps: list[MetricGap] = []
    for row in rows:
        if primary_url in row.unreliable:
            continue
        others = {
            url: value
            for url, value in row.values.items()
            if url != primary_url and url not in row.unreliable
        }
        own = row.values.get(primary_url)
        if own is None or not others:
            continue
        lower = row.direction == "lower"
        best = min(others.values()) if lower else max(others.values())
        if not better(row.direction, best, own):
            continue
        if not significant(best, own, noise_of(row.id, row.unit)):
            continue
        gap = abs(own - best)
        gaps.append(
            MetricGap(
                id=row.id,
                label=row.label,
                unit=row.unit,
                direction=row.direction,
                value=own,
                best_value=best,
                best_urls=[url for url, value in others.items() if value == best],
                gap=round(gap, 6),
                relative_gap=round(gap / max(abs(own), abs(best)), 4),
            )
        )
    return sorted(gaps, key=lambda gap: -gap.relative_gap)


def build_gaps(contest: Contest, rankings: Rankings, metrics: list[MetricRow]) -> Gaps | None:
    primary = contest.primary
    if primary is None:
        return None
    return Gaps(
        primary_url=primary.url,
        categories=category_gaps(contest, rankings, primary.url),
        metrics=metric_gaps(metrics, primary.url),
    )
