"""Strengths and weaknesses per site: where it leads the field and where it trails it.

- category: first (strength) or last (weakness) when the scores differ;
- audit: the only site that passes (strength) or fails (weakness) a weighted audit;
- metric: the best (strength) or worst (weakness) value, held alone.
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
from aura.comparison.metrics import format_value


def category_standings(url: str, rankings: Rankings) -> tuple[list[Standing], list[Standing]]:
    strengths: list[Standing] = []
    weaknesses: list[Standing] = []
    for ranking in rankings.categories:
        scores = {entry.url: entry.score for entry in ranking.entries}
        own = scores.get(url)
        if own is None or len(scores) < 2 or not ranking.spread:
            continue
        others = [score for other, score in scores.items() if other != url]
        best, worst = max(scores.values()), min(scores.values())
        if own == best:
            runner_up = max(others)
            lead = "Shares the lead on" if runner_up == own else "Leads"
            strengths.append(
                Standing(
                    kind="category",
                    id=ranking.category,
                    label=ranking.title,
                    text=f"{lead} {ranking.title}: {own:g} (next best {runner_up:g})",
                    value=own,
                    reference=runner_up,
                    margin=round(own - runner_up, 1),
                )
            )
        elif own == worst:
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


def audit_standings(url: str, matrix: Matrix) -> tuple[list[Standing], list[Standing]]:
    strengths: list[Standing] = []
    weaknesses: list[Standing] = []
    seen: set[str] = set()
    rows = sorted(
        (row for category in matrix.categories for row in category.audits if row.weight > 0),
        key=lambda row: -row.weight,
    )
    for row in rows:
        if row.id in seen or url not in row.cells:
            continue
        seen.add(row.id)
        standing = _audit_standing(url, row)
        if standing is None:
            continue
        (strengths if standing[0] else weaknesses).append(standing[1])
    return strengths, weaknesses


def _audit_standing(url: str, row: MatrixRow) -> tuple[bool, Standing] | None:
    status = row.cells[url].status
    others_passing = [other for other in row.passing if other != url]
    others_failing = [other for other in row.failing if other != url]
    if status == "pass" and others_failing and not others_passing:
        text = f"The only site that passes “{row.title}”"
        return True, Standing(kind="audit", id=row.id, label=row.title, text=text)
    if status == "fail" and others_passing and not others_failing:
        text = f"The only site that fails “{row.title}”"
        return False, Standing(kind="audit", id=row.id, label=row.title, text=text)
    return None


def metric_standings(url: str, rows: list[MetricRow]) -> tuple[list[Standing], list[Standing]]:
    strengths: list[Standing] = []
    weaknesses: list[Standing] = []
    for row in rows:
        own = row.values.get(url)
        if own is None or len(row.values) < 2 or row.best == row.worst:
            continue
        others = [value for other, value in row.values.items() if other != url]
        # A metric counts only for a site alone at either end: shared extremes are common
        # (no JavaScript errors, no redirects) and say little about a site.
        if own in others:
            continue
        if own == row.best:
            runner_up = min(others) if row.direction == "lower" else max(others)
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
        elif own == row.worst:
            weaknesses.append(
                Standing(
                    kind="metric",
                    id=row.id,
                    label=row.label,
                    text=f"Worst {row.label}: {format_value(own, row.unit)} "
                    f"(best {format_value(row.best, row.unit)})",
                    value=own,
                    reference=row.best,
                    margin=round(abs(row.best - own), 6),
                )
            )
    return strengths, weaknesses


def build_strengths(
    contest: Contest, rankings: Rankings, matrix: Matrix, metrics: list[MetricRow]
) -> list[SiteStandings]:
    standings: list[SiteStandings] = []
    for url in contest.urls:
        category_s, category_w = category_standings(url, rankings)
        audit_s, audit_w = audit_standings(url, matrix)
        metric_s, metric_w = metric_standings(url, metrics)
        standings.append(
            SiteStandings(
                url=url,
                strengths=category_s + audit_s + metric_s,
                weaknesses=category_w + audit_w + metric_w,
            )
        )
    return standings
