"""A few plain-language findings, most important first.

With a primary site the findings speak to its owner ("You are last on Performance ..."); without
one they name the leaders. Sites are called by their names (``Site.name``: the user's label,
the page's own name or its host), so the sentences carry user and page text: every output
escapes them, as it does the names.
"""

from __future__ import annotations

from collections.abc import Mapping

from aura.comparison.document import (
    Finding,
    Gaps,
    MetricGap,
    Ranking,
    Rankings,
    Site,
    SiteRecommendations,
    TechnologySection,
)
from aura.comparison.inputs import Contest
from aura.comparison.metrics import format_value
from aura.comparison.noise import CATEGORY_SCORE, significant
from aura.comparison.rankings import reliable_scores
from aura.comparison.strengths import audit_difference_measurable

#: The metric quoted when a site trails a category, in order of preference.
HEADLINE_METRICS: dict[str, tuple[str, ...]] = {
    "performance": ("lcp_mobile", "lcp_desktop", "total_bytes", "response_time_ms"),
    "accessibility": ("axe_violations",),
    "security": ("observatory_score",),
    "content": ("reading_ease",),
}

SHORT_LABELS = {"lcp_mobile": "mobile LCP", "lcp_desktop": "desktop LCP"}

AUDIT_FINDINGS = 3
TECHNOLOGY_FINDINGS = 2


def ordinal(rank: int) -> str:
    suffix = "th" if 10 <= rank % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(rank % 10, "th")
    return f"{rank}{suffix}"


def _competitors(count: int, verb: str) -> str:
    """A sentence's subject: "Your competitor passes", "Both competitors pass", "All 4 ..."."""
    if count == 1:
        return f"Your competitor {verb}es" if verb.endswith("ss") else f"Your competitor {verb}s"
    return f"{'Both' if count == 2 else f'All {count}'} competitors {verb}"


def _metric_phrase(gap: MetricGap) -> str:
    label = SHORT_LABELS.get(gap.id, gap.label)
    amount = format_value(gap.gap, gap.unit)
    if gap.unit == "ms":
        return f"{amount} slower {label} than the leader"
    if gap.unit == "bytes":
        return f"{label}: {amount} more than the leader"
    return (
        f"{label}: {format_value(gap.value, gap.unit)} against "
        f"{format_value(gap.best_value, gap.unit)} for the leader"
    )


def _named(names: Mapping[str, str], url: str) -> str:
    return names.get(url) or url


def partial_findings(sites: list[Site], primary_url: str | None = None) -> list[Finding]:
    """What was left out, each site once: the own site's failure is said by the sentence
    that also says what it costs (no gaps, no recommendations)."""
    left_out = [site for site in sites if not site.compared]
    if not left_out:
        return []
    compared = len(sites) - len(left_out)
    findings = [
        Finding(
            kind="partial",
            text=f"Compared {compared} of {len(sites)} sites; "
            f"{len(left_out)} could not be compared.",
        )
    ]
    findings.extend(
        Finding(
            kind="partial",
            text=f"{site.name or site.url} is left out: {site.error or site.status}.",
            url=site.url,
        )
        for site in left_out
        if site.url != primary_url
    )
    return findings


def overall_finding(
    ranking: Ranking, primary_url: str | None, names: Mapping[str, str] | None = None
) -> Finding | None:
    names = names or {}
    if not ranking.entries:
        return None
    scores = {entry.url: entry for entry in ranking.entries}
    leader = scores.get(ranking.leader) if ranking.leader is not None else None
    if primary_url is None or primary_url not in scores:
        if len(ranking.leaders) > 1:
            shared = scores[ranking.leaders[0]].score
            leaders = " and ".join(_named(names, url) for url in ranking.leaders)
            text = f"{leaders} share the lead overall ({shared:g})."
        elif leader is not None:
            text = f"{_named(names, leader.url)} leads overall with {leader.score:g}."
        else:
            return None
        return Finding(kind="overall", text=text, url=ranking.leaders[0])
    own = scores[primary_url]
    if len(ranking.entries) == 1:
        return Finding(kind="overall", text=f"Your site scores {own.score:g} overall.")
    if primary_url in ranking.unreliable:
        text = (
            f"You rank {ordinal(own.rank)} of {len(ranking.entries)} overall with "
            f"{own.score:g}, but parts of your page failed to load, so the score is not "
            "reliable (see the notes)."
        )
        return Finding(kind="overall", text=text, url=primary_url)
    if ranking.leader == primary_url:
        others = [e for e in ranking.entries if e.url != primary_url]
        runner_up = max(others, key=lambda e: e.score)
        margin = round(own.score - runner_up.score, 1)
        points = "point" if margin == 1 else "points"
        text = (
            f"You lead overall with {own.score:g}, {margin:g} {points} ahead of "
            f"{_named(names, runner_up.url)}."
        )
        return Finding(kind="overall", text=text, url=primary_url)
    if primary_url in ranking.leaders:
        return Finding(
            kind="overall", text=f"You share the lead overall with {own.score:g}.", url=primary_url
        )
    text = f"You rank {ordinal(own.rank)} of {len(ranking.entries)} overall with {own.score:g}"
    if leader is not None:
        text += f"; {_named(names, leader.url)} leads with {leader.score:g}."
    else:
        text += "."
    return Finding(kind="overall", text=text, url=primary_url)


def category_findings(rankings: Rankings, gaps: Gaps, primary_url: str) -> list[Finding]:
    trailing: list[Finding] = []
    leading: list[Finding] = []
    metric_gaps = {gap.id: gap for gap in gaps.metrics}
    for ranking in rankings.categories:
        if primary_url in ranking.unreliable:
            continue
        scores = reliable_scores(ranking)
        own = scores.get(primary_url)
        if own is None or len(scores) < 2 or not ranking.spread:
            continue
        best, worst = max(scores.values()), min(scores.values())
        next_lowest = min(score for url, score in scores.items() if url != primary_url)
        if own == worst and significant(own, next_lowest, CATEGORY_SCORE):
            text = f"You are last on {ranking.title}: {own:g} against {best:g} for the leader"
            quoted = next(
                (
                    metric_gaps[m]
                    for m in HEADLINE_METRICS.get(ranking.category, ())
                    if m in metric_gaps
                ),
                None,
            )
            text += f"; {_metric_phrase(quoted)}." if quoted is not None else "."
            trailing.append(Finding(kind="category", text=text, category=ranking.category))
        elif own == best and ranking.leader == primary_url:
            runner_up = max(score for url, score in scores.items() if url != primary_url)
            leading.append(
                Finding(
                    kind="category",
                    text=f"You lead on {ranking.title}: {own:g}, next best {runner_up:g}.",
                    category=ranking.category,
                )
            )
    # Trailing first: it is what the owner acts on.
    return trailing + leading


def audit_findings(
    contest: Contest, recommendations: list[SiteRecommendations], primary_url: str
) -> list[Finding]:
    own = next((entry for entry in recommendations if entry.url == primary_url), None)
    primary = contest.primary
    if own is None or primary is None:
        return []
    sites = {site.url: site for site in contest.sites}
    findings: list[Finding] = []
    for item in own.items:
        if item.adoption < 1 or not item.competitors_passing:
            continue
        # Neither a failure caused by resources that did not load, nor a pass by a page
        # that did not load them, nor a pass and a fail a measurement's noise apart.
        involved = [primary, *(sites[url] for url in item.competitors_passing if url in sites)]
        if any(not site.reliable_category(name) for site in involved for name in item.categories):
            continue
        if not audit_difference_measurable(
            item.audit_id, primary_url, item.competitors_passing, contest
        ):
            continue
        subject = _competitors(item.competitors_total, "pass")
        findings.append(
            Finding(
                kind="audit",
                text=f"{subject} “{item.goal or item.title}”; your site does not.",
                category=item.categories[0],
            )
        )
        if len(findings) == AUDIT_FINDINGS:
            break
    return findings


def technology_findings(technology: TechnologySection, primary_url: str) -> list[Finding]:
    competitors = [url for url in technology.sites_with_data if url != primary_url]
    if primary_url not in technology.sites_with_data or not competitors:
        return []
    findings: list[Finding] = []
    for group in technology.groups:
        for row in group.technologies:
            if primary_url not in row.sites and all(url in row.sites for url in competitors):
                subject = _competitors(len(competitors), "use")
                text = f"{subject} {row.name}; your site does not."
                findings.append(Finding(kind="technology", text=text))
    return findings[:TECHNOLOGY_FINDINGS]


def leader_findings(rankings: Rankings, names: Mapping[str, str] | None = None) -> list[Finding]:
    names = names or {}
    findings: list[Finding] = []
    for ranking in rankings.categories:
        if ranking.leader is None or len(ranking.entries) < 2:
            continue
        score = next(entry.score for entry in ranking.entries if entry.url == ranking.leader)
        findings.append(
            Finding(
                kind="category",
                text=f"{_named(names, ranking.leader)} leads {ranking.title} with {score:g}.",
                url=ranking.leader,
                category=ranking.category,
            )
        )
    return findings


def build_summary(
    contest: Contest,
    sites: list[Site],
    rankings: Rankings,
    gaps: Gaps | None,
    recommendations: list[SiteRecommendations],
    technology: TechnologySection,
) -> list[Finding]:
    findings = partial_findings(sites, contest.primary_url)
    names = {site.url: site.name for site in sites if site.name}
    primary = contest.primary
    if contest.primary_url is not None and primary is None:
        own = next((site for site in sites if site.url == contest.primary_url), None)
        reason = f" ({own.error or own.status})" if own is not None and not own.compared else ""
        findings.append(
            Finding(
                kind="partial",
                text=f"Your site {_named(names, contest.primary_url)} could not be compared"
                f"{reason}, so there are no gaps or recommendations for it.",
                url=contest.primary_url,
            )
        )
    overall = overall_finding(rankings.overall, primary.url if primary else None, names)
    if overall is not None:
        findings.append(overall)
    if primary is None or gaps is None:
        return findings + leader_findings(rankings, names)
    findings.extend(category_findings(rankings, gaps, primary.url))
    findings.extend(audit_findings(contest, recommendations, primary.url))
    findings.extend(technology_findings(technology, primary.url))
    return findings
