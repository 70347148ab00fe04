"""Helpers for driving the API in tests."""

from __future__ import annotations

import asyncio
import time
from typing import Any

import httpx

FINISHED = {"completed", "partial", "failed", "cancelled"}


async def create_batch(client: httpx.AsyncClient, urls: list[str], **extra: Any) -> dict[str, Any]:
    response = await client.post("/api/v1/competitive/", json={"urls": urls, **extra})
    assert response.status_code == 201, response.text
    body: dict[str, Any] = response.json()
    return body


async def wait_for_batch(
    client: httpx.AsyncClient, batch_id: str, *, within: float = 60.0
) -> dict[str, Any]:
    """Poll until the batch is finished; fails the test with the last state if it never is."""
    deadline = time.monotonic() + within
    body: dict[str, Any] = {}
    while time.monotonic() < deadline:
        response = await client.get(f"/api/v1/competitive/{batch_id}")
        assert response.status_code == 200, response.text
        body = response.json()
        if body["status"] in FINISHED:
            return body
        await asyncio.sleep(0.05)
    raise AssertionError(f"batch never finished; last state: {body}")
