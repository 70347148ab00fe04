"""The API under load: open-loop request rates against `aura serve`, latency percentiles.

The server runs in its own process (SQLite, a Redis queue and no worker, so only the API's
own cost is measured); this process generates the load at fixed rates, each for a few
seconds, for batch creation and for batch reads. Reported: p50/p95/p99 latency, errors,
and the highest rate whose p99 stays at or under 20 ms with no errors.

Usage: .venv/bin/python -m bench.api_load [--rates 25,50,100,200,400] [--seconds 5]
"""

from __future__ import annotations

import argparse
import asyncio
import os
import tempfile
import time
import uuid
from pathlib import Path
from typing import Any

import httpx

from bench.common import percentile, write_result
from tests.support.processes import aura_processes

REDIS_URL = os.environ.get("AURA_BENCH_REDIS_URL", "redis://127.0.0.1:6379/0")
P99_TARGET_MS = 20.0


async def _load(
    client: httpx.AsyncClient, rate: int, seconds: float, request: Any
) -> dict[str, Any]:
    latencies: list[float] = []
    errors = 0
    interval = 1.0 / rate
    tasks = []

    async def one(index: int) -> None:
        nonlocal errors
        started = time.perf_counter()
        try:
            response = await request(client, index)
            if response.status_code >= 400:
                errors += 1
        except httpx.HTTPError:
            errors += 1
        latencies.append((time.perf_counter() - started) * 1000)

    begin = time.perf_counter()
    for index in range(int(rate * seconds)):
        # Open loop: requests go out on schedule whether or not earlier ones came back.
        delay = begin + index * interval - time.perf_counter()
        if delay > 0:
            await asyncio.sleep(delay)
        tasks.append(asyncio.create_task(one(index)))
    await asyncio.gather(*tasks)
    return {
        "rate": rate,
        "requests": len(latencies),
        "errors": errors,
        "p50_ms": round(percentile(latencies, 0.50), 2),
        "p95_ms": round(percentile(latencies, 0.95), 2),
        "p99_ms": round(percentile(latencies, 0.99), 2),
    }


async def run(api: str, rates: list[int], seconds: float) -> dict[str, Any]:
    limits = httpx.Limits(max_connections=200, max_keepalive_connections=200)
    async with httpx.AsyncClient(base_url=api, timeout=10, limits=limits) as client:
        seed = await client.post(
            "/api/v1/competitive/", json={"urls": ["a.example", "b.example", "c.example"]}
        )
        batch_id = seed.json()["id"]

        async def create(c: httpx.AsyncClient, index: int) -> httpx.Response:
            body = {"urls": [f"https://site-{index}.example/", "https://rival.example/"]}
            return await c.post("/api/v1/competitive/", json=body)

        async def read(c: httpx.AsyncClient, _index: int) -> httpx.Response:
            return await c.get(f"/api/v1/competitive/{batch_id}")

        results: dict[str, Any] = {}
        for name, request in (("create_batch", create), ("read_batch", read)):
            rows = []
            for rate in rates:
                row = await _load(client, rate, seconds, request)
                rows.append(row)
                print(
                    f"{name:>12} @ {rate:>4}/s: p50 {row['p50_ms']:>7} ms  p95 {row['p95_ms']:>7}"
                    f" ms  p99 {row['p99_ms']:>7} ms  errors {row['errors']}"
                )
            within = [r["rate"] for r in rows if r["p99_ms"] <= P99_TARGET_MS and not r["errors"]]
            results[name] = {"rates": rows, "max_rate_p99_under_20ms": max(within, default=0)}
            print(
                f"{name}: highest rate with p99 ≤ 20 ms and no errors: {max(within, default=0)}/s"
            )
        return results


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rates", default="25,50,100,200,400")
    parser.add_argument("--seconds", type=float, default=5.0)
    args = parser.parse_args()
    rates = [int(r) for r in args.rates.split(",")]
    data = Path(tempfile.mkdtemp(prefix="aura-bench-"))
    env = {
        "AURA_DATA_DIR": str(data),
        "AURA_DATABASE_URL": "",
        "AURA_QUEUE_URL": REDIS_URL,
        "AURA_QUEUE_NAME": f"bench-load-{uuid.uuid4().hex[:8]}",
        "AURA_BATCH_RATE_LIMIT": "0",
        "AURA_LOG_FORMAT": "json",
    }
    with aura_processes(env, data / "logs") as aura:
        api = aura.api("api")
        figures = asyncio.run(run(api, rates, args.seconds))
    figures["setup"] = "aura serve (SQLite, Redis queue, no worker) on loopback; open-loop load"
    print(f"wrote {write_result('api_load', figures)}")


if __name__ == "__main__":
    main()
