"""End to end: submit → comparison ready, through the real API and workers.

* a batch of all 14 shared sites in embedded mode (`aura serve`, SQLite, in-process worker)
  and in distributed mode (`aura serve` + 2 `aura worker` processes, PostgreSQL + Redis);
* scaling: batches of 2, 5, 10 and 20 URLs in embedded mode, with the server's peak RSS.

Usage: .venv/bin/python -m bench.end_to_end [--skip-distributed] [--skip-scaling]
       [--scaling 2,5,10,20] [--mode static|browser]
Distributed mode needs AURA_BENCH_DATABASE_URL (admin URL; default the local postgres) and
AURA_BENCH_REDIS_URL (default redis://127.0.0.1:6379/0).
"""

from __future__ import annotations

import argparse
import os
import tempfile
import time
import uuid
from itertools import cycle, islice
from pathlib import Path
from typing import Any

import httpx

from bench.common import peak_rss_mb, serve_sites, write_result
from tests.support.databases import fresh_database
from tests.support.processes import aura_processes

ADMIN_URL = os.environ.get(
    "AURA_BENCH_DATABASE_URL", "postgresql+asyncpg://postgres@127.0.0.1:5432/postgres"
)
REDIS_URL = os.environ.get("AURA_BENCH_REDIS_URL", "redis://127.0.0.1:6379/0")
FINISHED = {"completed", "partial", "failed", "cancelled"}


def run_batch(api: str, urls: list[str]) -> dict[str, Any]:
    started = time.perf_counter()
    response = httpx.post(f"{api}/api/v1/competitive/", json={"urls": urls}, timeout=30)
    response.raise_for_status()
    batch_id = response.json()["id"]
    while True:
        batch = httpx.get(f"{api}/api/v1/competitive/{batch_id}", timeout=30).json()
        if batch["status"] in FINISHED:
            break
        time.sleep(0.05)
    elapsed = time.perf_counter() - started
    return {
        "urls": len(urls),
        "mode": batch["mode"],
        "status": batch["status"],
        "completed_urls": batch["completed_urls"],
        "seconds": round(elapsed, 2),
        # A partial batch says which pages failed, and why.
        "failures": {item["url"]: item["error"] for item in batch["urls"] if item["error"]},
    }


#: The mode of the benchmark's batches: the server's default (browser where Chromium is
#: installed) unless --mode says otherwise.
MODE: dict[str, str] = {}


def _env(**extra: str) -> dict[str, str]:
    return {
        "AURA_ALLOW_PRIVATE_NETWORKS": "true",
        "AURA_MAX_BATCH_URLS": "20",
        "AURA_BATCH_RATE_LIMIT": "0",
        **MODE,
        **extra,
    }


def embedded(urls: list[str], logs: Path) -> dict[str, Any]:
    data = Path(tempfile.mkdtemp(prefix="aura-bench-"))
    with aura_processes(_env(AURA_DATA_DIR=str(data), AURA_DATABASE_URL=""), logs) as aura:
        api = aura.api("embedded")
        result = run_batch(api, urls)
        result["server_peak_rss_mb"] = peak_rss_mb(aura.processes[0].pid)
    return result


def distributed(urls: list[str], logs: Path, workers: int = 2) -> dict[str, Any]:
    with fresh_database(ADMIN_URL, prefix="aura_bench") as database_url:
        env = _env(
            AURA_DATABASE_URL=database_url,
            AURA_QUEUE_URL=REDIS_URL,
            AURA_QUEUE_NAME=f"bench-{uuid.uuid4().hex[:8]}",
        )
        with aura_processes(env, logs) as aura:
            api = aura.api("distributed-api")
            worker_processes = [aura.worker(f"worker-{i}") for i in range(workers)]
            result = run_batch(api, urls)
            result["workers"] = workers
            result["worker_peak_rss_mb"] = [peak_rss_mb(p.pid) for p in worker_processes]
    return result


def scaling(urls: list[str], logs: Path, sizes: list[int]) -> list[dict[str, Any]]:
    rows = []
    for size in sizes:
        batch = list(islice(cycle(urls), size))
        # The same site twice is one URL: vary the query string to make each one distinct.
        batch = [f"{url}?n={index}" for index, url in enumerate(batch)]
        rows.append(embedded(batch, logs / f"scaling-{size}"))
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--skip-distributed", action="store_true")
    parser.add_argument("--skip-scaling", action="store_true")
    parser.add_argument("--scaling", default="2,5,10,20", help="batch sizes of the scaling run")
    parser.add_argument("--mode", choices=("static", "browser"), help="default: the server's")
    args = parser.parse_args()
    if args.mode:
        MODE["AURA_DEFAULT_MODE"] = args.mode
    logs = Path(tempfile.mkdtemp(prefix="aura-bench-logs-"))
    figures: dict[str, Any] = {}
    with serve_sites() as sites:
        urls = [url for _, url in sites]
        figures["embedded"] = embedded(urls, logs / "embedded")
        row = figures["embedded"]
        print(
            f"embedded  {row['urls']} URLs: {row['seconds']} s → {row['status']} "
            f"(server peak RSS {row['server_peak_rss_mb']} MB)"
        )
        if not args.skip_distributed:
            figures["distributed"] = distributed(urls, logs / "distributed")
            row = figures["distributed"]
            print(
                f"distributed {row['urls']} URLs, {row['workers']} workers: {row['seconds']} s "
                f"→ {row['status']} (worker peak RSS {row['worker_peak_rss_mb']} MB)"
            )
        if not args.skip_scaling:
            sizes = [int(size) for size in args.scaling.split(",") if size]
            figures["scaling"] = scaling(urls, logs, sizes)
            for row in figures["scaling"]:
                print(
                    f"scaling {row['urls']:>2} URLs: {row['seconds']:>6} s, "
                    f"server peak RSS {row['server_peak_rss_mb']} MB"
                )
    for name in ("embedded", "distributed"):
        for url, error in (figures.get(name) or {}).get("failures", {}).items():
            print(f"{name}: {url} failed: {error}")
    print(f"wrote {write_result('end_to_end', figures)}")


if __name__ == "__main__":
    main()
