"""Strengths and weaknesses per site: where it leads the field and where it trails it.

- category: first (strength) or last (weakness) when the scores differ;
- audit: the only site that passes (strength) or fails (weakness) a weighted audit;
- metric: the best (strength) or worst (weakness) value, held alone.

"Alone" means by more than the noise of the score or metric (``noise.py``). A site's results
that depend on resources that failed to load (a degraded render) are neither its strengths
nor its weaknesses, and do not count against other sites either.
"""

from __future__ import annotations

from aura.comparison.document import (
    Matrix,
    MatrixRow,
    MetricRow,
    Rankings,
    SiteStandings,
    Standing,
)
from aura.comparison.inputs import Contest
from aura.comparison.metrics import better, format_value, spec_of
from aura.comparison.noise import AUDIT_METRICS, CATEGORY_SCORE, noise_of, significant
from aura.comparison.rankings import reliable_scores


def category_standings(url: str, rankings: Rankings) -> tuple[list[Standing], list[Standing]]:
    strengths: list[Standing] = []
    weaknesses: list[Standing] = []
    for ranking in rankings.categories:
        scores = reliable_scores(ranking)
        own = scores.get(url)
        if own is None or len(scores) < 2 or not ranking.spread:
            continue
        others = [score for other, score in scores.items() if other != url]
        best, worst = max(scores.values()), min(scores.values())
        if own == best:
            runner_up = max(others)
            if not significant(own, runner_up, CATEGORY_SCORE):
                continue  # a lead within noise is no strength
            strengths.append(
                Standing(
                    kind="category",
                    id=ranking.category,
                    label=ranking.title,
                    text=f"Leads {ranking.title}: {own:g} (next best {runner_up:g})",
                    value=own,
                    reference=runner_up,
                    margin=round(own - runner_up, 1),
                )
            )
        elif own == worst and significant(own, min(others), CATEGORY_SCORE):
            weaknesses.append(
                Standing(
                    kind="category",
                    id=ranking.category,
                    label=ranking.title,
                    text=f"Last on {ranking.title}: {own:g} (leader {best:g})",
                    value=own,
                    reference=best,
                    margin=round(best - own, 1),
                )
            )
    return strengths, weaknesses


def audit_standings(
    url: str, matrix: Matrix, contest: Contest
) -> tuple[list[Standing], list[Standing]]:
    strengths: list[Standing] = []
    weaknesses: list[Standing] = []
    seen: set[str] = set()
    rows = sorted(
        (
            (category.category, row)
            for category in matrix.categories
            for row in category.audits
            if row.weight > 0
        ),
        key=lambda pair: -pair[1].weight,
    )
    for category, row in rows:
        if row.id in seen or url not in row.cells:
            continue
        seen.add(row.id)
        unreliable = {site.url for site in contest.sites if not site.reliable_category(category)}
        if url in unreliable:
            continue
        standing = _audit_standing(url, row, unreliable, contest)
        if standing is None:
            continue
        (strengths if standing[0] else weaknesses).append(standing[1])
    return strengths, weaknesses


def _audit_standing(
    url: str, row: MatrixRow, unreliable: set[str], contest: Contest
) -> tuple[bool, Standing] | None:
    status = row.cells[url].status
    others_passing = [o for o in row.passing if o != url and o not in unreliable]
    others_failing = [o for o in row.failing if o != url and o not in unreliable]
    if status == "pass" and others_failing and not others_passing:
        if not audit_difference_measurable(row.id, url, others_failing, contest):
            return None
        text = f"The only site that passes “{row.title}”"
        return True, Standing(kind="audit", id=row.id, label=row.title, text=text)
    if status == "fail" and others_passing and not others_failing:
        if not audit_difference_measurable(row.id, url, others_passing, contest):
            return None
        text = f"The only site that fails “{row.title}”"
        return False, Standing(kind="audit", id=row.id, label=row.title, text=text)
    return None


def audit_difference_measurable(
    audit_id: str, url: str, others: list[str], contest: Contest
) -> bool:
    """For an audit decided by one measured number (``noise.AUDIT_METRICS``): whether the
    site's number differs from each of ``others``' by more than the metric's noise, so that
    passing one and failing the other is not a matter of measurement noise. Other audits:
    always."""
    metric_ids = AUDIT_METRICS.get(audit_id)
    if not metric_ids:
        return True
    sites = {site.url: site for site in contest.sites}
    for metric_id in metric_ids:
        spec = spec_of(metric_id)
        own = sites[url].metrics.get(metric_id) if url in sites else None
        if spec is None or own is None:
            continue
        noise = noise_of(metric_id, spec.unit)
        values = [sites[o].metrics.get(metric_id) for o in others if o in sites]
        if all(v is not None and significant(own, v, noise) for v in values):
            return True
    return False


def metric_standings(url: str, rows: list[MetricRow]) -> tuple[list[Standing], list[Standing]]:
    strengths: list[Standing] = []
    weaknesses: list[Standing] = []
    for row in rows:
        own = row.values.get(url)
        values = {u: v for u, v in row.values.items() if u not in row.unreliable}
        if own is None or url not in values or len(values) < 2:
            continue
        others = [value for other, value in values.items() if other != url]
        lower = row.direction == "lower"
        noise = noise_of(row.id, row.unit)
        best_other = min(others) if lower else max(others)
        worst_other = max(others) if lower else min(others)
        # A metric counts only for a site alone at either end, ahead of or behind every
        # other by more than the noise: shared extremes are common (no JavaScript errors,
        # no redirects) and say little about a site.
        if better(row.direction, own, best_other) and significant(own, best_other, noise):
            runner_up = best_other
            strengths.append(
                Standing(
                    kind="metric",
                    id=row.id,
                    label=row.label,
                    text=f"Best {row.label}: {format_value(own, row.unit)} "
                    f"(next best {format_value(runner_up, row.unit)})",
                    value=own,
                    reference=runner_up,
                    margin=round(abs(own - runner_up), 6),
                )
            )
        elif better(row.direction, worst_other, own) and significant(own, worst_other, noise):
            weaknesses.append(
                Standing(
                    kind="metric",
                    id=row.id,
                    label=row.label,
                    text=f"Worst {row.label}: {format_value(own, row.unit)} "
                    f"(best {format_value(best_other, row.unit)})",
                    value=own,
                    reference=best_other,
                    margin=round(abs(best_other - own), 6),
                )
            )
    return strengths, weaknesses


def build_strengths(
    contest: Contest, rankings: Rankings, matrix: Matrix, metrics: list[MetricRow]
) -> list[SiteStandings]:
    standings: list[SiteStandings] = []
    for url in contest.urls:
        category_s, category_w = category_standings(url, rankings)
        audit_s, audit_w = audit_standings(url, matrix, contest)
        metric_s, metric_w = metric_standings(url, metrics)
        standings.append(
            SiteStandings(
                url=url,
                strengths=category_s + audit_s + metric_s,
                weaknesses=category_w + audit_w + metric_w,
            )
        )
    return standings
