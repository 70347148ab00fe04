"""``aura check``: the competitor-aware CI gate, in both directions."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner, Result

from aura.cli.check_work import evaluate
from aura.cli.main import app
from tests.reports.builders import OURS, RIVAL, THIRD, make_report
from tests.support.servers import closed_port_url

runner = CliRunner()


def aura(*args: str) -> Result:
    return runner.invoke(app, list(args), catch_exceptions=False)


class TestGate:
    def test_fails_with_the_reason_when_the_own_site_trails(
        self, cli_env: dict[str, str], good_site: str, poor_site: str
    ) -> None:
        result = aura("check", poor_site, "--against", good_site, "--categories", "seo")

        assert result.exit_code == 1
        assert "Failed (1)" in result.stdout
        explanation = " ".join(result.stdout.split())
        assert "SEO: your site scores" in explanation
        assert f"points behind {good_site}" in explanation

    def test_passes_when_the_own_site_keeps_up(
        self, cli_env: dict[str, str], good_site: str, poor_site: str
    ) -> None:
        result = aura(
            "check",
            good_site,
            "--against",
            poor_site,
            "--categories",
            "seo,accessibility",
            "--json",
        )

        assert result.exit_code == 0, result.stdout
        verdict = json.loads(result.stdout)
        assert verdict["passed"] is True
        assert [line["category"] for line in verdict["categories"]] == ["seo", "accessibility"]

    def test_fails_under_a_floor_even_when_leading(
        self, cli_env: dict[str, str], good_site: str, poor_site: str
    ) -> None:
        result = aura(
            "check",
            good_site,
            "--against",
            poor_site,
            "--categories",
            "seo",
            "--fail-under",
            "security=100",
        )

        assert result.exit_code == 1
        assert "under the floor of 100" in " ".join(result.stdout.split())

    def test_fails_when_the_own_site_cannot_be_analysed(
        self, cli_env: dict[str, str], good_site: str
    ) -> None:
        down = closed_port_url()
        result = aura("check", down, "--against", good_site)

        assert result.exit_code == 1
        assert "could not be analysed" in " ".join(result.stdout.split())

    @pytest.mark.parametrize(
        ("args", "message"),
        [
            (["--categories", "speed"], "unknown categories speed"),
            (["--fail-under", "seo"], "CATEGORY=SCORE"),
            (["--fail-under", "seo=lots"], "not a number"),
            (["--fail-under", "seo=120"], "from 0 to 100"),
        ],
    )
    def test_bad_options_exit_2(
        self, cli_env: dict[str, str], args: list[str], message: str
    ) -> None:
        result = aura("check", "a.example", "--against", "b.example", *args)

        assert result.exit_code == 2
        assert message in result.stderr


class TestEvaluate:
    """The verdict on a comparison built by hand (SEO: ours 70, rival 90, third 50)."""

    def test_trailing_one_competitor_is_enough_to_fail(self) -> None:
        verdict = evaluate(make_report().comparison, OURS, ["seo"], {})

        assert not verdict.passed
        assert verdict.problems == [f"SEO: your site scores 70, 20 points behind {RIVAL} (90)."]

    def test_the_tolerance_allows_a_small_gap(self) -> None:
        assert evaluate(make_report().comparison, OURS, ["seo"], {}, tolerance=20).passed
        assert not evaluate(make_report().comparison, OURS, ["seo"], {}, tolerance=19.9).passed

    def test_overall_and_floors(self) -> None:
        document = make_report().comparison
        own = next(site for site in document.sites if site.url == OURS)
        assert own.overall_score is not None

        verdict = evaluate(document, OURS, [], {"overall": own.overall_score + 1})

        assert not verdict.passed
        assert "under the floor" in verdict.problems[0]
        assert evaluate(document, OURS, [], {"overall": own.overall_score}).passed

    def test_a_competitor_that_failed_is_noted_not_held_against_you(self) -> None:
        verdict = evaluate(make_report(with_failure=True).comparison, OURS, ["performance"], {})

        assert not verdict.passed  # the rival is still ahead on performance
        assert any(THIRD in note for note in verdict.notes)
