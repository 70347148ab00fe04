"""How every site of a set did over all its runs: scores and ranks per category, run by run."""

from __future__ import annotations

from collections.abc import Sequence

from aura.history.document import SiteTrend, TrendRun, Trends
from aura.history.inputs import RunInput
from aura.history.standings import categories_of, primary_of, standings_of


def build_trends(runs: Sequence[RunInput]) -> Trends:
    """Trends over ``runs`` (oldest first); every series is aligned with ``runs``.

    Sites are listed in the newest run's order, then those only older runs had (most recent
    first). A site missing from a run, or not scored there, has None for it.
    """
    standings = [standings_of(run) for run in runs]
    categories = categories_of(*standings)
    urls = list(dict.fromkeys(site.url for run in reversed(runs) for site in run.sites))
    primary_url = next((url for run in reversed(runs) if (url := primary_of(run))), None)
    sites = [
        SiteTrend(
            url=url,
            is_primary=url == primary_url,
            scores={
                category: [
                    run.sites[url].scores.get(category) if url in run.sites else None
                    for run in standings
                ]
                for category in categories
            },
            ranks={
                category: [
                    run.sites[url].ranks.get(category) if url in run.sites else None
                    for run in standings
                ]
                for category in categories
            },
        )
        for url in urls
    ]
    return Trends(
        runs=[
            TrendRun(
                batch_id=run.ref.batch_id,
                status=run.ref.status,
                at=run.ref.finished_at or run.ref.created_at,
            )
            for run in runs
        ],
        categories=categories,
        sites=sites,
    )
