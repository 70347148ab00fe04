"""Where each site of one run stood: its overall and category scores and its ranks.

The run's stored comparison document is the authority (it decided the overall score and the
ranks for that batch); a run stored without one gets it recomputed from its analyses by the
same pure function. A site the comparison left out (another analysis version) still shows
the category scores of its own result, without an overall score or ranks.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from aura.comparison import SiteInput, compare
from aura.comparison.inputs import mapping, number, order_categories, text
from aura.comparison.noise import Spread, spread_of
from aura.history.inputs import RunInput, SiteRun

OVERALL = "overall"


@dataclass(frozen=True)
class Standing:
    """One site in one run: ``overall`` and category id → score, and → rank; ``spreads``:
    how far the scores measured by repeated renders went (``performance``, browser mode)."""

    scores: dict[str, float] = field(default_factory=dict)
    ranks: dict[str, int] = field(default_factory=dict)
    spreads: dict[str, Spread] = field(default_factory=dict)


@dataclass(frozen=True)
class RunStandings:
    sites: dict[str, Standing]
    titles: dict[str, str]

    def title(self, category: str) -> str:
        return self.titles.get(category, category)

    def categories(self) -> list[str]:
        """``overall`` first, then every category scored or ranked in the run, in order."""
        found: list[str] = []
        for standing in self.sites.values():
            for name in (*standing.scores, *standing.ranks):
                if name != OVERALL and name not in found:
                    found.append(name)
        return [OVERALL, *order_categories(found)]


def categories_of(*standings: RunStandings) -> list[str]:
    """``overall``, then every category scored in any of the runs, in the usual order."""
    found = [name for run in standings for name in run.categories() if name != OVERALL]
    return [OVERALL, *order_categories(list(dict.fromkeys(found)))]


def primary_of(run: RunInput) -> str | None:
    """The run's own site: as the run names it, else the site flagged as primary."""
    if run.primary_url is not None:
        return run.primary_url
    return next((site.url for site in run.sites if site.is_primary), None)


def completed(site: SiteRun) -> bool:
    return site.status == "completed" and site.result is not None


def _comparison(run: RunInput) -> Mapping[str, Any]:
    if run.comparison is not None:
        return run.comparison
    return compare(
        [
            SiteInput(
                url=site.url,
                status=site.status,
                is_primary=site.is_primary,
                error=site.error,
                result=dict(site.result) if site.result is not None else None,
            )
            for site in run.sites
        ],
        run.primary_url,
    )


def _result_scores(result: Mapping[str, Any] | None) -> dict[str, float]:
    scores: dict[str, float] = {}
    for name, raw in mapping(mapping(result).get("categories")).items():
        body = mapping(raw)
        score = number(body.get("score"))
        if score is not None and not body.get("informative"):
            scores[name] = score
    return scores


def _result_titles(run: RunInput) -> dict[str, str]:
    titles: dict[str, str] = {}
    for site in run.sites:
        for name, raw in mapping(mapping(site.result).get("categories")).items():
            title = text(mapping(raw).get("title"))
            if title is not None:
                titles.setdefault(name, title)
    return titles


def _rankings(document: Mapping[str, Any]) -> list[Mapping[str, Any]]:
    rankings = mapping(document.get("rankings"))
    categories = rankings.get("categories")
    return [
        mapping(rankings.get("overall")),
        *(mapping(item) for item in (categories if isinstance(categories, list) else [])),
    ]


def standings_of(run: RunInput) -> RunStandings:
    document = _comparison(run)
    titles = {OVERALL: "Overall", **_result_titles(run)}
    sites: dict[str, Standing] = {}
    entries = document.get("sites")
    compared = {
        url: mapping(entry)
        for entry in (entries if isinstance(entries, list) else [])
        if (url := text(mapping(entry).get("url"))) is not None and mapping(entry).get("compared")
    }
    for site in run.sites:
        if not completed(site):
            continue
        entry = compared.get(site.url)
        spreads = spread_of(mapping(site.result).get("lab_spread"))
        if entry is None:
            sites[site.url] = Standing(scores=_result_scores(site.result), spreads=spreads)
            continue
        scores = {
            name: value
            for name, raw in mapping(entry.get("scores")).items()
            if (value := number(raw)) is not None
        }
        if (overall := number(entry.get("overall_score"))) is not None:
            scores[OVERALL] = overall
        sites[site.url] = Standing(scores=scores, spreads=spreads)
    for ranking in _rankings(document):
        category = text(ranking.get("category"))
        if category is None:
            continue
        if (title := text(ranking.get("title"))) is not None:
            titles[category] = title
        for raw in ranking.get("entries") or []:
            entry = mapping(raw)
            url, rank = text(entry.get("url")), number(entry.get("rank"))
            if url in sites and rank is not None:
                sites[url].ranks[category] = int(rank)
                score = number(entry.get("score"))
                if category not in sites[url].scores and score is not None:
                    sites[url].scores[category] = score
    return RunStandings(sites=sites, titles=titles)
