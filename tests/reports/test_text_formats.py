"""The Markdown, CSV and JSON exports."""

from __future__ import annotations

import csv
import io
import json

from aura.comparison import ComparisonDocument
from aura.reports import FORMATS, ReportDocument, export
from aura.reports.as_csv import render_csv
from aura.reports.as_json import render_json
from aura.reports.as_markdown import md, render_markdown
from tests.reports.builders import OURS, RIVAL, THIRD, make_report


class TestMarkdown:
    def test_it_has_the_ranking_grid_and_metrics_as_tables(self) -> None:
        text = render_markdown(make_report()).decode()

        assert "| Rank | Site | Overall score |" in text
        assert "| --- | --- | --- |" in text
        assert "## Scores by category" in text
        assert "| Metric |" in text
        assert "## Recommendations" in text
        assert "## Gaps to the best competitor" in text
        assert "## Technology" in text
        assert "## Content" in text
        assert "## Design" in text
        # Every table row has as many cells as its header.
        for block in text.split("\n\n"):
            rows = [line for line in block.splitlines() if line.startswith("| ")]
            if rows:
                widths = {line.replace("\\|", "").count("|") for line in rows}
                assert len(widths) == 1, block

    def test_page_text_cannot_inject_links_html_or_cells(self) -> None:
        text = render_markdown(make_report()).decode()

        assert "<script>" not in text
        assert "https://evil" not in text
        assert "\\[free prize\\](https\\://evil.example/) \\| =cmd\\|" in text
        assert f"](<{RIVAL}>)" in text  # the only links: the analysed sites

    def test_escaping_keeps_ordinary_text_readable(self) -> None:
        assert md("3.5 ms, 2 of 3") == "3.5 ms, 2 of 3"
        assert md("- not a list") == "\\- not a list"
        assert md("1. not a list") == "1\\. not a list"
        assert md("line\nbreak | pipe") == "line break \\| pipe"
        assert md("see https://x.example") == "see https\\://x.example"

    def test_recommendations_are_actions_with_their_items_and_fix(self) -> None:
        text = render_markdown(make_report()).decode()
        section = text.split("## Recommendations", 1)[1].split("\n## ", 1)[0]

        assert section.lstrip().startswith("Ordered by expected gain")
        # The action names the first failing image; the item list names both, escaped.
        assert '**Give every image a meaningful alt text: \\<img src="/team/ana.jpg"\\>' in section
        assert '     - \\<img src="/team/ana.jpg"\\>' in section
        assert '     - \\<script\\>alert("x")' in section
        assert "High: WCAG 2 level A (1.1.1)" in section
        assert "2 of 2 competitors already do this" in section
        # How to fix it, and the server snippets of the security header.
        assert "Describe informative images in `alt`" in section
        assert 'add_header X-Frame-Options "SAMEORIGIN" always;' in section

    def test_empty_sections_say_so(self) -> None:
        text = render_markdown(make_report(with_failure=True, primary=False)).decode()

        assert "## Not compared" in text
        assert "could not connect: refused" in text


class TestCsv:
    def test_one_row_per_metric_and_one_column_per_site(self) -> None:
        report = make_report()
        rows = list(csv.reader(io.StringIO(render_csv(report).decode())))

        header, body = rows[0], rows[1:]
        assert header[:5] == ["kind", "id", "label", "unit", "better"]
        assert header[5:8] == [OURS, RIVAL, THIRD]
        assert header[8:] == ["leaders", "median"]
        assert all(len(row) == len(header) for row in body)
        metric_ids = [row[1] for row in body if row[0] == "metric"]
        assert metric_ids == [metric.id for metric in report.comparison.metrics]
        score_rows = {row[1]: row for row in body if row[0] == "score"}
        assert "overall" in score_rows
        assert score_rows["seo"][5:8] == ["70", "90", "50"]
        assert score_rows["seo"][8] == RIVAL
        for row in body:
            for value in row[5:8]:
                assert value == "" or float(value) >= 0

    def test_a_failed_site_has_no_column(self) -> None:
        rows = list(csv.reader(io.StringIO(render_csv(make_report(with_failure=True)).decode())))

        assert THIRD not in rows[0]

    def test_no_cell_can_run_as_a_formula(self) -> None:
        rows = list(csv.reader(io.StringIO(render_csv(make_report()).decode())))

        for row in rows:
            for cell in row:
                if cell.startswith(("=", "+", "-", "@")):
                    float(cell)  # only plain numbers may start like a formula


class TestJson:
    def test_it_holds_the_full_comparison_and_every_analysis(self) -> None:
        report = make_report(with_failure=True)
        body = json.loads(render_json(report))

        document = ReportDocument.model_validate(body)
        assert document.comparison == report.comparison
        assert ComparisonDocument.model_validate(body["comparison"]) == report.comparison
        assert [entry.url for entry in document.analyses] == [OURS, RIVAL, THIRD]
        assert document.analyses[2].result is None
        assert document.analyses[2].error == "could not connect: refused"
        assert document.analyses[0].result is not None
        assert document.analyses[0].result["categories"]["seo"]["score"] == 70
        assert document.batch.id == report.batch.id


def test_every_format_has_its_media_type_and_extension() -> None:
    report = make_report()
    names = {name: export(report, name) for name in FORMATS}

    assert names["md"].media_type == "text/markdown; charset=utf-8"
    assert names["csv"].media_type == "text/csv; charset=utf-8"
    assert names["json"].media_type == "application/json"
    assert {produced.file_name.rsplit(".", 1)[1] for produced in names.values()} == {
        "html",
        "md",
        "csv",
        "json",
    }
