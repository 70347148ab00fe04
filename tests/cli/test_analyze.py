"""``aura analyze`` and the stored batches: ``aura batches`` and ``aura report``."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner, Result

from aura.cli.main import app
from aura.competitive.schemas import BatchPage
from aura.config import get_settings
from aura.reports import ReportDocument
from tests.reports.htmlcheck import assert_self_contained
from tests.support.servers import closed_port_url

runner = CliRunner()


def aura(*args: str) -> Result:
    return runner.invoke(app, list(args), catch_exceptions=False)


@pytest.fixture(scope="module")
def analysed(cli_env: dict[str, str], good_site: str, poor_site: str) -> dict[str, Any]:
    """One batch analysed with ``--format json``; the tests below read it back."""
    result = aura(
        "analyze",
        good_site,
        poor_site,
        "--primary",
        good_site,
        "--name",
        "CLI test",
        "--label",
        f"{poor_site}=Rival <i>& Co</i>",
        "--format",
        "json",
    )
    assert result.exit_code == 0, result.stderr
    return {"result": result, "report": json.loads(result.stdout)}


class TestAnalyze:
    def test_json_output_is_the_report_alone_and_progress_goes_to_stderr(
        self, analysed: dict[str, Any], good_site: str, poor_site: str
    ) -> None:
        report = ReportDocument.model_validate(analysed["report"])

        assert report.batch.status == "completed"
        assert report.batch.name == "CLI test"
        assert [site.url for site in report.comparison.sites] == [good_site, poor_site]
        assert report.comparison.primary_url == good_site
        names = [site.name for site in report.comparison.sites]
        assert names[1] == "Rival <i>& Co</i>"  # the --label
        assert names[0] not in (None, "Rival <i>& Co</i>")
        assert all(entry.result is not None for entry in report.analyses)
        progress = analysed["result"].stderr
        assert f"✓ {good_site} done" in progress
        assert "comparing the sites" in progress

    def test_the_table_shows_ranking_grid_and_recommendations_and_o_writes_the_file(
        self, cli_env: dict[str, str], good_site: str, poor_site: str, tmp_path: Path
    ) -> None:
        target = tmp_path / "report.md"
        result = aura("analyze", poor_site, good_site, "--primary", poor_site, "-o", str(target))

        assert result.exit_code == 0, result.stderr
        for heading in ("Ranking", "Scores by category", "Top recommendations"):
            assert heading in result.stdout
        assert "(you)" in result.stdout
        assert "| Rank | Site | Overall score |" in target.read_text()
        assert f"Report written to {target}" in result.stderr.replace("\n", "")

    def test_exits_1_when_every_url_failed(self, cli_env: dict[str, str]) -> None:
        result = aura("analyze", closed_port_url(), closed_port_url(), "--format", "json")

        assert result.exit_code == 1
        assert "every URL failed" in result.stderr
        assert "connection refused" in result.stderr
        assert json.loads(result.stdout)["batch"]["status"] == "failed"

    @pytest.mark.parametrize(
        ("args", "message"),
        [
            (["ftp://example.com/", "https://example.org/"], "only http and https"),
            (["https://example.com/"], "between 2 and"),
            (["a.example", "b.example", "--primary", "c.example"], "not one of the submitted"),
            (["a.example", "b.example", "--format", "pdf"], "unknown format"),
            (["a.example", "b.example", "-o", "out.pdf"], "cannot tell the format"),
            (["a.example", "b.example", "--mode", "psychic"], "mode"),
            (["a.example", "b.example", "--runs", "9"], "--runs"),
            (["a.example", "b.example", "--label", "Acme"], "--label: give URL=NAME"),
            (["a.example", "b.example", "--label", "c.example=C"], "--label: 'c.example' is not"),
            (["a.example", "b.example", "--pages", "0"], "--pages"),
            (["a.example", "b.example", "--depth", "-1"], "--depth"),
        ],
    )
    def test_invalid_input_exits_2_with_the_reason(
        self, cli_env: dict[str, str], args: list[str], message: str
    ) -> None:
        result = aura("analyze", *args)

        assert result.exit_code == 2
        assert message in result.stderr


def test_pages_crawls_each_site_and_the_progress_counts_its_pages(
    cli_env: dict[str, str], good_site: str, poor_site: str
) -> None:
    result = aura("analyze", good_site, poor_site, "--pages", "3", "--format", "json")

    assert result.exit_code == 0, result.stderr
    report = ReportDocument.model_validate(json.loads(result.stdout))
    assert report.batch.status == "completed"
    # Every site's crawl finished before the comparison, and the progress said so.
    crawls = [site.crawl for site in report.batch.urls]
    assert all(crawl is not None and crawl.status == "completed" for crawl in crawls)
    assert all(crawl is not None and crawl.done + crawl.failed >= 1 for crawl in crawls)
    assert "pages" in result.stderr


def test_the_batch_is_stored_in_the_configured_postgresql_database(
    cli_env: dict[str, str],
    postgres_url: str,
    good_site: str,
    poor_site: str,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("AURA_DATABASE_URL", postgres_url)
    get_settings.cache_clear()
    try:
        analysed = aura("analyze", good_site, poor_site, "--format", "json")
        listed = aura("batches", "list", "--json")
    finally:
        get_settings.cache_clear()

    assert analysed.exit_code == 0, analysed.stderr
    batch_id = json.loads(analysed.stdout)["batch"]["id"]
    assert [str(item.id) for item in BatchPage.model_validate_json(listed.stdout).items] == [
        batch_id
    ]


class TestBatches:
    def test_list_shows_the_batch(
        self, analysed: dict[str, Any], monkeypatch: pytest.MonkeyPatch
    ) -> None:
        batch_id = analysed["report"]["batch"]["id"]
        monkeypatch.setenv("COLUMNS", "80")

        table = aura("batches", "list")
        as_json = aura("batches", "list", "--json")

        assert table.exit_code == 0
        # Readable at 80 columns: the id whole, the name whole, no line wider.
        assert batch_id in table.stdout
        assert "CLI test" in table.stdout
        assert max(len(line) for line in table.stdout.splitlines()) <= 80
        page = BatchPage.model_validate_json(as_json.stdout)
        assert batch_id in {str(item.id) for item in page.items}

    def test_show_prints_the_urls_and_the_comparison(
        self, analysed: dict[str, Any], poor_site: str
    ) -> None:
        result = aura("batches", "show", analysed["report"]["batch"]["id"])

        assert result.exit_code == 0
        assert poor_site in result.stdout
        assert "Scores by category" in result.stdout

    def test_unknown_or_malformed_ids_are_errors(self, cli_env: dict[str, str]) -> None:
        unknown = aura("batches", "show", "00000000-0000-4000-8000-000000000000")
        malformed = aura("batches", "show", "not-an-id")

        assert unknown.exit_code == 1
        assert "not found" in unknown.stderr
        assert malformed.exit_code == 2


class TestReport:
    @pytest.mark.parametrize("fmt", ["html", "md", "csv", "json"])
    def test_writes_each_format(
        self,
        analysed: dict[str, Any],
        good_site: str,
        poor_site: str,
        tmp_path: Path,
        fmt: str,
    ) -> None:
        target = tmp_path / f"out.{fmt}"
        result = aura("report", analysed["report"]["batch"]["id"], "-o", str(target))

        assert result.exit_code == 0, result.stderr
        text = target.read_text(encoding="utf-8")
        if fmt == "html":
            assert_self_contained(text, [good_site, poor_site])
        elif fmt == "md":
            assert "## Ranking" in text
        elif fmt == "csv":
            rows = list(csv.reader(io.StringIO(text)))
            assert rows[0][5:7] == [good_site, poor_site]
        else:
            assert ReportDocument.model_validate_json(text).batch.name == "CLI test"

    def test_only_report_formats_are_accepted(self, analysed: dict[str, Any]) -> None:
        result = aura("report", analysed["report"]["batch"]["id"], "--format", "table")

        assert result.exit_code == 2
        assert "html, md, csv, json" in result.stderr

    def test_stdout_and_the_default_file_name(
        self, analysed: dict[str, Any], cli_env: dict[str, str]
    ) -> None:
        batch_id = analysed["report"]["batch"]["id"]
        to_stdout = aura("report", batch_id, "--format", "md", "-o", "-")
        to_file = aura("report", batch_id, "--format", "csv")

        assert to_stdout.stdout.startswith("# CLI test")
        expected = Path(cli_env["AURA_DATA_DIR"]) / f"aura-cli-test-{batch_id[:8]}.csv"
        assert to_file.exit_code == 0
        assert expected.is_file()


def test_delete_removes_the_batch(analysed: dict[str, Any]) -> None:
    batch_id = analysed["report"]["batch"]["id"]

    deleted = aura("batches", "delete", batch_id)
    shown = aura("batches", "show", batch_id)
    again = aura("batches", "delete", batch_id)

    assert deleted.exit_code == 0
    assert shown.exit_code == 1
    assert again.exit_code == 1
