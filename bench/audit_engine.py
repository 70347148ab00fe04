"""Benchmark: the static audit engine on the 14 shared sites, served locally.

The sites are served from a separate process so that the CPU time measured here is the
engine's alone. Prints per-page wall and CPU time (median, p95) and the wall time of the
whole set audited concurrently, then how time and memory grow with the size of the page
(the largest shared page repeated or cut to 50 KiB … 4 MiB); writes the figures to
bench/results/audit_engine.json.

CPU per page is the analysis's own ``cpu_ms`` (its tasks and threads, see aura.audit.cpu),
which stays true when analyses run concurrently; the process CPU time of each sequential
run is printed beside it as a cross-check (it also counts anything else the process did).

    .venv/bin/python bench/audit_engine.py [--rounds 3]
"""

from __future__ import annotations

import argparse
import asyncio
import resource
import statistics
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path
from typing import Any

# Run as a script: the project root holds the `bench` package.
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from aura.audit.fetch import FetchLimits, NetworkPolicy
from aura.audit.runner import AnalysisOptions, analyze_url
from bench.common import SITES_DIR, percentile, serve_sites_elsewhere, write_result
from tests.support.servers import serve_directory

#: Page sizes of the size-scaling run, in KiB.
SIZES_KIB = (50, 200, 500, 1000, 2000, 4000)


async def audit_once(url: str, options: AnalysisOptions) -> tuple[float, float, float]:
    """(wall ms, the analysis's own CPU ms, process CPU ms) of one sequential analysis."""
    wall, cpu = time.perf_counter(), time.process_time()
    result = await analyze_url(url, options)
    elapsed = (time.perf_counter() - wall) * 1000
    return elapsed, float(result["cpu_ms"]), (time.process_time() - cpu) * 1000


async def main(rounds: int, sizes: tuple[int, ...] = SIZES_KIB) -> dict[str, Any]:
    with serve_sites_elsewhere() as served:
        urls = served.urls
        options = AnalysisOptions(
            limits=FetchLimits(user_agent="Aura-bench"), policy=NetworkPolicy(allow_private=True)
        )
        # Warm-up: imports, the pronunciation dictionary.
        await audit_once(next(iter(urls.values())), options)

        pages: dict[str, dict[str, float]] = {}
        for folder, url in urls.items():
            samples = [await audit_once(url, options) for _ in range(rounds)]
            pages[folder] = {
                "wall_ms": round(statistics.median(s[0] for s in samples), 1),
                "cpu_ms": round(statistics.median(s[1] for s in samples), 1),
                "process_cpu_ms": round(statistics.median(s[2] for s in samples), 1),
            }
        concurrent: list[float] = []
        concurrent_cpu: list[float] = []
        concurrent_pages: dict[str, list[float]] = {folder: [] for folder in urls}
        for _ in range(rounds):
            started, cpu_started = time.perf_counter(), time.process_time()
            results = await asyncio.gather(*(analyze_url(url, options) for url in urls.values()))
            concurrent.append((time.perf_counter() - started) * 1000)
            concurrent_cpu.append((time.process_time() - cpu_started) * 1000)
            for folder, result in zip(urls, results, strict=True):
                concurrent_pages[folder].append(float(result["cpu_ms"]))

        for folder in urls:
            size = (SITES_DIR / folder / "index.html").stat().st_size
            pages[folder]["html_kib"] = round(size / 1024, 1)
    # The whole process (imports, fingerprints, every page so far), before the size run.
    peak_rss_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024

    walls = [page["wall_ms"] for page in pages.values()]
    cpus = [page["cpu_ms"] for page in pages.values()]
    in_concurrent_set = [statistics.median(values) for values in concurrent_pages.values()]
    return {
        "sites": len(pages),
        "rounds": rounds,
        "pages": pages,
        "per_page": {
            "wall_ms_median": round(statistics.median(walls), 1),
            "wall_ms_p95": round(percentile(walls, 0.95), 1),
            "cpu_ms_median": round(statistics.median(cpus), 1),
            "cpu_ms_p95": round(percentile(cpus, 0.95), 1),
            "process_cpu_ms_median": round(
                statistics.median(page["process_cpu_ms"] for page in pages.values()), 1
            ),
        },
        "all_sites_concurrent_wall_ms": round(statistics.median(concurrent), 1),
        "all_sites_concurrent_process_cpu_ms": round(statistics.median(concurrent_cpu), 1),
        "concurrent_cpu_ms_median": round(statistics.median(in_concurrent_set), 1),
        "concurrent_cpu_ms_p95": round(percentile(in_concurrent_set, 0.95), 1),
        "peak_rss_mb": round(peak_rss_mb, 1),
        "by_page_size": await by_page_size(rounds, sizes),
    }


async def by_page_size(rounds: int, sizes: tuple[int, ...]) -> list[dict[str, float]]:
    """Wall and CPU time, and the peak of Python allocations, of one analysis of pages of
    growing size: the largest shared page's body repeated or cut (its markup stays realistic)."""
    largest = max(SITES_DIR.glob("*/index.html"), key=lambda path: path.stat().st_size)
    html = largest.read_text(encoding="utf-8", errors="replace")
    head, _, rest = html.partition("<body")
    opening, _, inner = rest.partition(">")
    inner = inner.rsplit("</body>", 1)[0]
    rows: list[dict[str, float]] = []
    with tempfile.TemporaryDirectory() as folder:
        for kib in sizes:
            target = kib * 1024
            page = head + "<body" + opening + ">" + inner * (target // len(inner) + 1)
            page = page[:target] + "</body></html>"
            (Path(folder) / f"{kib}.html").write_text(page, encoding="utf-8")
        options = AnalysisOptions(
            limits=FetchLimits(user_agent="Aura-bench", max_bytes=8 * 1024 * 1024),
            policy=NetworkPolicy(allow_private=True),
        )
        with serve_directory(Path(folder)) as base:
            for kib in sizes:
                url = f"{base}/{kib}.html"
                samples = [await audit_once(url, options) for _ in range(rounds)]
                tracemalloc.start()
                await analyze_url(url, options)
                _, peak = tracemalloc.get_traced_memory()
                tracemalloc.stop()
                rows.append(
                    {
                        "html_kib": kib,
                        "wall_ms": round(statistics.median(s[0] for s in samples), 1),
                        "cpu_ms": round(statistics.median(s[1] for s in samples), 1),
                        "python_peak_alloc_mb": round(peak / 1024 / 1024, 1),
                    }
                )
    return rows


def report(results: dict[str, Any]) -> None:
    print(f"{'site':28} {'KiB':>7} {'wall ms':>9} {'cpu ms':>9} {'process cpu ms':>15}")
    for folder, page in results["pages"].items():
        print(
            f"{folder:28} {page['html_kib']:7.1f} {page['wall_ms']:9.1f} {page['cpu_ms']:9.1f} "
            f"{page['process_cpu_ms']:15.1f}"
        )
    summary = results["per_page"]
    print(
        f"per page: wall median {summary['wall_ms_median']} ms, p95 {summary['wall_ms_p95']} ms; "
        f"cpu median {summary['cpu_ms_median']} ms, p95 {summary['cpu_ms_p95']} ms"
    )
    print(
        f"all {results['sites']} sites concurrently: "
        f"{results['all_sites_concurrent_wall_ms']} ms wall, "
        f"{results['all_sites_concurrent_process_cpu_ms']} ms process cpu; "
        f"cpu per page median {results['concurrent_cpu_ms_median']} ms, "
        f"p95 {results['concurrent_cpu_ms_p95']} ms; process peak RSS {results['peak_rss_mb']} MB"
    )
    print(f"{'page size KiB':>14} {'wall ms':>9} {'cpu ms':>9} {'peak Python MB':>15}")
    for row in results["by_page_size"]:
        print(
            f"{row['html_kib']:14} {row['wall_ms']:9.1f} {row['cpu_ms']:9.1f} "
            f"{row['python_peak_alloc_mb']:15.1f}"
        )


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument(
        "--sizes", default=",".join(map(str, SIZES_KIB)), help="page sizes to try, in KiB"
    )
    arguments = parser.parse_args()
    sizes = tuple(int(size) for size in arguments.sizes.split(",") if size)
    outcome = asyncio.run(main(arguments.rounds, sizes))
    report(outcome)
    print(f"written to {write_result('audit_engine', outcome)}")
