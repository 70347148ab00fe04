"""Recommendations for a real landing page, as an expert would write them.

``01-sb-landing-page`` (from ../shared/sites) is served over plain HTTP, and most of its
2.3 MB is JPEG: a 961 KB hero image (``assets/img/bg-masthead.jpg``) and three testimonial
avatars. No competitor here does better on either, so a ranking gated on competitors'
adoption listed both near the bottom at impact 0.
"""

from __future__ import annotations

import html
from typing import Any

import httpx

from aura.formatting import format_bytes
from tests.support.api import create_batch, wait_for_batch
from tests.support.servers import SHARED_SITES

HERO = SHARED_SITES / "01-sb-landing-page" / "assets" / "img" / "bg-masthead.jpg"


async def test_the_landing_pages_worst_problems_come_first_as_actions_naming_what_to_change(
    client: httpx.AsyncClient, three_sites: list[str]
) -> None:
    landing = three_sites[0]
    created = await create_batch(client, three_sites, mode="static", primary_url=landing)
    batch = await wait_for_batch(client, created["id"])
    assert batch["status"] == "completed", batch
    response = await client.get(f"/api/v1/competitive/{created['id']}/comparison")
    document: dict[str, Any] = response.json()["comparison"]
    (own,) = document["recommendations"]
    items = own["items"]
    by_audit = {item["audit_id"]: item for item in items}
    top_five = [item["audit_id"] for item in items[:5]]

    # Plain HTTP and the JPEG weight are among the first five, though nobody does better.
    assert "is-on-https" in top_five
    assert "modern-image-formats" in top_five
    assert by_audit["is-on-https"]["competitors_passing"] == []
    # The number shown is the one the list is sorted by.
    impacts = [item["impact"] for item in items]
    assert impacts == sorted(impacts, reverse=True)
    assert document["recommendations_order"].startswith("Ordered by expected gain")

    # The image recommendation names the hero, with its real size on disk.
    images = by_audit["modern-image-formats"]
    hero = images["items"][0]
    assert hero["label"] == f"{landing}assets/img/bg-masthead.jpg"
    assert hero["bytes"] == HERO.stat().st_size
    size = format_bytes(hero["bytes"])
    assert images["action"].startswith(
        f"Serve images as WebP or AVIF, starting with /assets/img/bg-masthead.jpg: {size} → about"
    )
    # The saving is measured (the hero re-encoded as WebP), and the exports print it as is.
    assert 0 < hero["savings_bytes"] < hero["bytes"]
    facts = f"{size}, about {format_bytes(hero['savings_bytes'])} to save"
    assert images["items_total"] == 7  # the hero, three showcase images, three avatars

    # Every recommendation whose audit lists failing items names at least one of them.
    for item in items:
        if item["items_total"]:
            assert item["items"], item["audit_id"]
    # The three nameless icon links are named as they are in the page's HTML.
    page = (SHARED_SITES / "01-sb-landing-page" / "index.html").read_text()
    link_name = by_audit["link-name"]
    assert link_name["items"][0]["label"] == '<a href="#!">'
    assert page.count('<a href="#!"><i class="bi-') >= 3

    # The exports list the same items, escaped for their medium.
    exported = await client.get(f"/api/v1/competitive/{created['id']}/export?format=md")
    markdown = exported.text
    assert "http\\://127.0.0.1" in markdown
    assert f"/assets/img/bg-masthead.jpg — {facts}" in markdown
    assert '\\<a href="\\#\\!"\\>' in markdown
    exported = await client.get(f"/api/v1/competitive/{created['id']}/export?format=html")
    report = exported.text
    assert f"<code>{html.escape(hero['label'])}</code> — {facts}" in report
    assert "<code>&lt;a href=&quot;#!&quot;&gt;</code>" in report
