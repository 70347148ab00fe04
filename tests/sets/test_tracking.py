"""Runs of a set over fixture sites that change between runs: every change detected, the
noise left out, trends over three runs, alerts raised and delivered exactly once."""

from __future__ import annotations

import json
import os
import uuid
from collections.abc import AsyncIterator, Iterator
from contextlib import asynccontextmanager, contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx
import pytest
import sqlalchemy as sa
from fastapi import FastAPI

from aura.app import create_app
from aura.audit.browser import BrowserSettings
from aura.config import Settings
from aura.db.engine import Database
from aura.db.migrate import upgrade
from aura.models import SetRunChanges
from aura.runtime import BUNDLED_AXE_CORE
from aura.sets.tracking import load_runs, run_tracking
from tests.conftest import REQUIRE_SERVICES, make_settings
from tests.sets.change_sites import (
    ROTATING_BANNER,
    hero_routes,
    install_fingerprints,
    ours_routes,
    rival_routes,
)
from tests.sets.tracking_support import (
    add_rule,
    alerts_delivered,
    create_set,
    run_set,
    wait_until_tracked,
)
from tests.sets.webhook_support import Receiver, receiving, valid_signature
from tests.support.servers import ScriptedSite, serve_scripted

SECRET = "s3cret-for-tests"
CHROMIUM = Path(os.environ.get("AURA_CHROMIUM_PATH") or "/usr/bin/chromium")


@dataclass
class Sites:
    ours: ScriptedSite
    rival: ScriptedSite

    def version(self, number: int) -> None:
        """Switch both sites to version ``number`` of their pages."""
        self.ours.routes = ours_routes(number)
        self.rival.routes = rival_routes(number)

    @property
    def urls(self) -> tuple[str, str]:
        return self.ours.url("/"), self.rival.url("/")


@contextmanager
def serving_sites() -> Iterator[Sites]:
    with (
        serve_scripted(ScriptedSite(routes=ours_routes(1), default=None)) as ours,
        serve_scripted(ScriptedSite(routes=rival_routes(1), default=None)) as rival,
    ):
        yield Sites(ours, rival)


def tracking_settings(database_url: str, tmp_path: Path) -> Settings:
    return make_settings(
        database_url,
        tmp_path,
        fingerprints_dir=install_fingerprints(tmp_path / "fingerprints"),
        technology_dns=False,
        webhook_max_attempts=3,
        webhook_retry_min_delay=0.05,
        webhook_retry_max_delay=0.2,
    )


@asynccontextmanager
async def running(settings: Settings) -> AsyncIterator[tuple[FastAPI, httpx.AsyncClient]]:
    app = create_app(settings)
    async with (
        app.router.lifespan_context(app),
        httpx.AsyncClient(
            transport=httpx.ASGITransport(app=app), base_url="http://aura.test"
        ) as client,
    ):
        yield app, client


async def queries_to_load(app: FastAPI, batch_ids: list[str]) -> list[str]:
    """The SQL statements that loading these runs takes (as trends and changes load them)."""
    statements: list[str] = []

    def record(_conn: Any, _cursor: Any, statement: str, *_: Any) -> None:
        statements.append(statement)

    async with app.state.runtime.db.read() as session:
        connection = (await session.connection()).sync_connection
        assert connection is not None
        sa.event.listen(connection, "before_cursor_execute", record)
        loaded = await load_runs(session, [uuid.UUID(batch_id) for batch_id in batch_ids])
        sa.event.remove(connection, "before_cursor_execute", record)
    assert [str(batch.id) for batch, _ in loaded] == batch_ids
    return statements


async def watched_set(client: httpx.AsyncClient, sites: Sites, name: str) -> str:
    ours, rival = sites.urls
    created = await create_set(
        client,
        name=name,
        urls=[ours, rival],
        primary_url=ours,
        mode="static",
        ignore_selectors={ours: [ROTATING_BANNER]},
    )
    set_id: str = created["id"]
    return set_id


def by_url(changes: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {site["url"]: site for site in changes["sites"]}


def text_change(site: dict[str, Any], field: str) -> dict[str, Any]:
    found = [change for change in site["content"] if change["field"] == field]
    assert found, f"no {field} change in {site['content']}"
    return found[0]


def deliveries(receiver: Receiver) -> dict[str, int]:
    counts: dict[str, int] = {}
    for request in receiver.requests:
        delivery = request.headers["x-aura-delivery"]
        counts[delivery] = counts.get(delivery, 0) + 1
    return counts


async def test_two_runs_report_every_change_and_alert_once(
    database_url: str, tmp_path: Path
) -> None:
    settings = tracking_settings(database_url, tmp_path)
    with serving_sites() as sites, receiving(200) as receiver:
        ours, rival = sites.urls
        async with running(settings) as (app, client):
            set_id = await watched_set(client, sites, "Dashboards market")
            webhook = {"webhook_url": receiver.url, "secret": SECRET}
            await add_rule(
                client,
                set_id,
                kind="competitor_content_changed",
                fields=["headline", "pricing"],
                **webhook,
            )
            await add_rule(client, set_id, kind="competitor_technology_changed", **webhook)
            # No webhook: listed in the UI only.
            await add_rule(client, set_id, kind="competitor_content_changed", fields=["title"])

            first = await run_set(client, set_id)
            sites.version(2)
            second = await run_set(client, set_id)

            response = await client.get(f"/api/v1/sets/{set_id}/changes")
            assert response.status_code == 200, response.text
            changes = response.json()
            alerts = await alerts_delivered(client, set_id)

            # Tracking the same run again changes nothing and sends nothing.
            await run_tracking(app.state.runtime, second)
            again = (await client.get(f"/api/v1/sets/{set_id}/alerts")).json()["items"]

    assert changes["before"]["batch_id"] == first
    assert changes["after"]["batch_id"] == second
    assert changes["primary_url"] == ours
    sites_changed = by_url(changes)

    # Our page changed only a date, a counter and an ignored banner: nothing to report.
    assert sites_changed[ours]["status"] == "unchanged", sites_changed[ours]["summary"]
    assert sites_changed[ours]["change_count"] == 0

    competitor = sites_changed[rival]
    assert competitor["status"] == "changed"
    assert text_change(competitor, "title")["after"] == "Rival Analytics - AI dashboards"
    assert text_change(competitor, "meta_description")["before"] == "Dashboards for small teams."
    assert text_change(competitor, "headline")["after"] == "AI dashboards for growing teams"
    ctas = text_change(competitor, "calls_to_action")
    assert set(ctas["added"]) >= {"Get started free", "Talk to sales"}
    assert set(ctas["removed"]) >= {"Start free trial", "Book a demo"}
    navigation = text_change(competitor, "navigation")
    assert (navigation["added"], navigation["removed"]) == (["Customers"], ["Features"])
    main_text = text_change(competitor, "main_text")
    assert "Ask questions in plain English and get a chart back." in main_text["added"]
    assert "Trusted by analysts in forty countries." in main_text["removed"]

    pricing = competitor["pricing"]
    assert pricing is not None
    assert pricing["after_url"] == sites.rival.url("/pricing")
    plans = {change["plan"]: change for change in pricing["changes"]}
    assert plans["Pro"]["change"] == "price"
    assert (plans["Pro"]["before"]["price"], plans["Pro"]["after"]["price"]) == (29, 35)
    assert plans["Enterprise"]["change"] == "added"
    assert "Starter" not in plans

    technology = {(t["name"], t["change"]): t for t in competitor["technology"]}
    assert ("jQuery", "added") in technology
    assert technology["jQuery", "added"]["after_version"] == "3.7.1"
    assert ("Bootstrap", "removed") in technology
    assert ("Express", "added") in technology
    nginx = technology["Nginx", "version"]
    assert (nginx["before_version"], nginx["after_version"]) == ("1.24.0", "1.25.3")

    security = next(delta for delta in competitor["scores"] if delta["id"] == "security")
    assert security["verdict"] == "better"
    assert security["after"] > security["before"]
    assert changes["overtakes"] == []

    # Each rule fired for its change; each alert with a webhook arrived once, signed.
    kinds = sorted(alert["kind"] for alert in alerts)
    assert kinds == [
        "competitor_content_changed",
        "competitor_content_changed",
        "competitor_technology_changed",
    ]
    assert all(alert["site"] == rival for alert in alerts)
    sent = [alert for alert in alerts if alert["delivery"]["status"] != "none"]
    assert len(sent) == 2
    assert all(alert["delivery"]["status"] == "delivered" for alert in sent)
    assert deliveries(receiver) == {alert["id"]: 1 for alert in sent}
    assert all(valid_signature(SECRET, request) for request in receiver.requests)
    payloads = {
        json.loads(request.body)["kind"]: json.loads(request.body) for request in receiver.requests
    }
    technology_alert = payloads["competitor_technology_changed"]
    assert technology_alert["run"] == {"batch_id": second, "previous_batch_id": first}
    assert technology_alert["set"] == {"id": set_id, "name": "Dashboards market"}
    assert technology_alert["site"] == rival
    unsent = next(alert for alert in alerts if alert["delivery"]["status"] == "none")
    assert "title" in json.dumps(unsent["details"]).lower()

    assert sorted(a["id"] for a in again) == sorted(a["id"] for a in alerts)
    assert len(receiver.requests) == 2


async def test_trends_follow_three_runs_and_a_fall_and_an_overtake_raise_alerts(
    database_url: str, tmp_path: Path
) -> None:
    settings = tracking_settings(database_url, tmp_path)
    with serving_sites() as sites:
        ours, rival = sites.urls
        async with running(settings) as (app, client):
            set_id = await watched_set(client, sites, "Three runs")
            await add_rule(client, set_id, kind="score_dropped", category="security", points=5)
            await add_rule(client, set_id, kind="overtaken", category="security")
            runs = [await run_set(client, set_id)]
            sites.version(2)
            runs.append(await run_set(client, set_id))
            sites.version(3)
            runs.append(await run_set(client, set_id))

            trends = (await client.get(f"/api/v1/sets/{set_id}/trends")).json()
            queries = [await queries_to_load(app, runs[:count]) for count in (1, 3)]
            latest = (await client.get(f"/api/v1/sets/{set_id}/changes")).json()
            first_to_last = (
                await client.get(
                    f"/api/v1/sets/{set_id}/changes",
                    params={"from_run": runs[0], "to_run": runs[2]},
                )
            ).json()
            alerts = (await client.get(f"/api/v1/sets/{set_id}/alerts")).json()["items"]

    assert [run["batch_id"] for run in trends["runs"]] == runs
    # The runs are loaded together: as many queries for three runs as for one.
    assert len(queries[1]) == len(queries[0]), queries
    assert trends["categories"][0] == "overall"
    assert "security" in trends["categories"]
    series = {site["url"]: site for site in trends["sites"]}
    assert set(series) == {ours, rival}
    for site in series.values():
        for values in site["scores"].values():
            assert len(values) == 3
    ours_security = series[ours]["scores"]["security"]
    rival_security = series[rival]["scores"]["security"]
    assert ours_security[0] == ours_security[1] > rival_security[2] > ours_security[2]
    assert rival_security[0] < rival_security[1] == rival_security[2]
    assert series[rival]["ranks"]["security"] == [2, 2, 1]

    # The latest run against the one before it, and the first against the last on demand.
    assert (latest["before"]["batch_id"], latest["after"]["batch_id"]) == (runs[1], runs[2])
    ours_fall = next(d for d in by_url(latest)[ours]["scores"] if d["id"] == "security")
    assert ours_fall["verdict"] == "worse"
    assert (first_to_last["before"]["batch_id"], first_to_last["after"]["batch_id"]) == (
        runs[0],
        runs[2],
    )
    assert by_url(first_to_last)[rival]["status"] == "changed"

    # Our security headers are gone in the third run: our score fell, and the rival is
    # ahead of us now. One alert each, for that run only.
    assert sorted(alert["kind"] for alert in alerts) == ["overtaken", "score_dropped"]
    assert all(alert["batch_id"] == runs[2] for alert in alerts)
    assert all(alert["delivery"]["status"] == "none" for alert in alerts)
    overtaken = next(alert for alert in alerts if alert["kind"] == "overtaken")
    assert overtaken["site"] == rival
    assert any(o["site"] == rival and o["overtaken"] == ours for o in latest["overtakes"])


async def test_a_run_whose_tracking_was_lost_is_tracked_by_the_sweep(
    database_url: str, tmp_path: Path
) -> None:
    settings = tracking_settings(database_url, tmp_path)
    with serving_sites() as sites:
        async with running(settings) as (_app, client):
            set_id = await watched_set(client, sites, "Recovered")
            await run_set(client, set_id)
            sites.version(2)
            second = await run_set(client, set_id)
            # As if the worker died before tracking the run (or the queue lost the job).
            db = Database(database_url)
            try:
                async with db.write() as session:
                    await session.execute(sa.delete(SetRunChanges))
            finally:
                await db.dispose()
            await wait_until_tracked(client, set_id, second)
            runs = (await client.get(f"/api/v1/sets/{set_id}/runs")).json()["items"]

    tracked = next(run for run in runs if run["batch_id"] == second)
    assert tracked["change_count"] > 0


@pytest.fixture
def sqlite_database(tmp_path: Path) -> str:
    """One database is enough for the browser test: what it tests is the screenshots."""
    url = f"sqlite+aiosqlite:///{tmp_path / 'aura.db'}"
    upgrade(url)
    return url


async def test_a_hero_that_changes_colour_is_a_visual_change_with_an_overlay(
    sqlite_database: str, tmp_path: Path
) -> None:
    browser = browser_or_skip()
    settings = make_settings(
        sqlite_database,
        tmp_path,
        default_mode="browser",
        chromium_path=browser.executable,
        axe_core_path=browser.axe_core,
        analysis_timeout=40.0,
        job_lease_seconds=60.0,
        browser_page_budget=12.0,
        browser_settle=0.3,
    )
    with (
        serve_scripted(ScriptedSite(routes=hero_routes("#1d4ed8"), default=None)) as changing,
        serve_scripted(ScriptedSite(routes=hero_routes("#15803d"), default=None)) as steady,
    ):
        async with running(settings) as (_app, client):
            created = await create_set(
                client, name="Heroes", urls=[changing.url("/"), steady.url("/")], mode="browser"
            )
            set_id = created["id"]
            await run_set(client, set_id)
            changing.routes = hero_routes("#dc2626")
            second = await run_set(client, set_id)

            changes = (await client.get(f"/api/v1/sets/{set_id}/changes")).json()
            visual = by_url(changes)[changing.url("/")]["visual"]
            assert visual is not None, by_url(changes)[changing.url("/")]
            overlay = await client.get(
                f"/api/v1/sets/{set_id}/runs/{second}/visual/{visual['overlay']}"
            )
            deleted = await client.delete(f"/api/v1/competitive/{second}")
            assert deleted.status_code == 204
            gone = await client.get(
                f"/api/v1/sets/{set_id}/runs/{second}/visual/{visual['overlay']}"
            )

    assert visual["screenshot"] == "desktop.png"
    assert visual["changed_percent"] > 0
    unchanged = by_url(changes)[steady.url("/")]["visual"]
    assert unchanged is None or unchanged["changed_percent"] == 0
    assert overlay.status_code == 200
    assert overlay.headers["content-type"] == "image/png"
    assert overlay.content.startswith(b"\x89PNG\r\n\x1a\n")
    # Deleting a run takes its overlays with it.
    assert gone.status_code == 404
    assert not any((tmp_path / "changes").glob(f"*--{second}"))


def browser_or_skip() -> BrowserSettings:
    settings = BrowserSettings(executable=CHROMIUM, axe_core=BUNDLED_AXE_CORE)
    reason = settings.unavailable_reason()
    if reason is not None:
        if REQUIRE_SERVICES:
            pytest.fail(f"{reason} (required: AURA_TEST_REQUIRE_SERVICES=1)")
        print(f"skipping: {reason}")
        pytest.skip(reason)
    return settings
