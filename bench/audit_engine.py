"""Benchmark: the static audit engine on the 14 shared sites, served locally.

The sites are served from a separate process so that the CPU time measured here is the
engine's alone. Prints per-page wall and CPU time (median, p95) and the wall time of the
whole set audited concurrently; writes the figures to bench/results/audit_engine.json.

    .venv/bin/python bench/audit_engine.py [--rounds 3]
"""

from __future__ import annotations

import argparse
import asyncio
import functools
import json
import multiprocessing
import statistics
import threading
import time
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

from aura.audit.fetch import FetchLimits, NetworkPolicy
from aura.audit.runner import AnalysisOptions, analyze_url

SITES = Path(__file__).resolve().parents[2] / "shared" / "sites"
RESULTS = Path(__file__).resolve().parent / "results" / "audit_engine.json"


class _Quiet(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


def _serve(folders: list[str], ports: Any) -> None:
    servers = []
    for folder in folders:
        handler = functools.partial(_Quiet, directory=str(SITES / folder))
        server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
        server.daemon_threads = True
        threading.Thread(target=server.serve_forever, daemon=True).start()
        servers.append(server)
    ports.put([server.server_address[1] for server in servers])
    threading.Event().wait()


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, round(share * (len(ordered) - 1))))
    return ordered[index]


async def audit_once(url: str, options: AnalysisOptions) -> tuple[float, float]:
    wall, cpu = time.perf_counter(), time.process_time()
    await analyze_url(url, options)
    return (time.perf_counter() - wall) * 1000, (time.process_time() - cpu) * 1000


async def main(rounds: int) -> dict[str, Any]:
    folders = sorted(path.name for path in SITES.iterdir() if path.is_dir())
    ports: Any = multiprocessing.Queue()
    server = multiprocessing.Process(target=_serve, args=(folders, ports), daemon=True)
    server.start()
    try:
        urls = {
            folder: f"http://127.0.0.1:{port}/"
            for folder, port in zip(folders, ports.get(timeout=10), strict=True)
        }
        options = AnalysisOptions(
            limits=FetchLimits(user_agent="Aura-bench"), policy=NetworkPolicy(allow_private=True)
        )
        # Warm-up: imports, the pronunciation dictionary of textstat, extruct.
        await audit_once(urls[folders[0]], options)

        pages: dict[str, dict[str, float]] = {}
        for folder, url in urls.items():
            samples = [await audit_once(url, options) for _ in range(rounds)]
            pages[folder] = {
                "wall_ms": round(statistics.median(s[0] for s in samples), 1),
                "cpu_ms": round(statistics.median(s[1] for s in samples), 1),
            }
        concurrent: list[float] = []
        for _ in range(rounds):
            started = time.perf_counter()
            await asyncio.gather(*(analyze_url(url, options) for url in urls.values()))
            concurrent.append((time.perf_counter() - started) * 1000)
    finally:
        server.terminate()
        server.join()

    walls = [page["wall_ms"] for page in pages.values()]
    cpus = [page["cpu_ms"] for page in pages.values()]
    return {
        "sites": len(pages),
        "rounds": rounds,
        "pages": pages,
        "per_page": {
            "wall_ms_median": round(statistics.median(walls), 1),
            "wall_ms_p95": round(percentile(walls, 0.95), 1),
            "cpu_ms_median": round(statistics.median(cpus), 1),
            "cpu_ms_p95": round(percentile(cpus, 0.95), 1),
        },
        "all_sites_concurrent_wall_ms": round(statistics.median(concurrent), 1),
    }


def report(results: dict[str, Any]) -> None:
    print(f"{'site':28} {'wall ms':>9} {'cpu ms':>9}")
    for folder, page in results["pages"].items():
        print(f"{folder:28} {page['wall_ms']:9.1f} {page['cpu_ms']:9.1f}")
    summary = results["per_page"]
    print(
        f"per page: wall median {summary['wall_ms_median']} ms, p95 {summary['wall_ms_p95']} ms; "
        f"cpu median {summary['cpu_ms_median']} ms, p95 {summary['cpu_ms_p95']} ms"
    )
    print(
        f"all {results['sites']} sites concurrently: "
        f"{results['all_sites_concurrent_wall_ms']} ms wall"
    )


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--rounds", type=int, default=3)
    arguments = parser.parse_args()
    outcome = asyncio.run(main(arguments.rounds))
    report(outcome)
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(json.dumps(outcome, indent=2) + "\n")
