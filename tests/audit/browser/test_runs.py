"""Repeated renders: the median run is reported and every run's values are kept."""

from __future__ import annotations

from pathlib import Path

from aura.audit.browser import DESKTOP, MOBILE, BrowserPool, DeviceProfile
from aura.audit.browser.artifacts import LabMetrics, ProfileRun
from aura.audit.browser.runs import median_run, spread
from aura.audit.runner import analyze_url
from tests.audit.browser import pages
from tests.audit.browser.test_render import options
from tests.support.servers import ScriptedSite, serve_scripted


def run(profile: DeviceProfile, lcp: float) -> ProfileRun:
    return ProfileRun(
        profile=profile.name,
        conditions=profile.stated(),
        curves={name: (p10, median) for name, p10, median in profile.curves},
        fcp_ms=500,
        speed_index_ms=700,
        lcp_ms=lcp,
        tbt_ms=0,
        cls=0,
    )


def render(mobile_lcp: float, desktop_lcp: float = 800) -> LabMetrics:
    return LabMetrics((run(MOBILE, mobile_lcp), run(DESKTOP, desktop_lcp)))


def names_in(folder: Path) -> list[str]:
    return sorted(path.name for path in folder.iterdir())


def test_the_median_run_is_the_middle_one_by_score() -> None:
    # The swings of the issue: mobile LCP 552, 2428 and 764 ms over three loads.
    measured: list[LabMetrics | None] = [render(552), render(2428), render(764)]

    chosen = median_run(measured)

    assert chosen == 2
    kept = spread(measured, chosen)
    lcp = kept["metrics"]["lcp_mobile"]
    assert lcp["values"] == [552, 2428, 764]
    assert (lcp["min"], lcp["median"], lcp["max"]) == (552, 764, 2428)
    assert kept["runs"] == kept["measured_runs"] == 3
    scores = kept["metrics"]["performance_score"]["values"]
    assert scores[1] < scores[2] <= scores[0]


def test_a_render_that_measured_nothing_is_left_out() -> None:
    measured: list[LabMetrics | None] = [None, render(900), None]

    assert median_run(measured) == 1
    kept = spread(measured, 1)
    assert kept["measured_runs"] == 1
    assert kept["metrics"]["lcp_mobile"]["values"] == [None, 900, None]
    assert median_run([None, None]) is None


async def test_runs_render_the_page_again_and_report_the_median(
    pool: BrowserPool, tmp_path: Path
) -> None:
    with serve_scripted(ScriptedSite(default=pages.PLAIN)) as site:
        result = await analyze_url(site.url("/"), options(pool, tmp_path, runs=3))
        hits = site.hits["/"]

    # One fetch for the static audits, then two profiles in each of the three renders.
    assert hits == 1 + 3 * 2
    kept = result["lab_spread"]
    assert kept["runs"] == kept["measured_runs"] == 3
    chosen = kept["median_run"]
    for key in ("fcp_mobile", "lcp_desktop", "si_mobile", "performance_score"):
        assert len(kept["metrics"][key]["values"]) == 3, key
    assert result["metrics"]["lcp_mobile"] == kept["metrics"]["lcp_mobile"]["values"][chosen]
    assert result["metrics"]["performance_score"] == round(
        kept["metrics"]["performance_score"]["values"][chosen]
    )
    # The median render's screenshots, and nothing of the others.
    assert names_in(tmp_path) == [
        "desktop.png",
        "full-page.png",
        "mobile.png",
    ]
