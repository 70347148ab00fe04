"""Technology by site: grouped by category, shared, unique, versions."""

from __future__ import annotations

from typing import Any

from tests.comparison.builders import A, B, C, audit, category, result, run, site


def tech(name: str, *categories: Any, version: str | None = None) -> dict[str, Any]:
    return {"name": name, "version": version, "categories": list(categories), "confidence": 100}


def test_technologies_side_by_side() -> None:
    document = run(
        site(
            A,
            facts={
                "technologies": [
                    tech("Bootstrap", "UI frameworks", version="5.2.3"),
                    tech("jQuery", {"id": 59, "name": "JavaScript libraries"}, version="3.6.0"),
                    tech("Google Analytics", "Analytics"),
                ]
            },
        ),
        site(
            B,
            facts={
                "technologies": [
                    tech("Bootstrap", "UI frameworks", version="4.6.0"),
                    tech("jQuery", "JavaScript libraries"),
                ]
            },
        ),
        site(C),  # no technology data: not counted as using nothing
    )
    section = document["technology"]
    assert section["available"] is True
    assert (section["sites_with_data"], section["sites_without_data"]) == ([A, B], [C])
    assert [group["category"] for group in section["groups"]] == [
        "Analytics",
        "JavaScript libraries",
        "UI frameworks",
    ]
    bootstrap = section["groups"][2]["technologies"][0]
    assert bootstrap["used_by"] == [A, B]
    assert bootstrap["sites"][A] == {"version": "5.2.3", "confidence": 100}
    assert section["shared"] == ["Bootstrap", "jQuery"]
    assert section["unique"] == {A: ["Google Analytics"], B: []}
    assert section["versions"] == [
        {"name": "Bootstrap", "versions": {A: "5.2.3", B: "4.6.0"}},
        {"name": "jQuery", "versions": {A: "3.6.0", B: None}},
    ]


def test_detection_that_could_not_run_says_why() -> None:
    reason = "no fingerprints installed; run `aura fingerprints update`"
    document = run(
        site(
            A,
            facts={
                "technologies": None,
                "technology_detection": {"status": "unavailable", "reason": reason},
            },
        ),
        site(B, facts={"technologies": [tech("PHP", "Programming languages")]}),
    )
    section = document["technology"]
    assert (section["sites_with_data"], section["unavailable"]) == ([B], {A: reason})
    assert section["shared"] == []


def test_the_technology_audit_items_add_website_and_icon() -> None:
    item = {
        "name": "jQuery",
        "version": "3.5.1",
        "confidence": 100,
        "categories": [{"id": 59, "name": "JavaScript libraries", "groups": ["Web development"]}],
        "website": "https://jquery.com",
        "icon": "jQuery.svg",
        "evidence": [{"detector": "scriptSrc", "value": "jquery-3.5.1.min.js"}],
    }
    stack = audit(
        "technology-stack",
        None,
        mode="informative",
        weight=0,
        details={"status": "ok", "items": [item]},
    )
    technology = category("technology", None, stack, informative=True)
    summary = {
        "technologies": [
            {"name": "jQuery", "version": "3.5.1", "categories": ["JavaScript libraries"]}
        ]
    }
    document = run(site(A, result(categories={"technology": technology}, facts=summary)), site(B))
    (group,) = document["technology"]["groups"]
    (row,) = group["technologies"]
    assert (group["category"], row["website"], row["icon"]) == (
        "JavaScript libraries",
        "https://jquery.com",
        "jQuery.svg",
    )


def test_technologies_from_the_technology_audits_when_the_facts_lack_them() -> None:
    detected = audit(
        "technology-stack",
        None,
        mode="informative",
        weight=0,
        details={"technologies": [tech("Nginx", "Web servers", version="1.25")]},
    )
    technology = category("technology", None, detected, informative=True)
    document = run(
        site(A, result(categories={"technology": technology})), site(B, facts={"technologies": []})
    )
    section = document["technology"]
    assert section["sites_with_data"] == [A, B]
    assert section["unique"] == {A: ["Nginx"], B: []}
    assert section["groups"][0]["technologies"][0]["sites"][A]["version"] == "1.25"


def test_no_technology_data_anywhere() -> None:
    section = run(site(A), site(B))["technology"]
    assert section == {
        "available": False,
        "sites_with_data": [],
        "sites_without_data": [A, B],
        "unavailable": {},
        "groups": [],
        "shared": [],
        "unique": {},
        "versions": [],
        "possible": {},
    }


def test_uncategorised_technologies_are_grouped_last() -> None:
    document = run(
        site(
            A, facts={"technologies": [{"name": "Mystery"}, tech("PHP", "Programming languages")]}
        ),
        site(B, facts={"technologies": []}),
    )
    assert [g["category"] for g in document["technology"]["groups"]] == [
        "Programming languages",
        "Other",
    ]
