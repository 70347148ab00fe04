"""A real uvicorn server inside the test's event loop (for WebSocket tests)."""

from __future__ import annotations

import asyncio
import json
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

import uvicorn
from fastapi import FastAPI
from websockets.asyncio.client import connect
from websockets.exceptions import ConnectionClosed


@asynccontextmanager
async def live_server(app: FastAPI) -> AsyncIterator[str]:
    """Serve ``app`` on a free loopback port; yields ``http://127.0.0.1:PORT``."""
    config = uvicorn.Config(app, host="127.0.0.1", port=0, log_level="warning", lifespan="on")
    server = uvicorn.Server(config)
    task = asyncio.create_task(server.serve())
    while not server.started:
        if task.done():
            task.result()
        await asyncio.sleep(0.01)
    port = server.servers[0].sockets[0].getsockname()[1]
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        await task


async def watch(ws_url: str, *, within: float = 60.0) -> tuple[list[dict[str, Any]], int, str]:
    """Collect every message of a batch socket until the server closes it."""
    messages: list[dict[str, Any]] = []
    async with asyncio.timeout(within), connect(ws_url) as socket:
        try:
            async for raw in socket:
                messages.append(json.loads(raw))
        except ConnectionClosed:
            pass
        assert socket.close_code is not None
        return messages, socket.close_code, socket.close_reason or ""


def ws_url(base: str, batch_id: str) -> str:
    return base.replace("http://", "ws://") + f"/api/v1/competitive/{batch_id}/ws"


def replay(messages: list[dict[str, Any]]) -> dict[str, Any]:
    """Apply the stream to its snapshots the way a client would; returns the final view.

    Also checks the stream's promise: after a snapshot, versions go up by exactly one.
    """
    view: dict[str, Any] = {}
    version = 0
    for message in messages:
        if message["type"] == "snapshot":
            view = {
                "status": message["batch"]["status"],
                "urls": {u["url"]: u["status"] for u in message["batch"]["urls"]},
                "progress": message["batch"]["progress"],
            }
            version = message["version"]
            continue
        assert message["version"] == version + 1, (message, version)
        version = message["version"]
        if message["type"] == "url.started":
            view["urls"][message["url"]] = "running"
        elif message["type"] == "url.stage":
            assert view["urls"][message["url"]] == "running", message
        elif message["type"] == "url.finished":
            view["urls"][message["url"]] = message["status"]
            view["progress"] = message["progress"]
        elif message["type"] in ("batch.status", "batch.finished"):
            view["status"] = message["status"]
    return view
