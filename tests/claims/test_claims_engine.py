"""The claims runner itself: labels are read strictly, and a wrong answer is counted as one."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.claims.claims import ClaimError, load, parse, score


def result(score_value: float | None, **facts: object) -> dict[str, object]:
    audit = {"id": "image-alt", "score": score_value}
    return {"categories": {"accessibility": {"audits": [audit]}}, "facts": facts}


def claim(**table: object) -> dict[str, object]:
    return {"site": "s", "reason": "read in the page", **table}


class TestParse:
    def test_a_label_without_a_reason_is_refused(self) -> None:
        with pytest.raises(ClaimError, match="no reason"):
            parse({"site": "s", "audit": "image-alt", "verdict": "fail"}, "accessibility", "f#1")

    def test_a_fact_needs_exactly_one_test(self) -> None:
        with pytest.raises(ClaimError, match="exactly one"):
            parse(claim(fact="facts.x", equals=1, at_most=2), "design", "f#1")

    def test_the_category_is_the_file_name_before_a_dash(self, tmp_path: Path) -> None:
        (tmp_path / "performance-audits.toml").write_text(
            '[[claim]]\nsite = "s"\naudit = "dom-size"\nverdict = "pass"\nreason = "small"\n'
        )
        assert [c.category for c in load(tmp_path)] == ["performance"]

    @pytest.mark.parametrize("page", ["/etc/passwd", "../other/index.html", 3])
    def test_a_page_must_be_a_path_inside_its_site(self, page: object) -> None:
        with pytest.raises(ClaimError, match="page must be a path inside the site"):
            parse(claim(audit="image-alt", verdict="fail", page=page), "accessibility", "f#1")


class TestScore:
    def test_a_right_failure_is_a_true_positive(self) -> None:
        labelled = [parse(claim(audit="image-alt", verdict="fail"), "accessibility", "f#1")]
        tally = score(labelled, {"s": result(0.0)}, "static")
        assert (tally.true_positive, tally.precision, tally.recall) == (1, 1.0, 1.0)

    def test_a_false_failure_costs_precision_and_names_the_reason(self) -> None:
        labelled = [parse(claim(audit="image-alt", verdict="pass"), "accessibility", "f#1")]
        tally = score(labelled, {"s": result(0.5)}, "static")
        assert tally.precision == 0.0
        assert "read in the page" in tally.wrong[0]

    def test_a_missed_failure_costs_recall(self) -> None:
        labelled = [parse(claim(audit="image-alt", verdict="fail"), "accessibility", "f#1")]
        tally = score(labelled, {"s": result(None)}, "static")
        assert tally.recall == 0.0

    def test_zero_is_not_absent(self) -> None:
        labelled = [parse(claim(fact="facts.colours", absent=True), "design", "f#1")]
        assert score(labelled, {"s": result(1.0, colours=0)}, "static").precision == 0.0
        assert score(labelled, {"s": result(1.0, colours=None)}, "static").precision == 1.0

    def test_contains_and_excludes_read_names_of_items(self) -> None:
        fonts = [{"name": "Lato"}, {"name": "Roboto"}]
        contains = parse(claim(fact="facts.fonts", contains=["lato"]), "design", "f#1")
        excludes = parse(claim(fact="facts.fonts", excludes=["Arial"]), "design", "f#2")
        tally = score([contains, excludes], {"s": result(1.0, fonts=fonts)}, "static")
        assert tally.true_positive == 2

    def test_a_claim_of_the_other_mode_is_not_counted(self) -> None:
        labelled = [parse(claim(audit="image-alt", verdict="fail", modes=["browser"]), "a", "f#1")]
        assert score(labelled, {"s": result(1.0)}, "static").total == 0

    def test_a_claim_about_an_inner_page_is_scored_on_that_page(self) -> None:
        labelled = [
            parse(claim(audit="image-alt", verdict="fail", page="blog/post.html"), "a", "f#1")
        ]
        front_fails = {"s": result(0.0), "s/blog/post.html": result(1.0)}
        tally = score(labelled, front_fails, "static")
        assert (tally.true_positive, tally.false_negative) == (0, 1)
        assert "s/blog/post.html" in tally.wrong[0]
