"""The comparison of a batch: from the sites' analysis results to the comparison document.

Pure functions: no database, no IO, no clock, no randomness, so the same analyses always give
the same document. Sites keep the batch's order, which breaks every tie that a value does not.
Only completed analyses of one ``analysis_version`` (the newest present) are compared; every
other site is listed with the reason it was left out, and the document says it is partial.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from aura.comparison.content import build_content
from aura.comparison.design import build_design
from aura.comparison.document import ComparisonDocument, Rankings, Site, SiteHealth
from aura.comparison.gaps import build_gaps
from aura.comparison.inputs import (
    Analysed,
    Contest,
    SiteInput,
    contest_of,
    number,
    strings,
    text,
)
from aura.comparison.matrix import build_matrix
from aura.comparison.metrics import build_metrics
from aura.comparison.names import site_names
from aura.comparison.rankings import build_rankings
from aura.comparison.recommendations import ORDER_EXPLAINED, build_recommendations
from aura.comparison.site import build_site_section, site_recommendations
from aura.comparison.strengths import build_strengths
from aura.comparison.summary import build_summary
from aura.comparison.technology import build_technology

COMPARISON_VERSION = "1.3"

__all__ = ["COMPARISON_VERSION", "SiteInput", "compare", "compare_document"]


def _version_key(version: str) -> tuple[int, ...]:
    return tuple(int(part) if part.isdigit() else 0 for part in version.split("."))


def _analysis_version(site: SiteInput) -> str:
    return str((site.result or {}).get("analysis_version"))


def _select(sites: Sequence[SiteInput]) -> tuple[str | None, dict[int, SiteInput], dict[int, str]]:
    """The compared version, the sites compared at it and why others are excluded (by position)."""
    completed = [site for site in sites if site.status == "completed" and site.result]
    # Results of different analysis versions measure different things: only the newest
    # version is compared, and the others are listed with the reason they are left out.
    version = max((_analysis_version(s) for s in completed), key=_version_key, default=None)
    analysed: dict[int, SiteInput] = {}
    excluded: dict[int, str] = {}
    for position, site in enumerate(sites):
        if site.status != "completed" or not site.result:
            continue
        if _analysis_version(site) != version:
            excluded[position] = (
                f"analysed with version {_analysis_version(site)}, compared at {version}"
            )
        elif any(other.url == site.url for other in analysed.values()):
            excluded[position] = "the same URL is listed twice; compared once"
        else:
            analysed[position] = site
    return version, analysed, excluded


def _primary_url(sites: Sequence[SiteInput], primary_url: str | None) -> str | None:
    if primary_url is not None:
        return primary_url
    return next((site.url for site in sites if site.is_primary), None)


def _site_entries(
    sites: Sequence[SiteInput],
    analysed: dict[int, SiteInput],
    excluded: dict[int, str],
    contest: Contest,
    rankings: Rankings,
) -> list[Site]:
    views = {site.url: site for site in contest.sites}
    overall = {entry.url: entry for entry in rankings.overall.entries}
    names = site_names(
        [(site.url, site.result) for site in sites], {site.url: site.label for site in sites}
    )
    entries: list[Site] = []
    for position, site in enumerate(sites):
        result = site.result or {}
        view = views[site.url] if position in analysed else None
        ranked = overall.get(site.url) if view is not None else None
        entries.append(
            Site(
                url=site.url,
                name=names[site.url],
                status="excluded" if position in excluded else site.status,
                compared=view is not None,
                error=excluded.get(position, site.error),
                is_primary=site.url == contest.primary_url,
                final_url=text(result.get("final_url")),
                title=text(result.get("title")),
                mode=text(result.get("mode")),
                analysis_version=text(result.get("analysis_version")),
                scores=dict(view.scores) if view is not None else {},
                overall_score=ranked.score if ranked is not None else None,
                overall_rank=ranked.rank if ranked is not None else None,
                security_grade=text(view.facts.get("security_grade")) if view else None,
                render_health=site_health(view) if view is not None else None,
            )
        )
    return entries


def site_health(site: Analysed) -> SiteHealth | None:
    health = site.health
    if health.get("status") not in ("healthy", "degraded"):
        return None
    failed, requested = number(health.get("failed")), number(health.get("requested"))
    unstyled, blank = health.get("unstyled"), health.get("blank")
    return SiteHealth(
        status=health["status"],
        reasons=strings(health.get("reasons")),
        requested=int(requested or 0),
        failed=int(failed or 0),
        failed_share=number(health.get("failed_share")),
        unstyled=unstyled if isinstance(unstyled, bool) else None,
        blank=blank if isinstance(blank, bool) else None,
        unreliable=sorted(site.unreliable_categories),
    )


def health_note(site: Analysed, contest: Contest) -> str | None:
    """What a degraded render means for the comparison, in Aura's words (and the URL)."""
    if not site.degraded:
        return None
    reasons = "; ".join(strings(site.health.get("reasons"))) or "resources failed to load"
    categories = ", ".join(contest.title_of(name) for name in sorted(site.unreliable_categories))
    return (
        f"{site.url} did not render as its visitors see it ({reasons}): its "
        f"{categories or 'affected'} results are shown but are not reliable, and lead nothing."
    )


def _notes(sites: list[Site], contest: Contest, rankings: Rankings) -> list[str]:
    notes = [
        f"{site.url} is not compared ({site.status}): {site.error or 'no result'}"
        for site in sites
        if not site.compared
    ]
    notes.extend(note for site in contest.sites if (note := health_note(site, contest)))
    left_out = [c for c in contest.scored_categories if c not in rankings.overall_categories]
    if left_out:
        notes.append(
            "The overall score leaves out categories some sites have no score for: "
            + ", ".join(contest.title_of(name) for name in left_out)
        )
    if contest.primary_url is not None and contest.primary is None:
        notes.append(f"The primary site {contest.primary_url} could not be compared")
    return notes


def compare_document(
    sites: Sequence[SiteInput], primary_url: str | None = None
) -> ComparisonDocument:
    version, analysed, excluded = _select(sites)
    primary = _primary_url(sites, primary_url)
    contest = contest_of(
        [Analysed(site.url, site.url == primary, site.result or {}) for site in analysed.values()],
        primary,
    )
    rankings = build_rankings(contest)
    metrics = build_metrics(contest)
    matrix = build_matrix(contest)
    gaps = build_gaps(contest, rankings, metrics)
    recommendations = site_recommendations(contest, build_recommendations(contest))
    technology = build_technology(contest)
    entries = _site_entries(sites, analysed, excluded, contest, rankings)
    names = {entry.url: entry.name or entry.url for entry in entries}
    return ComparisonDocument(
        comparison_version=COMPARISON_VERSION,
        analysis_version=version,
        primary_url=primary,
        partial=any(not site.compared for site in entries),
        compared=len(contest.sites),
        total=len(entries),
        notes=_notes(entries, contest, rankings),
        sites=entries,
        rankings=rankings,
        metrics=metrics,
        matrix=matrix,
        gaps=gaps,
        recommendations=recommendations,
        recommendations_order=ORDER_EXPLAINED,
        strengths=build_strengths(contest, rankings, matrix, metrics),
        technology=technology,
        content=build_content(contest),
        design=build_design(contest),
        summary=build_summary(contest, entries, rankings, gaps, recommendations, technology),
        site=build_site_section(contest, names, contest.primary_url),
    )


def compare(sites: Sequence[SiteInput], primary_url: str | None = None) -> dict[str, Any]:
    """The comparison document as JSON-ready data (what ``comparison_results`` stores)."""
    return compare_document(sites, primary_url).model_dump(mode="json")
