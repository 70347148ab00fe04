"""The exported HTML report, opened in real Chromium: page text with markup stays text."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from aura.reports import export
from tests.e2e.test_ui import ARTIFACTS
from tests.reports.builders import HOSTILE, make_report


def test_hostile_page_text_never_runs_in_the_html_report(tmp_path: Path, page: Any) -> None:
    report = export(make_report(hostile=True, screenshots=True), "html")
    path = tmp_path / "report.html"
    path.write_bytes(report.content)
    requests: list[str] = []
    page.on("request", lambda request: requests.append(request.url))

    page.goto(path.as_uri())
    page.wait_for_load_state("load")

    assert page.dialogs == []
    # The payload is visible as the characters a visitor of the site would have read...
    assert HOSTILE in page.inner_text("body")
    # ...and none of it became markup: no script or image from the payload exists.
    assert page.evaluate("document.querySelectorAll('script').length") == 0
    assert (
        page.evaluate("[...document.images].filter(i => i.src.includes('evil.example')).length")
        == 0
    )
    # Self-contained: the report loads nothing but itself.
    assert [url for url in requests if not url.startswith("file:")] == []
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "report.png"), full_page=True)
