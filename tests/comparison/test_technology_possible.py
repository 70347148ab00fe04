"""DOM-only hints below the confidence floor are shown as possible, never as facts."""

from __future__ import annotations

from aura.comparison import SiteInput, compare_document
from aura.reports import Report, SiteAnalysis
from aura.reports.as_html import render_html
from aura.reports.as_markdown import render_markdown
from tests.comparison.builders import audit, category, result
from tests.reports.builders import OURS, RIVAL, WHEN, batch_read


def _stack(items: list[dict[str, object]], possible: list[dict[str, object]]) -> dict[str, object]:
    stack = audit("technology-stack", None, mode="informative")
    stack["details"] = {"status": "ok", "items": items, "possible": possible}
    return result(
        scores={"seo": 80},
        categories={"technology": category("technology", None, stack)},
        facts={"technologies": items},
    )


def _sites() -> list[SiteInput]:
    nginx = {"name": "Nginx", "categories": ["Web servers"], "confidence": 100}
    ours = _stack(
        [nginx], [{"name": "Hotjar", "confidence": 25}, {"name": "Nginx", "confidence": 30}]
    )
    rival = _stack([nginx], [])
    return [
        SiteInput(OURS, "completed", True, None, ours),
        SiteInput(RIVAL, "completed", False, None, rival),
    ]


def test_possible_technologies_are_listed_apart_from_the_stack() -> None:
    document = compare_document(_sites(), OURS)
    section = document.technology

    assert [(t.name, t.confidence) for t in section.possible[OURS]] == [("Hotjar", 25)]
    assert RIVAL not in section.possible
    assert [row.name for group in section.groups for row in group.technologies] == ["Nginx"]


def test_the_exports_label_them_possible() -> None:
    sites = _sites()
    report = Report(
        batch=batch_read(sites),
        comparison=compare_document(sites, OURS),
        analyses=tuple(SiteAnalysis(s.url, s.status, s.error, s.result) for s in sites),
        compared_at=WHEN,
    )
    html = render_html(report).decode()
    markdown = render_markdown(report).decode()

    assert "<h3>Possibly also used</h3>" in html
    assert "Hotjar (25%)" in html
    assert "Possibly also used (hints below the detection's confidence floor" in markdown
    assert "Hotjar (25%)" in markdown
