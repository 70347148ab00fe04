"""Benchmark: browser-mode audits of the 14 shared sites, served locally.

For each site: the wall time of the whole browser-mode analysis (static audits, technology
detection, both device profiles, axe-core, screenshots) and of the browser part alone, with
a worker's settings; the peak memory of the worker (this process and every Chromium
process, as summed RSS and as summed PSS, which counts pages shared between them once),
sampled every 50 ms by a separate process (``bench/memory.py``). With ``LIGHTHOUSE_BIN``
set, Lighthouse runs on the same pages in the same run (same Chromium) for the ratio.
With ``--cgroup`` (root), the worker runs in a memory cgroup of its own, and the kernel's
count of its memory comes too (``bench/cgroup.py``); ``--cgroup-limit-mb`` gives that group
a hard limit, as a container would have. Writes bench/results/browser.json.

    .venv/bin/python bench/browser.py [--rounds 1] [--concurrent] [--instant-dns-failure]
                                      [--cgroup [--cgroup-limit-mb 600]]

The sites name CDN hosts that cannot be resolved in an offline sandbox, where each failed
lookup can take seconds; ``--instant-dns-failure`` answers "no such host" at once for every
name but localhost, so that the figures show Aura rather than the sandbox's resolver;
Lighthouse's Chrome is given the same rule.
"""

from __future__ import annotations

import argparse
import asyncio
import dataclasses
import json
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

# Run as a script: the project root holds the `bench` package.
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from aura.audit.browser import BrowserPool
from aura.audit.cpu import favour_waiting_threads
from aura.audit.fetch import NetworkPolicy
from aura.audit.fetch.guard import IPAddress, system_resolver
from aura.audit.memory import limit_arenas
from aura.audit.runner import AnalysisOptions, analyze_url
from aura.config import Settings
from aura.runtime import analysis_options, browser_settings
from bench import cgroup
from bench.common import serve_sites_elsewhere, write_result
from bench.memory import MemorySampler

CHROMIUM = Path(os.environ.get("AURA_CHROMIUM_PATH") or "/usr/bin/chromium")
LIGHTHOUSE_FLAGS = (
    "--headless --no-sandbox --disable-gpu --disable-quic --no-first-run "
    "--disable-background-networking --disable-component-update --disable-sync"
)


async def local_only_resolver(host: str, port: int) -> list[IPAddress]:
    if host in ("localhost", "127.0.0.1"):
        return await system_resolver(host, port)
    raise socket.gaierror(socket.EAI_NONAME, "Name or service not known")


async def audit_once(url: str, options: AnalysisOptions) -> dict[str, Any]:
    started = time.perf_counter()
    result = await analyze_url(url, options)
    browser = result.get("browser") or {}
    return {
        "wall_ms": round((time.perf_counter() - started) * 1000, 1),
        "browser_ms": browser.get("elapsed_ms"),
        "cut_at_budget": browser.get("cut_at_budget"),
        "error": browser.get("error"),
        # Profiles whose page was still busy when the observation after its load ended.
        "still_busy": [
            run["profile"] for run in browser.get("profiles") or () if not run.get("settled")
        ],
    }


#: The same instant "no such host" for Lighthouse's Chrome as for Aura (--instant-dns-failure).
LIGHTHOUSE_NO_DNS = (
    ' --host-resolver-rules="MAP * ~NOTFOUND , EXCLUDE localhost , EXCLUDE 127.0.0.1"'
)


def run_lighthouse(
    binary: str, url: str, flags: str, categories: str, timeout: float
) -> tuple[dict[str, Any] | None, float]:
    """One Lighthouse run with the system Chromium: its JSON report (None if it failed) and
    its wall time in ms."""
    with tempfile.TemporaryDirectory() as folder:
        started = time.perf_counter()
        finished = subprocess.run(
            [
                binary,
                url,
                "--output=json",
                f"--output-path={folder}/report.json",
                "--quiet",
                f"--chrome-flags={flags}",
                f"--only-categories={categories}",
            ],
            env={**os.environ, "CHROME_PATH": str(CHROMIUM)},
            capture_output=True,
            timeout=timeout,
            check=False,
        )
        elapsed = (time.perf_counter() - started) * 1000
        if finished.returncode != 0:
            return None, elapsed
        return json.loads(Path(folder, "report.json").read_text()), elapsed


def lighthouse_once(binary: str, url: str, instant_dns_failure: bool) -> float | None:
    flags = LIGHTHOUSE_FLAGS + (LIGHTHOUSE_NO_DNS if instant_dns_failure else "")
    report, elapsed = run_lighthouse(binary, url, flags, "performance,accessibility", 180)
    return round(elapsed, 1) if report is not None else None


async def main(
    rounds: int, concurrent: bool, instant_dns_failure: bool, sites: list[str] | None = None
) -> dict[str, Any]:
    # What a worker runs with: the same settings (AURA_* variables apply), so technology
    # detection with the installed fingerprints, and their JS and DOM probes in the page;
    # and the same malloc arenas and GIL switch interval (the `aura` command sets both when
    # it starts).
    limit_arenas()
    favour_waiting_threads()
    settings = Settings()
    pool = BrowserPool(dataclasses.replace(browser_settings(settings), executable=CHROMIUM))
    try:
        with serve_sites_elsewhere() as served:
            urls = {name: url for name, url in served.urls.items() if not sites or name in sites}
            policy = (
                NetworkPolicy(allow_private=True, resolver=local_only_resolver)
                if instant_dns_failure
                else NetworkPolicy(allow_private=True)
            )
            options = analysis_options(
                settings,
                policy,
                mode="browser",
                browser=pool,
                screenshot_dir=Path(tempfile.mkdtemp(prefix="aura-bench-shots-")),
            )
            with MemorySampler({served.pid}) as memory:
                # Warm-up: the browser start, imports, the pronunciation dictionary.
                launch_started = time.perf_counter()
                await audit_once(next(iter(urls.values())), options)
                warm_up_ms = round((time.perf_counter() - launch_started) * 1000, 1)
                pages: dict[str, dict[str, Any]] = {}
                for folder, url in urls.items():
                    samples = [await audit_once(url, options) for _ in range(rounds)]
                    pages[folder] = {
                        "wall_ms": statistics.median(s["wall_ms"] for s in samples),
                        "browser_ms": statistics.median(s["browser_ms"] or 0 for s in samples),
                        "cut_at_budget": any(s["cut_at_budget"] for s in samples),
                        "error": next((s["error"] for s in samples if s["error"]), None),
                        "still_busy": sorted({name for s in samples for name in s["still_busy"]}),
                    }
                concurrent_ms, concurrent_errors = None, []
                if concurrent:
                    # As a worker takes a batch: a browser-mode job waits for a render permit
                    # (one per page rendered at once) before it starts its analysis.
                    permits = asyncio.Semaphore(pool.settings.concurrency)

                    async def as_a_worker(url: str) -> str | None:
                        async with permits:
                            result = await analyze_url(url, options)
                        return (result.get("browser") or {}).get("error")

                    started = time.perf_counter()
                    errors = await asyncio.gather(*(as_a_worker(url) for url in urls.values()))
                    concurrent_ms = round((time.perf_counter() - started) * 1000, 1)
                    concurrent_errors = [error for error in errors if error]
            charged = _charged_to_the_worker(memory)
            lighthouse_bin = os.environ.get("LIGHTHOUSE_BIN")
            if lighthouse_bin:
                for folder, url in urls.items():
                    lighthouse_ms = lighthouse_once(lighthouse_bin, url, instant_dns_failure)
                    pages[folder]["lighthouse_ms"] = lighthouse_ms
                    if lighthouse_ms:
                        ratio = lighthouse_ms / pages[folder]["wall_ms"]
                        pages[folder]["lighthouse_over_aura"] = round(ratio, 2)
    finally:
        await pool.close()

    walls = [page["wall_ms"] for page in pages.values()]
    renders = [page["browser_ms"] for page in pages.values()]
    summary: dict[str, Any] = {
        "sites": len(pages),
        "rounds": rounds,
        "cpu_count": os.cpu_count(),
        "load_average_at_end": os.getloadavg(),
        "browser_concurrency": pool.settings.concurrency,
        "instant_dns_failure": instant_dns_failure,
        "technology_detection": options.technology.fingerprints_dir is not None
        and options.technology.fingerprints_dir.is_dir(),
        "warm_up_ms": warm_up_ms,
        "pages": pages,
        "per_page": {
            "wall_ms_median": round(statistics.median(walls), 1),
            "wall_ms_max": round(max(walls), 1),
            "browser_ms_median": round(statistics.median(renders), 1),
            "browser_ms_max": round(max(renders), 1),
        },
        "peak_rss_mb": round(memory.peak_rss_kib / 1024, 1),
        "peak_pss_mb": round(memory.peak_pss_kib / 1024, 1),
        "peak_pss_mb_by_process": dict(sorted(memory.breakdown.items(), key=lambda kv: -kv[1])),
        "memory_sampling": {"interval_s": memory.interval, "samples": memory.samples},
        "all_sites_concurrent_wall_ms": concurrent_ms,
        "all_sites_concurrent_browser_errors": concurrent_errors,
        "cgroup": charged,
        "targets": {"wall_ms_per_page": 3000, "peak_mb_per_worker": 600},
    }
    lighthouse = [page["lighthouse_ms"] for page in pages.values() if page.get("lighthouse_ms")]
    if lighthouse:
        summary["lighthouse_ms_median"] = round(statistics.median(lighthouse), 1)
        summary["lighthouse_over_aura"] = round(
            statistics.median(lighthouse) / statistics.median(walls), 2
        )
    return summary


def _charged_to_the_worker(memory: MemorySampler) -> dict[str, Any] | None:
    """With --cgroup: the worker's peak as its memory cgroup counts it, and what it held at
    the end of the measured part; the group is then left (Lighthouse runs outside it)."""
    group = cgroup.current()
    if group is None:
        return None
    mb = 1024 * 1024
    found = {
        "peak_mb": round(group.peak_bytes() / mb, 1),
        # Sampled with the rest: page cache that no process maps is left out of these.
        "peak_sampled_mb": {
            name: round(kib / 1024, 1) for name, kib in (memory.cgroup_peaks_kib or {}).items()
        },
        "at_end_mb": {name: round(value / mb, 1) for name, value in group.stat_bytes().items()},
        "limit_mb": group.limit_mb(),
        "times_at_limit": group.times_at_limit(),
        "caches_dropped_first": True,
    }
    cgroup.leave()
    return found


def report(results: dict[str, Any]) -> None:
    print(f"{'site':28} {'wall ms':>9} {'browser ms':>11} {'lighthouse ms':>14} {'ratio':>6}")
    for folder, page in results["pages"].items():
        lighthouse = page.get("lighthouse_ms")
        shown = f"{lighthouse:14.1f}" if lighthouse else f"{'-':>14}"
        ratio = page.get("lighthouse_over_aura")
        shown += f" {ratio:6.2f}" if ratio else f" {'-':>6}"
        note = "  (cut at budget)" if page["cut_at_budget"] else ""
        if page.get("still_busy"):
            note += f"  (still busy: {', '.join(page['still_busy'])})"
        print(f"{folder:28} {page['wall_ms']:9.1f} {page['browser_ms']:11.1f} {shown}{note}")
    summary = results["per_page"]
    print(
        f"per page: wall median {summary['wall_ms_median']} ms (max {summary['wall_ms_max']}), "
        f"browser part median {summary['browser_ms_median']} ms "
        f"(max {summary['browser_ms_max']})"
    )
    print(
        f"worker peak memory: {results['peak_rss_mb']} MB RSS, {results['peak_pss_mb']} MB PSS "
        f"(warm-up incl. browser start {results['warm_up_ms']} ms; "
        f"load average at end {results['load_average_at_end'][0]:.1f} "
        f"on {results['cpu_count']} cores)"
    )
    print(f"  at the peak: {results['peak_pss_mb_by_process']}")
    charged = results.get("cgroup")
    if charged:
        limit = f", limit {charged['limit_mb']} MB" if charged["limit_mb"] else ""
        print(
            f"worker's memory cgroup (caches dropped first{limit}): peak "
            f"{charged['peak_mb']} MB; sampled peaks {charged['peak_sampled_mb']}; "
            f"at the end {charged['at_end_mb']}; "
            f"usage hit the limit {charged['times_at_limit']} times"
        )
    if results.get("all_sites_concurrent_wall_ms"):
        errors = results["all_sites_concurrent_browser_errors"]
        print(
            f"all sites concurrently: {results['all_sites_concurrent_wall_ms']} ms wall, "
            f"{len(errors)} browser errors {errors or ''}"
        )
    if "lighthouse_ms_median" in results:
        print(
            f"Lighthouse median {results['lighthouse_ms_median']} ms per page: "
            f"{results['lighthouse_over_aura']}x Aura's browser-mode analysis"
        )


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--rounds", type=int, default=1)
    parser.add_argument(
        "--sites", nargs="+", default=None, help="only these shared sites (folder names)"
    )
    parser.add_argument(
        "--concurrent",
        action="store_true",
        help="then audit all sites as one batch, as a worker would (peak memory included)",
    )
    parser.add_argument(
        "--instant-dns-failure",
        action="store_true",
        help="fail lookups of every name but localhost at once (offline sandboxes)",
    )
    parser.add_argument(
        "--cgroup",
        action="store_true",
        help="run in a memory cgroup of its own (root): the worker's peak as the kernel "
        "charges it, shared pages and the page cache of the files it reads counted once",
    )
    parser.add_argument(
        "--cgroup-limit-mb",
        type=int,
        default=None,
        help="with --cgroup: a hard memory limit for the worker, as a container would have",
    )
    arguments = parser.parse_args()
    if arguments.cgroup:
        cgroup.run_inside_new_group(arguments.cgroup_limit_mb)
    try:
        outcome = asyncio.run(
            main(
                arguments.rounds,
                arguments.concurrent,
                arguments.instant_dns_failure,
                arguments.sites,
            )
        )
    finally:
        cgroup.leave_for_good()
    report(outcome)
    print(f"written to {write_result('browser', outcome)}")
