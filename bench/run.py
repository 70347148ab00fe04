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

from bench.common import RESULTS, ROOT

BENCHMARKS: dict[str, list[str]] = {
    "audit_engine": ["bench/audit_engine.py"],
    "technology": ["bench/technology.py"],
    "browser": ["bench/browser.py"],
    "queue": ["bench/queue_fanout.py"],
    "end_to_end": ["-m", "bench.end_to_end"],
    "api_load": ["-m", "bench.api_load"],
}
QUICK = {
    "queue": ["--jobs", "100", "--watchers", "100", "--overhead-jobs", "500"],
    "end_to_end": ["--skip-scaling"],
    "api_load": ["--rates", "25,50,100", "--seconds", "3"],
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


if __name__ == "__main__":
    main()
