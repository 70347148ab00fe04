"""A batch over three real landing pages, compared end to end through the API.

The pages (from ../shared/sites) differ in ways that do not depend on tuning: the landing page
carries a 1 MB hero image and three icon links without a name, the shop is a light page about
carts and products, the agency page is long lorem ipsum. The comparison has to see that.
"""

from __future__ import annotations

from typing import Any

import httpx

from aura.comparison import ComparisonDocument
from tests.support.api import create_batch, wait_for_batch


async def compared(client: httpx.AsyncClient, urls: list[str], **extra: Any) -> dict[str, Any]:
    # Static mode: what is asserted here does not need a browser, and it keeps the test fast.
    created = await create_batch(client, urls, mode="static", **extra)
    batch = await wait_for_batch(client, created["id"])
    assert batch["status"] == "completed", batch
    response = await client.get(f"/api/v1/competitive/{created['id']}/comparison")
    assert response.status_code == 200, response.text
    body: dict[str, Any] = response.json()
    assert body["comparison_version"] == body["comparison"]["comparison_version"] == "1.3"
    return body["comparison"]


def row(rows: list[dict[str, Any]], key: str, value: str) -> dict[str, Any]:
    return next(item for item in rows if item[key] == value)


async def test_the_comparison_names_leaders_gaps_and_recommendations(
    client: httpx.AsyncClient, three_sites: list[str]
) -> None:
    landing, shop, agency = three_sites
    document = await compared(client, three_sites, primary_url=landing)
    ComparisonDocument.model_validate(document)

    assert (document["partial"], document["compared"], document["primary_url"]) == (
        False,
        3,
        landing,
    )
    assert [site["is_primary"] for site in document["sites"]] == [True, False, False]
    assert all(site["scores"] and site["security_grade"] for site in document["sites"])

    overall = document["rankings"]["overall"]
    scores = [entry["score"] for entry in overall["entries"]]
    assert scores == sorted(scores, reverse=True)
    # The leaders: the sites within the overall score's noise (1 point) of the best.
    assert overall["leaders"] == [
        e["url"] for e in overall["entries"] if e["score"] > scores[0] - 1
    ]
    ranked = {ranking["category"] for ranking in document["rankings"]["categories"]}
    assert {"performance", "seo", "accessibility", "security", "content", "design"} <= ranked

    # The shop is the light page; the landing page's hero image makes it the heaviest.
    weight = row(document["metrics"], "id", "total_bytes")
    assert (weight["direction"], weight["leader"]) == ("lower", shop)
    assert weight["values"][landing] == weight["worst"]
    assert row(document["gaps"]["metrics"], "id", "total_bytes")["best_urls"] == [shop]

    # Its three nameless icon links: both competitors do better, so it is a catch-up item.
    (own,) = document["recommendations"]
    assert own["url"] == landing
    link_name = row(own["items"], "audit_id", "link-name")
    assert link_name["kind"] == "catch_up"
    assert link_name["competitors_passing"] == [shop, agency]
    impacts = [item["impact"] for item in own["items"] if item["kind"] == "catch_up"]
    assert impacts == sorted(impacts, reverse=True)
    for item in own["items"]:
        cells = [
            audit["cells"]
            for category in document["matrix"]["categories"]
            for audit in category["audits"]
            if audit["id"] == item["audit_id"]
        ]
        assert cells
        assert all(c[landing]["status"] == "fail" for c in cells)
        for url in item["competitors_passing"]:
            assert any(c[url]["status"] == "pass" for c in cells)
    assert any(
        "your site does not" in f["text"] and "Links" in f["text"] for f in document["summary"]
    )

    # Every audit has a cell for each site. (Maps keyed by URL carry no order: PostgreSQL's
    # JSONB sorts keys. The order is that of matrix.sites.)
    assert document["matrix"]["sites"] == three_sites
    for category in document["matrix"]["categories"]:
        for audit in category["audits"]:
            assert set(audit["cells"]) == set(three_sites)

    # What each page talks about.
    content = {site["url"]: site for site in document["content"]["sites"]}
    assert "cart" in [k["keyword"] for k in content[shop]["distinctive_keywords"]]
    assert content[landing]["headline"].startswith("Generate more leads")
    assert content[agency]["word_count"] > content[shop]["word_count"]
    assert len(document["content"]["overlap"]) == 3

    design = {site["url"]: site for site in document["design"]["sites"]}
    assert all(design[url]["palette"] for url in three_sites)
    # Three Bootstrap templates, when technology detection has its fingerprints.
    technology = document["technology"]
    if technology["available"]:
        assert "Bootstrap" in technology["shared"]
    else:
        assert technology["sites_without_data"] == three_sites

    assert document["summary"][0]["kind"] == "overall"
    assert document["summary"][0]["text"].startswith("You ")


async def test_without_a_primary_every_site_gets_recommendations(
    client: httpx.AsyncClient, three_sites: list[str]
) -> None:
    document = await compared(client, three_sites)
    assert document["primary_url"] is None
    assert document["gaps"] is None
    assert [entry["url"] for entry in document["recommendations"]] == three_sites
    assert [entry["url"] for entry in document["strengths"]] == three_sites
    assert document["summary"][0]["text"] == overall_sentence(document)


def overall_sentence(document: dict[str, Any]) -> str:
    """The summary's overall sentence, the leaders called by their names (not their URLs)."""
    overall = document["rankings"]["overall"]
    names = [row(document["sites"], "url", url)["name"] for url in overall["leaders"]]
    score = row(overall["entries"], "url", overall["leaders"][0])["score"]
    if len(names) > 1:
        return f"{' and '.join(names)} share the lead overall ({score:g})."
    return f"{names[0]} leads overall with {score:g}."


async def test_labels_name_the_sites_in_the_comparison_and_its_exports(
    client: httpx.AsyncClient, three_sites: list[str]
) -> None:
    landing, _shop, agency = three_sites
    label = "<b>Acme</b> & Co"
    created = await create_batch(
        client,
        three_sites,
        mode="static",
        # Keyed by the URL as the user typed it: without the final slash.
        labels={landing.rstrip("/"): f"  {label} ", agency: ""},
    )
    assert [item["label"] for item in created["urls"]] == [label, None, None]
    batch = await wait_for_batch(client, created["id"])
    assert batch["status"] == "completed", batch
    assert [item["label"] for item in batch["urls"]] == [label, None, None]

    comparison = await client.get(f"/api/v1/competitive/{created['id']}/comparison")
    document = comparison.json()["comparison"]
    names = [site["name"] for site in document["sites"]]
    assert names[0] == label
    assert label not in names[1:]  # the others keep their pages' names
    assert document["summary"][0]["text"] == overall_sentence(document)
    assert any(finding["text"].startswith(label) for finding in document["summary"])
    assert not any("127.0.0.1" in finding["text"] for finding in document["summary"])

    html = await client.get(f"/api/v1/competitive/{created['id']}/export?format=html")
    assert html.status_code == 200
    assert "<b>Acme</b>" not in html.text
    assert "&lt;b&gt;Acme&lt;/b&gt; &amp; Co" in html.text


async def test_the_openapi_schema_describes_the_document(client: httpx.AsyncClient) -> None:
    schema = (await client.get("/openapi.json")).json()["components"]["schemas"]
    assert schema["ComparisonRead"]["properties"]["comparison"]["$ref"].endswith(
        "/ComparisonDocument"
    )
    document = schema["ComparisonDocument"]["properties"]
    assert {"rankings", "metrics", "matrix", "gaps", "recommendations", "summary"} <= set(document)
    assert schema["MetricRow"]["properties"]["direction"]["enum"] == ["higher", "lower"]
