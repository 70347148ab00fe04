"""`make bench`: every benchmark in one run, then one table of the headline figures.

Each benchmark is its own script (it can be run alone) and writes bench/results/<name>.json;
this runner starts them one after the other, so they do not disturb each other, and prints
what they found. Benchmarks whose prerequisites are missing (Chromium, LIGHTHOUSE_BIN,
PostgreSQL, Redis) say so and are skipped.

Usage: .venv/bin/python -m bench.run [--only NAME,NAME] [--quick]
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import time
from typing import Any

from bench.common import RESULTS, ROOT

BENCHMARKS: dict[str, list[str]] = {
    "startup": ["bench/startup.py"],
    "audit_engine": ["bench/audit_engine.py"],
    "technology": ["bench/technology.py"],
    "crawl_page": ["bench/crawl_page.py"],
    # Hermetic: the sites' CDN hosts fail at once instead of being fetched (or waited on).
    "browser": ["bench/browser.py", "--concurrent", "--instant-dns-failure"],
    "queue": ["bench/queue_fanout.py"],
    "end_to_end": ["-m", "bench.end_to_end"],
    "api_load": ["-m", "bench.api_load"],
    "crawl": ["bench/crawl.py"],
}
QUICK = {
    "crawl_page": ["--rounds", "1"],
    "startup": ["--repeats", "2", "--sites", "3"],
    "queue": ["--jobs", "100", "--watchers", "100", "--overhead-jobs", "500"],
    "end_to_end": ["--skip-scaling"],
    "api_load": ["--rates", "25,50,100", "--seconds", "3"],
    "crawl": ["--sizes", "20", "100", "--site-pages", "150"],
}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--only", default="", help="comma-separated benchmark names")
    parser.add_argument("--quick", action="store_true", help="smaller runs")
    args = parser.parse_args()
    chosen = [n for n in args.only.split(",") if n] or list(BENCHMARKS)
    outcomes: dict[str, str] = {}
    for name in chosen:
        command = BENCHMARKS[name]
        script = ROOT / command[0]
        if command[0].endswith(".py") and not script.exists():
            outcomes[name] = "not available"
            continue
        extra = QUICK.get(name, []) if args.quick else []
        print(f"\n=== {name}", flush=True)
        started = time.perf_counter()
        finished = subprocess.run([sys.executable, *command, *extra], cwd=ROOT, check=False)
        elapsed = time.perf_counter() - started
        outcomes[name] = f"exit {finished.returncode} after {elapsed:.0f} s"
    print("\n=== summary")
    for name, outcome in outcomes.items():
        path = RESULTS / f"{name}.json"
        fresh = path.exists() and time.time() - path.stat().st_mtime < 24 * 3600
        print(f"{name:>14}: {outcome}{'  → ' + str(path.relative_to(ROOT)) if fresh else ''}")
    (RESULTS / "summary.json").write_text(json.dumps(outcomes, indent=2) + "\n")
    print("\n=== headline figures (from bench/results)")
    for label, value in headlines():
        print(f"{label:<58} {value}")


def _load(name: str) -> dict[str, Any]:
    path = RESULTS / f"{name}.json"
    try:
        data = json.loads(path.read_text())
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def _dig(data: Any, *keys: Any) -> Any:
    for key in keys:
        try:
            data = data[key]
        except (KeyError, IndexError, TypeError):
            return None
    return data


def headlines() -> list[tuple[str, str]]:
    """The figures the README quotes, each with its unit; "—" where not measured."""
    audit, browser, queue = _load("audit_engine"), _load("browser"), _load("queue")
    e2e, api, startup = _load("end_to_end"), _load("api_load"), _load("startup")
    rows: list[tuple[str, Any, str]] = [
        ("aura --help, wall (median)", _dig(startup, "commands", "aura --help", "wall_s"), "s"),
        ("aura analyze, 5 static pages end to end", _dig(startup, "analyze_static", "wall_s"), "s"),
        ("static audit, CPU per page (median / p95)", _pair(audit, "per_page", "cpu_ms"), "ms"),
        ("static audit, 14 sites concurrently", _dig(audit, "all_sites_concurrent_wall_ms"), "ms"),
        (
            "browser audit, wall per page (median)",
            _dig(browser, "per_page", "wall_ms_median"),
            "ms",
        ),
        ("browser audit, worker peak PSS", _dig(browser, "peak_pss_mb"), "MB"),
        ("Lighthouse, wall per page (median)", _dig(browser, "lighthouse_ms_median"), "ms"),
        ("Lighthouse / Aura browser audit", _dig(browser, "lighthouse_over_aura"), "times"),
        ("queue overhead per job (memory / Redis)", _queue(queue), "ms"),
        ("event to 500 WebSocket watchers (p95)", _dig(queue, "fan_out", "latency_ms_p95"), "ms"),
        ("all shared sites in one batch, embedded", _dig(e2e, "embedded", "seconds"), "s"),
        ("all shared sites in one batch, distributed", _dig(e2e, "distributed", "seconds"), "s"),
        (
            "API: highest batch-creation rate with p99 ≤ 20 ms",
            _dig(api, "create_batch", "max_rate_p99_under_20ms"),
            "req/s",
        ),
        (
            "API: highest batch-read rate with p99 ≤ 20 ms",
            _dig(api, "read_batch", "max_rate_p99_under_20ms"),
            "req/s",
        ),
    ]
    return [(label, "—" if value is None else f"{value} {unit}") for label, value, unit in rows]


def _pair(data: dict[str, Any], section: str, stem: str) -> str | None:
    median, p95 = _dig(data, section, f"{stem}_median"), _dig(data, section, f"{stem}_p95")
    return None if median is None else f"{median} / {p95}"


def _queue(data: dict[str, Any]) -> str | None:
    rows = _dig(data, "queue_overhead") or []
    values = [str(row.get("total_ms_per_job")) for row in rows if isinstance(row, dict)]
    return " / ".join(values) or None


if __name__ == "__main__":
    main()
