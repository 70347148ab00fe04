"""Watching a batch over the WebSocket in embedded mode (one process)."""

from __future__ import annotations

import asyncio
import json
import uuid
from pathlib import Path

import httpx
from websockets.asyncio.client import connect

from aura.app import create_app
from tests.conftest import make_settings
from tests.support.live import live_server, replay, watch, ws_url
from tests.support.servers import Route, ScriptedSite, closed_port_url, serve_scripted


async def test_a_watcher_sees_every_url_and_the_end(database_url: str, tmp_path: Path) -> None:
    site = ScriptedSite(default=Route(delay=0.5))
    app = create_app(make_settings(database_url, tmp_path))
    with serve_scripted(site):
        async with live_server(app) as base, httpx.AsyncClient(base_url=base) as http:
            urls = [site.url("/a"), site.url("/b"), closed_port_url()]
            created = (await http.post("/api/v1/competitive/", json={"urls": urls})).json()
            messages, code, reason = await watch(ws_url(base, created["id"]))
            final = (await http.get(f"/api/v1/competitive/{created['id']}")).json()

    assert messages[0]["type"] == "snapshot"
    assert (code, reason) == (1000, "batch finished")
    finished = [m for m in messages if m["type"] == "url.finished"]
    # Whatever happened before the socket opened is in the snapshot; the rest is streamed.
    view = replay(messages)
    assert view["status"] == "partial" == final["status"]
    assert view["urls"] == {u["url"]: u["status"] for u in final["urls"]}
    assert view["progress"] == 100
    assert messages[-1]["type"] == "batch.finished"
    assert messages[-1]["comparison_ready"] is True
    slow = {m["url"] for m in finished}
    assert {site.url("/a"), site.url("/b")} <= slow
    failed = next(m for m in finished if m["status"] == "failed")
    assert "connection refused" in failed["error"]


async def test_each_site_tells_its_stage_while_it_runs(database_url: str, tmp_path: Path) -> None:
    # The pages answer slowly, so the socket is open before the sites are claimed.
    site = ScriptedSite(default=Route(delay=1.0))
    app = create_app(make_settings(database_url, tmp_path))
    with serve_scripted(site):
        async with live_server(app) as base, httpx.AsyncClient(base_url=base) as http:
            urls = [site.url("/a"), site.url("/b")]
            created = (await http.post("/api/v1/competitive/", json={"urls": urls})).json()
            assert [item["stage"] for item in created["urls"]] == [None, None]  # queued
            messages, _, _ = await watch(ws_url(base, created["id"]))
            final = (await http.get(f"/api/v1/competitive/{created['id']}")).json()

    replay(messages)  # versions stay gap-free with the stage events among them
    for url in urls:
        kinds = [
            (m["type"], m.get("stage"))
            for m in messages
            if m.get("url") == url and m["type"].startswith("url.")
        ]
        # Static mode: fetched (started: in the snapshot if it came first), then audited (no
        # rendering), told before the end.
        assert kinds[-2:] == [("url.stage", "auditing"), ("url.finished", None)]
        assert kinds[:-2] in ([], [("url.started", None)])
    assert [item["stage"] for item in final["urls"]] == [None, None]  # over: no stage


async def test_many_watchers_all_receive_every_event(database_url: str, tmp_path: Path) -> None:
    site = ScriptedSite(default=Route(delay=0.5))
    app = create_app(make_settings(database_url, tmp_path))
    with serve_scripted(site):
        async with live_server(app) as base, httpx.AsyncClient(base_url=base) as http:
            urls = [site.url("/a"), site.url("/b")]
            created = (await http.post("/api/v1/competitive/", json={"urls": urls})).json()
            results = await asyncio.gather(*(watch(ws_url(base, created["id"])) for _ in range(40)))

    for messages, code, _ in results:
        assert code == 1000
        assert replay(messages)["status"] == "completed"
        assert messages[-1]["type"] == "batch.finished"
    last_versions = {messages[-1]["version"] for messages, _, _ in results}
    assert len(last_versions) == 1


async def test_unknown_and_malformed_ids_close_with_a_reason(
    database_url: str, tmp_path: Path
) -> None:
    app = create_app(make_settings(database_url, tmp_path))
    async with live_server(app) as base:
        messages, code, reason = await watch(ws_url(base, str(uuid.uuid4())))
        assert (messages, code) == ([], 4404)
        assert "not found" in reason
        messages, code, reason = await watch(ws_url(base, "not-a-uuid"))
        assert (messages, code) == ([], 4404)
        assert "not-a-uuid" in reason


async def test_a_finished_batch_sends_its_snapshot_and_closes(
    database_url: str, tmp_path: Path
) -> None:
    app = create_app(make_settings(database_url, tmp_path))
    with serve_scripted(ScriptedSite()) as site:
        async with live_server(app) as base, httpx.AsyncClient(base_url=base) as http:
            urls = [site.url("/a"), site.url("/b")]
            created = (await http.post("/api/v1/competitive/", json={"urls": urls})).json()
            await watch(ws_url(base, created["id"]))
            messages, code, _ = await watch(ws_url(base, created["id"]))
    assert [m["type"] for m in messages] == ["snapshot"]
    assert messages[0]["batch"]["status"] == "completed"
    assert code == 1000


async def test_a_client_can_ask_for_a_fresh_snapshot(database_url: str, tmp_path: Path) -> None:
    app = create_app(make_settings(database_url, tmp_path), run_worker=False)
    async with live_server(app) as base, httpx.AsyncClient(base_url=base) as http:
        created = (
            await http.post("/api/v1/competitive/", json={"urls": ["a.example", "b.example"]})
        ).json()
        async with connect(ws_url(base, created["id"])) as socket:
            first = json.loads(await socket.recv())
            await socket.send(json.dumps({"type": "resync"}))
            second = json.loads(await socket.recv())
            assert first["type"] == second["type"] == "snapshot"
            assert second["batch"]["status"] == "pending"

            cancelled = await http.post(f"/api/v1/competitive/{created['id']}/cancel")
            assert cancelled.status_code == 200
            event = json.loads(await socket.recv())
            assert event["type"] == "batch.status"
            assert event["status"] == "cancelled"
            assert event["version"] == second["version"] + 1
            await socket.wait_closed()
            assert socket.close_code == 1000
