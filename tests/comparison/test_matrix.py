"""The audits-by-sites grid."""

from __future__ import annotations

from tests.comparison.builders import A, B, C, audit, category, failed, result, run, site


def test_every_audit_has_a_cell_per_site() -> None:
    def seo(*audits: dict[str, object]) -> dict[str, dict[str, object]]:
        return {"seo": category("seo", 50, *audits)}

    document = run(
        site(A, result(categories=seo(audit("canonical", 1.0), audit("sitemap", 0.2)))),
        site(
            B,
            result(
                categories=seo(
                    audit("canonical", None),
                    audit("sitemap", None, mode="error"),
                    audit("keywords", None, mode="informative", weight=0),
                )
            ),
        ),
        site(C, result(categories=seo(audit("canonical", 0.5, display_value="2 canonicals")))),
        failed("https://down.example/"),
    )
    matrix = document["matrix"]
    assert matrix["sites"] == [A, B, C]
    (seo_rows,) = matrix["categories"]
    rows = {row["id"]: row for row in seo_rows["audits"]}
    assert list(rows) == ["canonical", "sitemap", "keywords"]
    canonical = rows["canonical"]
    assert {url: cell["status"] for url, cell in canonical["cells"].items()} == {
        A: "pass",
        B: "n/a",
        C: "fail",
    }
    assert canonical["cells"][C] == {
        "status": "fail",
        "score": 0.5,
        "display_value": "2 canonicals",
    }
    assert (canonical["passing"], canonical["failing"]) == ([A], [C])
    # The row carries the passing title when some site passes.
    assert canonical["title"] == "canonical passes"
    assert rows["sitemap"]["title"] == "sitemap fails"
    assert [rows["sitemap"]["cells"][url]["status"] for url in (A, B, C)] == [
        "fail",
        "error",
        "missing",
    ]
    assert rows["keywords"]["cells"][B]["status"] == "info"


def test_categories_follow_the_analysis_order() -> None:
    document = run(
        site(A, scores={"design": 1, "security": 2, "custom": 3, "performance": 4}),
        site(B, scores={"performance": 4}),
    )
    order = [entry["category"] for entry in document["matrix"]["categories"]]
    assert order == ["performance", "security", "design", "custom"]
