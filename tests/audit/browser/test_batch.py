"""Browser mode through the API: a batch, its screenshots, a page that hangs, deletion."""

from __future__ import annotations

import uuid
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

import httpx
import pytest
from fastapi import FastAPI

from aura.app import create_app
from aura.audit.browser import BrowserSettings
from aura.config import Settings
from aura.db.migrate import upgrade
from tests.audit.browser import pages
from tests.support.api import create_batch, wait_for_batch
from tests.support.servers import ScriptedSite, serve_scripted


@pytest.fixture
def database(tmp_path: Path) -> str:
    url = f"sqlite+aiosqlite:///{tmp_path / 'aura.db'}"
    upgrade(url)
    return url


def _settings(
    browser_settings: BrowserSettings, database: str, tmp_path: Path, **overrides: object
) -> Settings:
    values: dict[str, object] = {
        "database_url": database,
        "data_dir": tmp_path,
        "queue_url": "memory://",
        "queue_name": f"aura-test-{uuid.uuid4().hex[:8]}",
        "allow_private_networks": True,
        "fetch_retries": 0,
        "fetch_total_timeout": 10.0,
        "subresource_timeout_each": 2.0,
        "subresource_time_budget": 3.0,
        "analysis_timeout": 40.0,
        "job_lease_seconds": 60.0,
        "default_mode": "auto",
        "chromium_path": browser_settings.executable,
        "axe_core_path": browser_settings.axe_core,
        # Long enough for a steady page on a loaded machine; the hanging one never ends.
        "browser_page_budget": 12.0,
        "browser_settle": 0.5,
        **overrides,
    }
    return Settings(_env_file=None, **values)  # type: ignore[call-arg, arg-type]


@asynccontextmanager
async def _client(settings: Settings) -> AsyncIterator[httpx.AsyncClient]:
    application: FastAPI = create_app(settings)
    async with application.router.lifespan_context(application):
        transport = httpx.ASGITransport(app=application)
        async with httpx.AsyncClient(transport=transport, base_url="http://aura.test") as http:
            yield http


@pytest.fixture
async def client(
    browser_settings: BrowserSettings, database: str, tmp_path: Path
) -> AsyncIterator[httpx.AsyncClient]:
    async with _client(_settings(browser_settings, database, tmp_path)) as http:
        yield http


async def test_pages_waiting_for_the_browser_are_not_timed_out_meanwhile(
    browser_settings: BrowserSettings, database: str, tmp_path: Path
) -> None:
    """Four pages that each take the whole 3 s page budget, through a worker that renders
    one page at a time and takes 8 jobs at once, with an 8 s limit per analysis: together
    they take over 12 s, but each analysis is timed from when it got the browser."""
    settings = _settings(
        browser_settings,
        database,
        tmp_path,
        browser_concurrency=1,
        browser_page_budget=3.0,
        analysis_timeout=8.0,
        worker_concurrency=8,
    )
    routes = {"/": pages.BUSY_LOOP}
    async with _client(settings) as http:
        with serve_scripted(ScriptedSite(routes=routes, default=None)) as site:
            urls = [site.url(f"/?page={index}") for index in range(4)]
            created = await create_batch(http, urls)
            batch = await wait_for_batch(http, created["id"], within=120)

    assert batch["status"] == "completed", batch
    assert [item["error"] for item in batch["urls"]] == [None] * 4


async def test_a_browser_batch_goes_on_past_a_hanging_page_and_serves_screenshots(
    client: httpx.AsyncClient, tmp_path: Path
) -> None:
    routes = {"/": pages.PLAIN, "/hangs": pages.BUSY_LOOP}
    with serve_scripted(ScriptedSite(routes=routes, default=None)) as site:
        created = await create_batch(client, [site.url("/"), site.url("/hangs")])
        assert created["mode"] == "browser"  # the default where Chromium is installed
        batch = await wait_for_batch(client, created["id"], within=90)

    assert batch["status"] == "completed", batch
    analyses = {
        item["url"]: (await client.get(f"/api/v1/analyses/{item['analysis_id']}")).json()
        for item in batch["urls"]
    }
    steady = analyses[site.url("/")]
    hanging = analyses[site.url("/hangs")]
    assert steady["mode"] == "browser"
    assert steady["result"]["browser"]["cut_at_budget"] is False, steady["result"]["browser"]
    assert hanging["status"] == "completed"
    assert hanging["result"]["browser"]["cut_at_budget"] is True
    # The static audits of the hanging page are all there.
    assert hanging["result"]["categories"]["seo"]["score"] is not None

    names = {shot["name"] for shot in steady["result"]["browser"]["screenshots"]}
    assert names == {"desktop.png", "mobile.png", "full-page.png"}
    shot = await client.get(f"/api/v1/analyses/{steady['id']}/screenshots/mobile.png")
    assert shot.status_code == 200
    assert shot.headers["content-type"] == "image/png"
    assert shot.content.startswith(b"\x89PNG\r\n\x1a\n")
    missing = await client.get(f"/api/v1/analyses/{steady['id']}/screenshots/..%2Faura.db")
    assert missing.status_code == 404
    unknown = await client.get(f"/api/v1/analyses/{uuid.uuid4()}/screenshots/mobile.png")
    assert unknown.status_code == 404

    folder = tmp_path / "screenshots" / steady["id"]
    assert (folder / "desktop.png").is_file()
    deleted = await client.delete(f"/api/v1/competitive/{created['id']}")
    assert deleted.status_code == 204
    assert not folder.exists()


async def test_a_static_analysis_can_be_asked_for(client: httpx.AsyncClient) -> None:
    with serve_scripted(ScriptedSite(default=pages.PLAIN)) as site:
        response = await client.post(
            "/api/v1/analyses/", json={"url": site.url("/"), "mode": "static"}
        )
        assert response.status_code == 201, response.text
        assert response.json()["mode"] == "static"
        refused = await client.post("/api/v1/analyses/", json={"url": site.url("/"), "mode": "gpu"})
        assert refused.status_code == 422


async def test_a_batch_with_runs_reports_each_pages_median_render_and_spread(
    client: httpx.AsyncClient,
) -> None:
    with serve_scripted(ScriptedSite(default=pages.PLAIN)) as site:
        created = await create_batch(
            client, [site.url("/a"), site.url("/b")], mode="browser", runs=2
        )
        await wait_for_batch(client, created["id"])

    for item in created["urls"]:
        analysis = (await client.get(f"/api/v1/analyses/{item['analysis_id']}")).json()
        assert analysis["status"] == "completed", analysis["error"]
        kept = analysis["result"]["lab_spread"]
        assert kept["runs"] == 2
        assert len(kept["metrics"]["lcp_mobile"]["values"]) == 2


async def test_runs_outside_one_to_five_are_refused_with_the_field_named(
    client: httpx.AsyncClient,
) -> None:
    for body, path in (
        ({"url": "https://example.com/", "runs": 6}, "/api/v1/analyses/"),
        ({"urls": ["https://a.example/", "https://b.example/"], "runs": 0}, "/api/v1/competitive/"),
    ):
        response = await client.post(path, json=body)
        assert response.status_code == 422, response.text
        assert response.json()["detail"][0]["loc"] == ["body", "runs"]
