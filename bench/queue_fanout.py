"""Queue and fan-out benchmarks (issue #7).

1. Queue overhead per job: no-op jobs through Docket, in-process and on Redis.
2. Drain rate: 500 queued URL analyses of a small local page with 1 and 2 `aura worker`
   processes (PostgreSQL + Redis).
3. WebSocket fan-out: 500 watchers of one batch on one `aura serve`; delivery latency of an
   event from the request that caused it to each watcher.

Usage: .venv/bin/python bench/queue_fanout.py [--jobs 500] [--watchers 500] [--skip-drain]
Needs PostgreSQL and Redis for parts 1 (Redis) and 2: AURA_BENCH_DATABASE_URL (an admin URL,
default postgresql+asyncpg://postgres@127.0.0.1:5432/postgres) and AURA_BENCH_REDIS_URL
(default redis://127.0.0.1:6379/0). Writes bench/results/queue.json.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import os
import statistics
import sys
import tempfile
import time
import uuid
from pathlib import Path
from typing import Any

import httpx
from websockets.asyncio.client import connect

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from aura.analyses.service import AnalysisService  # noqa: E402
from aura.db.engine import Database  # noqa: E402
from aura.jobs import enqueue_audit  # noqa: E402
from aura.queue.docket_queue import DocketQueue  # noqa: E402
from bench.common import write_result  # noqa: E402
from tests.support.databases import fresh_database  # noqa: E402
from tests.support.processes import aura_processes, free_port  # noqa: E402
from tests.support.servers import Route, ScriptedSite, serve_scripted  # noqa: E402

ADMIN_URL = os.environ.get(
    "AURA_BENCH_DATABASE_URL", "postgresql+asyncpg://postgres@127.0.0.1:5432/postgres"
)
REDIS_URL = os.environ.get("AURA_BENCH_REDIS_URL", "redis://127.0.0.1:6379/0")


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, round(fraction * (len(ordered) - 1))))
    return ordered[index]


async def queue_overhead(url: str, jobs: int) -> dict[str, Any]:
    done = 0
    finished = asyncio.Event()

    async def noop(_entity: str) -> None:
        nonlocal done
        done += 1
        if done == jobs:
            finished.set()

    queue = DocketQueue(url, f"bench-{uuid.uuid4().hex[:8]}", {"noop": noop})
    async with queue:
        started = time.perf_counter()
        for index in range(jobs):
            await queue.enqueue("noop", str(index), key=f"noop:{index}")
        enqueued = time.perf_counter()
        worker = asyncio.create_task(queue.run_worker(concurrency=16))
        await finished.wait()
        drained = time.perf_counter()
        worker.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await worker
    return {
        "queue": url.split(":", 1)[0],
        "jobs": jobs,
        "enqueue_ms_per_job": round((enqueued - started) * 1000 / jobs, 3),
        "run_ms_per_job": round((drained - enqueued) * 1000 / jobs, 3),
        "total_ms_per_job": round((drained - started) * 1000 / jobs, 3),
    }


class _NoQueue:
    async def enqueue(self, kind: str, entity_id: str, key: str, delay: float = 0.0) -> bool:
        return True


async def _seed(database_url: str, queue_url: str, queue_name: str, urls: list[str]) -> None:
    db = Database(database_url)
    service = AnalysisService(_NoQueue(), allow_private=True)
    ids = []
    async with db.write() as session:
        for url in urls:
            ids.append((await service.create(session, url)).id)
    await db.dispose()
    queue = DocketQueue(queue_url, queue_name, {"audit_url": _never})
    async with queue:
        for analysis_id in ids:
            await enqueue_audit(queue, analysis_id)


async def _never(_entity: str) -> None:
    raise AssertionError("the seeding process runs no jobs")


async def _drain_seconds(database_url: str) -> float:
    import sqlalchemy as sa

    from aura.models import Analysis

    db = Database(database_url)
    try:
        async with db.read() as session:
            first, last = (
                await session.execute(
                    sa.select(sa.func.min(Analysis.started_at), sa.func.max(Analysis.finished_at))
                )
            ).one()
            return float((last - first).total_seconds())
    finally:
        await db.dispose()


async def _remaining(database_url: str) -> int:
    import sqlalchemy as sa

    from aura.models import Analysis

    db = Database(database_url)
    try:
        async with db.read() as session:
            count = await session.scalar(
                sa.select(sa.func.count())
                .select_from(Analysis)
                .where(Analysis.status.in_(("queued", "running")))
            )
            return int(count or 0)
    finally:
        await db.dispose()


def drain(jobs: int, workers: int, site: ScriptedSite, logs: Path) -> dict[str, Any]:
    with fresh_database(ADMIN_URL, prefix="aura_bench") as database_url:
        queue_name = f"bench-{uuid.uuid4().hex[:8]}"
        urls = [site.url(f"/page-{index}") for index in range(jobs)]
        asyncio.run(_seed(database_url, REDIS_URL, queue_name, urls))
        env = {
            "AURA_DATABASE_URL": database_url,
            "AURA_QUEUE_URL": REDIS_URL,
            "AURA_QUEUE_NAME": queue_name,
            "AURA_ALLOW_PRIVATE_NETWORKS": "true",
            "AURA_WORKER_CONCURRENCY": "8",
            "AURA_SWEEP_INTERVAL_SECONDS": "30",
        }
        with aura_processes(env, logs) as aura:
            for index in range(workers):
                aura.worker(f"worker-{index}")
            while asyncio.run(_remaining(database_url)) > 0:
                time.sleep(0.2)
        # From the first job's start to the last job's end, as the database recorded them:
        # worker start-up is not part of the drain.
        elapsed = asyncio.run(_drain_seconds(database_url))
    return {
        "workers": workers,
        "jobs": jobs,
        "seconds": round(elapsed, 2),
        "jobs_per_second": round(jobs / elapsed, 1),
        "jobs_per_second_per_worker": round(jobs / elapsed / workers, 1),
    }


async def fan_out(watchers: int, logs: Path, site: ScriptedSite) -> dict[str, Any]:
    port = free_port()
    env = {
        "AURA_DATA_DIR": str(logs / "fanout-data"),
        "AURA_DATABASE_URL": "",
        "AURA_ALLOW_PRIVATE_NETWORKS": "true",
    }
    with aura_processes(env, logs) as aura:
        base = aura.api("fanout-api")
        async with httpx.AsyncClient(base_url=base, timeout=30) as http:
            urls = [site.url("/hang-1"), site.url("/hang-2")]
            batch = (await http.post("/api/v1/competitive/", json={"urls": urls})).json()
            ws = base.replace("http://", "ws://") + f"/api/v1/competitive/{batch['id']}/ws"
            ready = asyncio.Event()
            connected = 0
            received: list[float] = []

            async def watcher() -> None:
                nonlocal connected
                async with connect(ws, open_timeout=60) as socket:
                    await socket.recv()  # snapshot
                    connected += 1
                    if connected == watchers:
                        ready.set()
                    async for raw in socket:
                        event = json.loads(raw)
                        if event.get("status") == "cancelled":
                            received.append(time.perf_counter())
                            return

            tasks = [asyncio.create_task(watcher()) for _ in range(watchers)]
            await asyncio.wait_for(ready.wait(), timeout=120)
            sent = time.perf_counter()
            await http.post(f"/api/v1/competitive/{batch['id']}/cancel")
            await asyncio.wait_for(asyncio.gather(*tasks), timeout=120)
    latencies = [(at - sent) * 1000 for at in received]
    del port
    return {
        "watchers": watchers,
        "delivered": len(latencies),
        "latency_ms_p50": round(statistics.median(latencies), 1),
        "latency_ms_p95": round(percentile(latencies, 0.95), 1),
        "latency_ms_max": round(max(latencies), 1),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--jobs", type=int, default=500)
    parser.add_argument("--watchers", type=int, default=500)
    parser.add_argument("--overhead-jobs", type=int, default=2000)
    parser.add_argument("--skip-drain", action="store_true")
    args = parser.parse_args()
    logs = Path(tempfile.mkdtemp(prefix="aura-bench-queue-"))
    results: dict[str, Any] = {}
    overhead = [asyncio.run(queue_overhead("memory://", args.overhead_jobs))]
    overhead.append(asyncio.run(queue_overhead(REDIS_URL, args.overhead_jobs)))
    results["queue_overhead"] = overhead
    for row in overhead:
        print(
            f"queue {row['queue']:>7}: {row['total_ms_per_job']:.3f} ms/job "
            f"(enqueue {row['enqueue_ms_per_job']:.3f}, run {row['run_ms_per_job']:.3f})"
        )
    page = Route(body=b"<html><head><title>Bench</title></head><body><h1>Hi</h1></body></html>")
    site = ScriptedSite(
        routes={"/hang-1": Route(delay=60), "/hang-2": Route(delay=60)}, default=page
    )
    with serve_scripted(site):
        if not args.skip_drain:
            results["drain"] = [drain(args.jobs, n, site, logs) for n in (1, 2)]
            for row in results["drain"]:
                print(
                    f"drain {row['jobs']} jobs, {row['workers']} worker(s): {row['seconds']} s, "
                    f"{row['jobs_per_second']} jobs/s ({row['jobs_per_second_per_worker']}/worker)"
                )
        results["fan_out"] = asyncio.run(fan_out(args.watchers, logs, site))
        row = results["fan_out"]
        print(
            f"fan-out to {row['watchers']} watchers: delivered {row['delivered']}, "
            f"p50 {row['latency_ms_p50']} ms, p95 {row['latency_ms_p95']} ms, "
            f"max {row['latency_ms_max']} ms"
        )
    print(f"wrote {write_result('queue', results)}")


if __name__ == "__main__":
    main()
