"""Every export says which site did not render as its visitors see it, and that it leads
nothing that depends on what failed."""

from __future__ import annotations

import csv
import io
import json
from typing import Any

from aura.comparison import SiteInput, compare_document
from aura.reports import Report, SiteAnalysis, render_csv, render_html, render_json
from aura.reports.as_markdown import render_markdown
from tests.reports.builders import OURS, RIVAL, THIRD, WHEN, batch_read, sites_for_report

DEGRADED: dict[str, Any] = {
    "status": "degraded",
    "mode": "browser",
    "requested": 11,
    "failed": 11,
    "failed_share": 1.0,
    "unstyled": True,
    "blank": False,
    "reasons": ["rendered unstyled: 1 of 1 stylesheets failed to load"],
    "unreliable": ["design", "performance", "accessibility"],
    "unreliable_metrics": ["total_bytes"],
}
HEALTHY: dict[str, Any] = {**DEGRADED, "status": "healthy", "failed": 1, "reasons": []}


def degraded_report() -> Report:
    sites = []
    for site in sites_for_report(hostile=False):
        assert site.result is not None
        health = DEGRADED if site.url == THIRD else {**HEALTHY, "unreliable": []}
        sites.append(
            SiteInput(
                site.url,
                site.status,
                site.is_primary,
                site.error,
                {**site.result, "render_health": health},
            )
        )
    document = compare_document(sites, OURS)
    analyses = tuple(SiteAnalysis(s.url, s.status, s.error, s.result, ()) for s in sites)
    return Report(batch_read(sites), document, analyses, WHEN)


def test_the_third_site_leads_performance_only_on_paper() -> None:
    document = degraded_report().comparison
    performance = next(r for r in document.rankings.categories if r.category == "performance")
    assert performance.entries[0].url == THIRD  # 95: the highest score, on an unstyled page
    assert performance.unreliable == [THIRD]
    assert performance.leader == RIVAL
    assert any(THIRD in note and "lead nothing" in note for note in document.notes)


def test_markdown_and_html_have_a_render_health_section_and_the_note() -> None:
    report = degraded_report()
    markdown = render_markdown(report).decode()
    assert "## Render health" in markdown
    assert "rendered unstyled: 1 of 1 stylesheets failed to load" in markdown
    assert "11 of 11" in markdown
    assert "Accessibility, Design, Performance" in markdown
    html = render_html(report).decode()
    assert '<section id="render-health">' in html
    assert "degraded" in html
    assert "lead nothing" in html  # the note in the summary


def test_csv_has_the_render_health_of_each_site() -> None:
    rows = list(csv.reader(io.StringIO(render_csv(degraded_report()).decode())))
    header = rows[0]
    status = next(row for row in rows if row[1] == "render_status")
    assert status[header.index(THIRD)] == "degraded"
    assert status[header.index(OURS)] == "healthy"
    unreliable = next(row for row in rows if row[1] == "render_unreliable")
    assert "Performance" in unreliable[header.index(THIRD)]
    # The leaders column of the performance row does not name the degraded site.
    performance = next(row for row in rows if row[0] == "score" and row[1] == "performance")
    assert THIRD not in performance[header.index("leaders")]


def test_json_carries_the_verdict_in_the_comparison_and_the_analysis() -> None:
    body = json.loads(render_json(degraded_report()))
    site = next(s for s in body["comparison"]["sites"] if s["url"] == THIRD)
    assert site["render_health"]["status"] == "degraded"
    analysis = next(a for a in body["analyses"] if a["url"] == THIRD)
    assert analysis["result"]["render_health"]["unstyled"] is True
