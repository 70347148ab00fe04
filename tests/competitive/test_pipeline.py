"""A batch through the real app and the embedded worker, on SQLite and PostgreSQL."""

from __future__ import annotations

import logging
from pathlib import Path

import httpx
import pytest

from aura.app import create_app
from tests.conftest import make_settings
from tests.support.api import create_batch, wait_for_batch
from tests.support.servers import Route, ScriptedSite, closed_port_url, serve_scripted


async def test_three_sites_complete_and_are_compared(
    client: httpx.AsyncClient, three_sites: list[str], caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.INFO)
    created = await create_batch(
        client, three_sites, name="Landing pages", primary_url=three_sites[0]
    )
    assert created["status"] == "pending"
    assert created["progress"] == 0
    assert [item["status"] for item in created["urls"]] == ["queued"] * 3

    batch = await wait_for_batch(client, created["id"])

    assert batch["status"] == "completed"
    assert batch["progress"] == 100
    assert batch["completed_urls"] == 3
    assert batch["failed_urls"] == 0
    assert batch["finished_at"] is not None
    assert all(item["status"] == "completed" for item in batch["urls"])

    response = await client.get(f"/api/v1/competitive/{created['id']}/comparison")
    assert response.status_code == 200, response.text
    comparison = response.json()["comparison"]
    titles = {site["url"]: site["title"] for site in comparison["sites"]}
    assert titles[three_sites[1]] == "Shop Homepage - Start Bootstrap Template"
    ranking = comparison["rankings"]["overall"]["entries"]
    assert next(entry["rank"] for entry in ranking) == 1
    assert {entry["url"] for entry in ranking} == set(three_sites)
    assert comparison["primary_url"] == three_sites[0]
    html_sizes = next(row for row in comparison["metrics"] if row["id"] == "html_bytes")
    assert html_sizes["direction"] == "lower"
    assert set(html_sizes["values"]) == set(three_sites)
    # The regression this project was born from: background work on aiosqlite failed with
    # MissingGreenlet. Nothing of the kind may be logged, on either database.
    assert "MissingGreenlet" not in caplog.text
    assert "greenlet_spawn" not in caplog.text


async def test_unreachable_url_fails_alone_and_the_batch_is_partial(
    client: httpx.AsyncClient, three_sites: list[str]
) -> None:
    dead = closed_port_url()
    created = await create_batch(client, [three_sites[0], dead, three_sites[1]])

    batch = await wait_for_batch(client, created["id"])

    assert batch["status"] == "partial"
    assert (batch["completed_urls"], batch["failed_urls"]) == (2, 1)
    failed = next(item for item in batch["urls"] if item["url"] == dead)
    assert failed["status"] == "failed"
    assert "connection refused" in failed["error"]

    comparison = (await client.get(f"/api/v1/competitive/{created['id']}/comparison")).json()
    ranked = {entry["url"] for entry in comparison["comparison"]["rankings"]["overall"]["entries"]}
    assert ranked == {three_sites[0], three_sites[1]}
    listed = {site["url"]: site for site in comparison["comparison"]["sites"]}
    assert listed[dead]["overall_rank"] is None
    assert "connection refused" in listed[dead]["error"]
    assert comparison["comparison"]["partial"] is True


async def test_every_url_failing_fails_the_batch_with_a_reason(client: httpx.AsyncClient) -> None:
    with serve_scripted(ScriptedSite(default=Route(status=500, body=b"boom"))) as site:
        created = await create_batch(client, [site.url("/a"), site.url("/b")])
        batch = await wait_for_batch(client, created["id"])

    assert batch["status"] == "failed"
    assert all("HTTP 500" in item["error"] for item in batch["urls"])
    response = await client.get(f"/api/v1/competitive/{created['id']}/comparison")
    assert response.status_code == 409
    assert "failed" in response.json()["detail"]


async def test_non_html_and_oversized_pages_fail_with_readable_reasons(
    database_url: str, tmp_path: Path
) -> None:
    settings = make_settings(database_url, tmp_path, fetch_max_bytes=10_000)
    site = ScriptedSite(
        routes={
            "/pdf": Route(body=b"%PDF-1.4", headers={"Content-Type": "application/pdf"}),
            "/huge": Route(body=b"<html>" + b"x" * 50_000),
            "/ok": Route(),
        }
    )
    app = create_app(settings)
    with serve_scripted(site):
        async with (
            app.router.lifespan_context(app),
            httpx.AsyncClient(
                transport=httpx.ASGITransport(app=app), base_url="http://aura.test"
            ) as client,
        ):
            created = await create_batch(
                client, [site.url("/pdf"), site.url("/huge"), site.url("/ok")]
            )
            batch = await wait_for_batch(client, created["id"])

    errors = {item["url"].rsplit("/", 1)[1]: item["error"] for item in batch["urls"]}
    assert batch["status"] == "partial"
    assert "not an HTML page" in errors["pdf"]
    assert "application/pdf" in errors["pdf"]
    assert "10,000-byte limit" in errors["huge"]
    assert errors["ok"] is None


async def test_single_analysis_runs_in_the_background(
    client: httpx.AsyncClient, three_sites: list[str]
) -> None:
    response = await client.post("/api/v1/analyses/", json={"url": three_sites[1]})
    assert response.status_code == 201, response.text
    analysis_id = response.json()["id"]

    import asyncio

    body: dict[str, object] = {}
    for _ in range(600):
        body = (await client.get(f"/api/v1/analyses/{analysis_id}")).json()
        if body["status"] in ("completed", "failed"):
            break
        await asyncio.sleep(0.05)
    assert body["status"] == "completed", body
    result = body["result"]
    assert isinstance(result, dict)
    assert result["title"] == "Shop Homepage - Start Bootstrap Template"
    assert result["status_code"] == 200
    assert result["metrics"]["html_bytes"] > 1000


async def test_redis_queue_processes_a_batch(
    database_url: str, redis_url: str, tmp_path: Path, three_sites: list[str]
) -> None:
    """The distributed queue (Redis) with the worker in this process: same code path."""
    settings = make_settings(database_url, tmp_path, queue_url=redis_url)
    app = create_app(settings, run_worker=True)
    async with (
        app.router.lifespan_context(app),
        httpx.AsyncClient(
            transport=httpx.ASGITransport(app=app), base_url="http://aura.test"
        ) as client,
    ):
        ready = await client.get("/readyz")
        assert ready.json() == {"status": "ready", "checks": {"database": "ok", "queue": "ok"}}
        created = await create_batch(client, three_sites[:2])
        batch = await wait_for_batch(client, created["id"])
    assert batch["status"] == "completed"
