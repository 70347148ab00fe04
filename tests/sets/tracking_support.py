"""Driving a set through the API in tests: create it, run it, wait for its changes."""

from __future__ import annotations

import asyncio
import time
from typing import Any

import httpx

from tests.support.api import wait_for_batch


async def create_set(client: httpx.AsyncClient, **body: Any) -> dict[str, Any]:
    response = await client.post("/api/v1/sets/", json=body)
    assert response.status_code == 201, response.text
    created: dict[str, Any] = response.json()
    return created


async def add_rule(client: httpx.AsyncClient, set_id: str, **body: Any) -> dict[str, Any]:
    response = await client.post(f"/api/v1/sets/{set_id}/alert-rules", json=body)
    assert response.status_code == 201, response.text
    rule: dict[str, Any] = response.json()
    return rule


async def run_set(client: httpx.AsyncClient, set_id: str, *, within: float = 90.0) -> str:
    """Run the set, wait until the run is finished and tracked; the run's batch id."""
    response = await client.post(f"/api/v1/sets/{set_id}/runs")
    assert response.status_code == 202, response.text
    batch_id: str = response.json()["id"]
    batch = await wait_for_batch(client, batch_id, within=within)
    assert batch["status"] == "completed", batch
    await wait_until_tracked(client, set_id, batch_id)
    return batch_id


async def wait_until_tracked(
    client: httpx.AsyncClient, set_id: str, batch_id: str, *, within: float = 30.0
) -> None:
    """Wait for the run's change record, unless it is the set's first finished run."""
    deadline = time.monotonic() + within
    while True:
        runs = (await client.get(f"/api/v1/sets/{set_id}/runs")).json()["items"]
        finished = [run for run in runs if run["status"] in ("completed", "partial")]
        this = next(run for run in runs if run["batch_id"] == batch_id)
        if len(finished) < 2 or this["change_count"] is not None:
            return
        assert time.monotonic() < deadline, f"run {batch_id} was never tracked: {this}"
        await asyncio.sleep(0.05)


async def alerts_delivered(
    client: httpx.AsyncClient, set_id: str, *, within: float = 30.0
) -> list[dict[str, Any]]:
    """The set's alerts once none of them waits for a delivery any more."""
    deadline = time.monotonic() + within
    while True:
        response = await client.get(f"/api/v1/sets/{set_id}/alerts")
        assert response.status_code == 200, response.text
        alerts: list[dict[str, Any]] = response.json()["items"]
        waiting = [a for a in alerts if a["delivery"]["status"] in ("pending", "sending")]
        if not waiting:
            return alerts
        assert time.monotonic() < deadline, f"deliveries never finished: {waiting}"
        await asyncio.sleep(0.05)
