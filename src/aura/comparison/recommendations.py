"""Recommendations: a site's failed audits, ranked by what its competitors already do better.

impact = potential_points * adoption, where

- potential_points = 100 * the audit's share of the site's overall score (audit weight over
  the category's counted weight, times the category's weight over all categories) * the gap
  between the best competitor's audit score and the site's own: the overall points the site
  gains by doing as well as the best competitor;
- adoption = the share of competitors that pass the audit.

A competitor whose render was degraded (see ``render_health``) is not counted for audits of
the categories it makes unreliable. A failed audit no competitor passes is still listed,
after the others, as an ``opportunity`` (potential measured against a full pass, impact 0):
nobody does it yet.
"""

from __future__ import annotations

from aura.comparison.document import CompetitorExample, Recommendation, SiteRecommendations
from aura.comparison.inputs import CATEGORY_WEIGHTS, Analysed, AuditEntry, Contest


def audit_share(site: Analysed, entry: AuditEntry) -> float:
    """The audit's share (0-1) of the site's overall score through ``entry``'s category."""
    category = site.categories.get(entry.category)
    if category is None or entry.category not in site.scores:
        return 0.0
    counted = sum(audit.advice_weight for audit in category.audits if advisable(audit))
    weights = {name: CATEGORY_WEIGHTS.get(name, 1.0) for name in site.scores}
    if counted <= 0 or sum(weights.values()) <= 0:
        return 0.0
    return entry.advice_weight / counted * weights[entry.category] / sum(weights.values())


def advisable(entry: AuditEntry) -> bool:
    """A scored audit that weighs in its category's score, or in its static score (browser
    mode's opportunities, which Lighthouse's lab score leaves out)."""
    return entry.score is not None and entry.advice_weight > 0 and entry.mode == "numeric"


def failed_audits(site: Analysed) -> dict[str, list[AuditEntry]]:
    """Advisable, failing audits by id (an audit may count in several categories)."""
    failing: dict[str, list[AuditEntry]] = {}
    for category in site.categories.values():
        for entry in category.audits:
            if advisable(entry) and not entry.passed:
                failing.setdefault(entry.id, []).append(entry)
    return failing


def competitor_entry(competitor: Analysed, entry: AuditEntry) -> AuditEntry | None:
    return competitor.audit(entry.category, entry.id) or competitor.any_audit(entry.id)


def recommendation(
    site: Analysed, entries: list[AuditEntry], competitors: list[Analysed], contest: Contest
) -> Recommendation:
    own = entries[0]
    own_score = own.score or 0.0
    # A competitor whose render was degraded in the audit's category proves nothing there.
    theirs = {
        competitor.url: found
        for competitor in competitors
        if (found := competitor_entry(competitor, own)) is not None
        and found.score is not None
        and competitor.reliable_category(found.category)
    }
    passing = [url for url, found in theirs.items() if found.passed]
    best = max((found.score or 0.0 for found in theirs.values()), default=None)
    share = sum(audit_share(site, entry) for entry in entries)
    if passing and best is not None:
        potential = 100 * share * (best - own_score)
        adoption = len(passing) / len(competitors)
    else:
        potential, adoption = 100 * share * (1 - own_score), 0.0
    ahead = sorted(
        (
            (url, found)
            for url, found in theirs.items()
            if found.score is not None and found.score > own_score
        ),
        key=lambda item: (-(item[1].score or 0.0), contest.position(item[0])),
    )
    goal = next((theirs[url].title for url in passing), None)
    return Recommendation(
        audit_id=own.id,
        title=own.title,
        goal=goal,
        description=own.description,
        categories=[entry.category for entry in entries],
        kind="catch_up" if passing else "opportunity",
        score=own_score,
        your_value=own.display_value,
        best_competitor_score=best,
        competitors_passing=passing,
        competitors_total=len(competitors),
        adoption=round(adoption, 4),
        potential_points=round(potential, 2),
        impact=round(potential * adoption, 2),
        competitors=[
            CompetitorExample(url=url, score=found.score or 0.0, display_value=found.display_value)
            for url, found in ahead
        ],
    )


def recommendations_for(site: Analysed, contest: Contest) -> SiteRecommendations:
    competitors = contest.others(site.url)
    items = [
        recommendation(site, entries, competitors, contest)
        for entries in failed_audits(site).values()
    ]
    items.sort(key=lambda item: (item.kind != "catch_up", -item.impact, -item.potential_points))
    return SiteRecommendations(url=site.url, items=items)


def build_recommendations(contest: Contest) -> list[SiteRecommendations]:
    if contest.primary_url is not None:
        primary = contest.primary
        return [] if primary is None else [recommendations_for(primary, contest)]
    return [recommendations_for(site, contest) for site in contest.sites]
