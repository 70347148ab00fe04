"""A crawl's progress on the batch socket: counters without a version, versions gap-free."""

from __future__ import annotations

from pathlib import Path

import httpx

from aura.app import create_app
from tests.conftest import make_settings
from tests.support.live import live_server, replay, watch, ws_url
from tests.support.servers import Route, ScriptedSite, serve_scripted


async def test_a_watcher_sees_crawl_counters_and_every_version(
    database_url: str, tmp_path: Path
) -> None:
    links = "".join(f'<a href="/p{index}">p</a>' for index in range(12))
    home = f"<html><head><title>Home</title></head><body>{links}</body></html>".encode()
    site = ScriptedSite(routes={"/": Route(body=home)}, default=Route(delay=0.2))
    app = create_app(make_settings(database_url, tmp_path))
    with serve_scripted(site):
        async with live_server(app) as base, httpx.AsyncClient(base_url=base) as http:
            body = {"urls": [site.url("/"), site.url("/p0")], "pages": 13}
            created = (await http.post("/api/v1/competitive/", json=body)).json()
            messages, code, _reason = await watch(ws_url(base, created["id"]), within=120)
            final = (await http.get(f"/api/v1/competitive/{created['id']}")).json()

    assert code == 1000
    assert final["status"] == "completed"
    progress = [m for m in messages if m["type"] == "crawl.progress"]
    assert progress
    assert all("version" not in m for m in progress)
    home_crawl = next(u["crawl"] for u in final["urls"] if u["url"] == site.url("/"))
    mine = [m for m in progress if m["crawl_id"] == home_crawl["id"]]
    # Throttled, but the one of the drained crawl always goes out, with the final counts; a
    # watcher keeps the highest counts (two pages settling together may cross on the way),
    # so what it shows in the end is the crawl's final state.
    shown: dict[str, int] = {"done": 0, "failed": 0, "skipped": 0, "discovered": 0}
    for message in mine:
        if _settled(message) >= _settled(shown):
            shown = {key: message[key] for key in shown}
    assert (shown["done"], shown["discovered"]) == (13, 13)
    assert any(m["type"] == "crawl.finished" for m in messages)
    # The versioned events stay gap-free once the counters are set aside.
    view = replay([m for m in messages if m["type"] != "crawl.progress"])
    assert view["status"] == "completed"


def _settled(counts: dict[str, int]) -> int:
    return counts["done"] + counts["failed"] + counts["skipped"]
