"""Recommendations ranked by what the competitors already do better."""

from __future__ import annotations

from typing import Any

import pytest

from aura.audit.scoring import CATEGORIES
from aura.comparison.advice import ADVICE, SEVERITY_POINTS
from tests.comparison.builders import A, B, C, audit, by_url, category, result, run, site


def seo_site(url: str, **scores: float | None) -> Any:
    audits = [
        audit(audit_id.replace("_", "-"), score, weight=WEIGHTS[audit_id])
        for audit_id, score in scores.items()
    ]
    return site(url, result(categories={"seo": category("seo", 50, *audits)}))


#: The SEO weights of aura.audit.scoring for these audits.
WEIGHTS = {"meta_description": 8.0, "canonical": 3.0, "sitemap": 3.0, "document_title": 8.0}


def items_of(document: dict[str, Any]) -> list[dict[str, Any]]:
    found: list[dict[str, Any]] = document["recommendations"][0]["items"]
    return found


def test_failed_audits_are_ranked_by_expected_gain() -> None:
    document = run(
        seo_site(A, meta_description=0, canonical=0, sitemap=0, document_title=1),
        seo_site(B, meta_description=1, canonical=1, sitemap=0.2, document_title=1),
        seo_site(C, meta_description=0.95, canonical=0.1, sitemap=0.3, document_title=1),
        primary_url=A,
    )
    (own,) = document["recommendations"]
    assert own["url"] == A
    items = {item["audit_id"]: item for item in own["items"]}
    assert [item["audit_id"] for item in own["items"]] == [
        "meta-description",
        "canonical",
        "sitemap",
    ]
    meta = items["meta-description"]
    # Medium severity (3 points), a full failure, the category's heaviest audit, and both
    # competitors pass: 3 x 1 x 1 x 1.5.
    assert (meta["severity"], meta["impact"]) == ("medium", 4.5)
    assert meta["action"] == "Add a meta description"
    assert "search visibility" in meta["severity_reason"]
    assert meta["fix"]
    assert all(step.strip() for step in meta["fix"])
    # 8 of the 22 counted weight points of the only category: 36.4 overall points at stake.
    assert meta["potential_points"] == pytest.approx(36.36, abs=0.01)
    assert meta["adoption"] == 1.0
    assert meta["competitors_passing"] == [B, C]
    assert meta["competitors_total"] == 2
    assert [example["url"] for example in meta["competitors"]] == [B, C]
    assert (meta["kind"], meta["goal"], meta["title"]) == (
        "catch_up",
        "meta-description passes",
        "meta-description fails",
    )
    # Half the competitors have a canonical URL: 3 x 1 x (0.5 + 0.5 x 3/8) x 1.25.
    canonical = items["canonical"]
    assert (canonical["adoption"], canonical["impact"]) == (0.5, 2.6)
    # Nobody has a sitemap: still recommended, by its own (low) severity.
    sitemap = items["sitemap"]
    assert (sitemap["kind"], sitemap["impact"], sitemap["goal"]) == ("opportunity", 0.7, None)
    assert document["recommendations_order"].startswith("Ordered by expected gain")


def test_a_failure_no_competitor_fixes_ranks_by_its_own_severity() -> None:
    """Plain HTTP everywhere is still the site's worst problem; a logo the others show is not."""

    def page(url: str, logo: float) -> Any:
        security = category(
            "security",
            0,
            audit("is-on-https", 0.0, weight=10),
            audit("referrer-policy", 1, weight=2),
        )
        design = category(
            "design", 50, audit("logo", logo, weight=2), audit("favicon", 1, weight=2)
        )
        return site(url, result(categories={"security": security, "design": design}))

    items = items_of(run(page(A, 0), page(B, 1), page(C, 1), primary_url=A))
    assert [item["audit_id"] for item in items] == ["is-on-https", "logo"]
    https, logo = items
    assert (https["kind"], https["adoption"], https["severity"]) == ("opportunity", 0, "critical")
    assert https["impact"] == 10.0
    assert https["action"] == "Serve the site over HTTPS"
    assert {snippet["server"] for snippet in https["snippets"]} == {"nginx", "Apache", "Caddy"}
    # Both competitors show a logo: the boost is half again, on a low severity.
    assert (logo["kind"], logo["adoption"], logo["impact"]) == ("catch_up", 1.0, 1.5)


def test_a_wcag_aa_contrast_failure_ranks_above_a_missing_logo() -> None:
    """A logo alone in a small category used to outweigh an accessibility failure."""

    def page(url: str, contrast: float, logo: float) -> Any:
        accessibility = category(
            "accessibility",
            80,
            audit(
                "color-contrast",
                contrast,
                weight=7,
                display_value="2 elements failing",
                details={
                    "items": [
                        {"target": [".hero p"], "html": "<p class=lead>", "summary": "2.1:1"},
                        {"target": ["footer a"], "html": "<a href=/x>", "summary": "3.2:1"},
                    ]
                },
            ),
            audit("label", 1, weight=10),
        )
        design = category("design", 50, audit("logo", logo, weight=2))
        return site(url, result(categories={"accessibility": accessibility, "design": design}))

    items = items_of(run(page(A, 0, 0), page(B, 0, 1), page(C, 1, 1), primary_url=A))
    assert [item["audit_id"] for item in items] == ["color-contrast", "logo"]
    contrast = items[0]
    assert "WCAG 2 level AA" in contrast["severity_reason"]
    assert contrast["impact"] > items[1]["impact"]
    assert [(item["label"], item["kind"], item["note"]) for item in contrast["items"]] == [
        (".hero p", "element", "2.1:1"),
        ("footer a", "element", "3.2:1"),
    ]
    assert contrast["action"] == "Raise the text contrast to WCAG AA: .hero p and 1 more"


def test_measured_savings_name_the_largest_file_and_rank_the_recommendation() -> None:
    def page(url: str, heavy: bool) -> Any:
        images = [(f"{url}img/photo-{n}.jpg", 100_000 * n, 35_000 * n) for n in range(1, 8)]
        savings = sum(saved for _, _, saved in images) if heavy else 0
        formats = audit(
            "modern-image-formats",
            0.3 if heavy else 1.0,
            weight=4,
            details={
                "items": [
                    {"url": link, "format": "jpeg", "bytes": size, "estimated_savings": saved}
                    for link, size, saved in (images if heavy else [])
                ]
            },
            display_value=f"Potential savings of {savings // 1024} KiB",
        )
        minify = audit("unminified-css", 0.0 if heavy else 1.0, weight=3)
        return site(
            url, result(categories={"performance": category("performance", 60, formats, minify)})
        )

    items = items_of(run(page(A, True), page(B, False), primary_url=A))
    formats = items[0]
    assert formats["audit_id"] == "modern-image-formats"
    assert formats["savings_bytes"] == 35_000 * 28
    # The largest saving first, five shown of the seven found.
    assert [item["label"] for item in formats["items"]] == [
        f"{A}img/photo-{n}.jpg" for n in (7, 6, 5, 4, 3)
    ]
    assert formats["items_total"] == 7
    assert formats["items"][0]["savings_bytes"] == 245_000
    assert formats["action"] == (
        "Serve images as WebP or AVIF, starting with /img/photo-7.jpg: 684 KiB → about 444 KiB"
    )
    # 957 KB to save is 1.9 times the 500 KB worth a full failure: high (6) x 1.9 x 1 x 1.5.
    assert formats["impact"] == 17.2


def test_measured_milliseconds_rank_a_slow_server() -> None:
    def page(url: str, ttfb: float) -> Any:
        slow = audit(
            "server-response-time",
            0.2 if ttfb > 1000 else 1.0,
            weight=8,
            display_value=f"Root document took {ttfb:g} ms",
            details={"ttfb_ms": ttfb},
        )
        lab = audit(
            "largest-contentful-paint",
            0.5,
            weight=8,
            details={
                "profiles": {
                    "mobile": {"value": 3000.0, "score": 0.5, "p10": 2500.0, "median": 4000.0},
                    "desktop": {"value": 1300.0, "score": 0.8, "p10": 1200.0, "median": 2400.0},
                }
            },
        )
        return site(url, result(categories={"performance": category("performance", 50, slow, lab)}))

    items = items_of(run(page(A, 1700), page(B, 150), primary_url=A))
    assert [item["audit_id"] for item in items] == [
        "server-response-time",
        "largest-contentful-paint",
    ]
    server, lab = items
    # 1.5 s over the 200 ms a good server answers in: high (6) x 1.5 x 1 x 1.5 (B does it).
    assert (server["savings_ms"], server["impact"]) == (1500, 13.5)
    assert server["action"] == "Cut the server's response time: about 1,500 ms to gain"
    # The worse profile decides: 500 ms over the mobile mark; nobody does better.
    assert (lab["savings_ms"], lab["impact"]) == (500, 3.0)


def test_a_vulnerable_library_is_named_with_its_version_and_fix() -> None:
    library = {
        "library": "jQuery",
        "version": "1.12.4",
        "severity": "medium",
        "fixed_in": "3.5.0",
        "advisories": [{"ids": ["CVE-2020-11022"], "summary": "XSS in htmlPrefilter"}],
    }

    def page(url: str, vulnerable: bool) -> Any:
        found = audit(
            "vulnerable-libraries",
            0.0 if vulnerable else 1.0,
            weight=4,
            details={"items": [library] if vulnerable else []},
        )
        return site(url, result(categories={"security": category("security", 50, found)}))

    (item,) = items_of(run(page(A, True), page(B, False), primary_url=A))
    assert item["items"] == [
        {
            "label": "jQuery",
            "kind": "value",
            "note": "1.12.4; fixed in 3.5.0",
            "bytes": None,
            "savings_bytes": None,
        }
    ]
    assert item["action"] == ("Upgrade the JavaScript libraries with known vulnerabilities: jQuery")
    assert item["severity"] == "critical"


def test_a_placeholder_page_is_no_evidence() -> None:
    """A test page's "Foo", "Bar" buttons do not prove that competitors have calls to action."""

    def page(url: str, ctas: list[str]) -> Any:
        found = audit(
            "calls-to-action",
            1.0 if ctas else 0.0,
            weight=4,
            display_value=f"{len(ctas)} calls to action",
            details={"ctas": ctas},
        )
        return site(url, result(categories={"content": category("content", 50, found)}))

    items = items_of(
        run(
            page(A, []),
            page(B, ["Foo", "Bar", "foo bar"]),
            page(C, ["Start free trial"]),
            primary_url=A,
        )
    )
    (ctas,) = items
    assert ctas["competitors_passing"] == [C]
    assert [(example["url"], example["evidence"]) for example in ctas["competitors"]] == [
        (C, ["Start free trial"])
    ]
    assert ctas["adoption"] == 0.5


def test_every_scored_audit_has_an_imperative_action_and_a_severity() -> None:
    for spec in CATEGORIES.values():
        for audit_id, weight in {**spec.weights, **(spec.lab_weights or {})}.items():
            if weight <= 0 and audit_id not in STATIC_ONLY:
                continue
            advice = ADVICE[audit_id]
            assert advice.action.split()[0] in IMPERATIVES, advice.action
            assert advice.severity in SEVERITY_POINTS
            assert advice.reason
            assert advice.fix


#: Scored in browser mode only (the lab metrics): no weight in the static table.
STATIC_ONLY = frozenset(
    {
        "first-contentful-paint",
        "speed-index",
        "largest-contentful-paint",
        "total-blocking-time",
        "cumulative-layout-shift",
    }
)
#: Every action starts with one of these verbs: the titles share one grammatical form.
IMPERATIVES = frozenset(
    [
        "Add",
        "Break",
        "Cache",
        "Compress",
        "Cut",
        "Declare",
        "Describe",
        "Enable",
        "Fix",
        "Forbid",
        "Give",
        "Hide",
        "Keep",
        "Label",
        "Lazy-load",
        "Let",
        "Link",
        "Load",
        "Make",
        "Mark",
        "Minify",
        "Offer",
        "Point",
        "Publish",
        "Put",
        "Raise",
        "Redirect",
        "Reduce",
        "Remove",
        "Resize",
        "Restrict",
        "Say",
        "Send",
        "Serve",
        "Set",
        "Show",
        "Shrink",
        "Simplify",
        "Start",
        "Stop",
        "Upgrade",
        "Use",
        "Write",
    ]
)


def test_an_audit_counted_in_two_categories_is_one_recommendation() -> None:
    def both(score: float) -> Any:
        return result(
            categories={
                "seo": category("seo", 50, audit("image-alt", score), audit("title", 1)),
                "accessibility": category("accessibility", 50, audit("image-alt", score)),
            }
        )

    document = run(site(A, both(0)), site(B, both(1)), primary_url=A)
    (item,) = document["recommendations"][0]["items"]
    assert item["categories"] == ["seo", "accessibility"]
    # Half of SEO (half the overall score) plus all of accessibility (the other half).
    assert item["potential_points"] == pytest.approx(75.0)


def test_without_a_primary_every_site_gets_recommendations() -> None:
    document = run(
        seo_site(A, meta_description=0, canonical=1),
        seo_site(B, meta_description=1, canonical=0),
    )
    assert [entry["url"] for entry in document["recommendations"]] == [A, B]
    assert by_url(document["recommendations"], A)["items"][0]["audit_id"] == "meta-description"
    assert by_url(document["recommendations"], B)["items"][0]["audit_id"] == "canonical"


def test_a_primary_that_passes_everything_gets_nothing_to_catch_up() -> None:
    document = run(
        seo_site(A, meta_description=1, canonical=1),
        seo_site(B, meta_description=0, canonical=0.5),
        primary_url=A,
    )
    assert document["recommendations"] == [{"url": A, "items": []}]


def test_not_applicable_and_informative_audits_are_not_recommended() -> None:
    def page(url: str, score: float | None) -> Any:
        audits = [audit("canonical", score), audit("keywords", None, mode="informative", weight=0)]
        return site(url, result(categories={"seo": category("seo", 50, *audits)}))

    document = run(page(A, None), page(B, 1), primary_url=A)
    assert document["recommendations"][0]["items"] == []


def test_browser_modes_opportunities_are_recommended_by_their_static_weight() -> None:
    """The lab score gives opportunities no weight; they are still worth fixing."""

    def perf_site(url: str, compression: float) -> Any:
        lab = audit("largest-contentful-paint", 1.0, weight=25.0)
        opportunity = audit("text-compression", compression, weight=0.0)
        opportunity["static_weight"] = 6.0
        return site(
            url, result(categories={"performance": category("performance", 90, lab, opportunity)})
        )

    document = run(perf_site(A, 0.0), perf_site(B, 1.0), primary_url=A)
    items = document["recommendations"][0]["items"]
    assert [item["audit_id"] for item in items] == ["text-compression"]
    assert items[0]["competitors_passing"] == [B]
    assert items[0]["impact"] > 0
