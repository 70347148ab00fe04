"""What a command costs before it does anything, and a short analysis end to end.

* ``aura --help``, ``aura db --help`` and ``aura analyze --help``: wall and CPU time of the
  whole process (the median of N runs), and how many modules it imported;
* ``aura analyze`` of five shared sites in static mode, end to end in a fresh data folder
  (SQLite created and migrated, the in-process worker), then again in that folder (the
  database already there, as on every later run): wall and CPU time of the process, against
  the five analyses alone in a warm process, wall and CPU time (the rest is start-up, the
  database and the comparison; the sites are served by another process, so the CPU time is
  the analyses' own). The machine may be shared: CPU time is the steadier figure, and the
  load average is printed with them. The CPU time counts the command's children too: the head
  start that ``aura analyze`` forks while it loads (``aura.cli.head_start``) works on the
  other core, so the CPU time of a run may exceed its wall time.

Aura's own modules are byte-compiled first, as an installed package has them (and as any
run after the first has them, unless PYTHONDONTWRITEBYTECODE is set, as on the shared
development machines): compiling them from source again costs every command ~0.1-0.4 s.

Usage: .venv/bin/python bench/startup.py [--repeats 5] [--sites 5] [--rounds 3]
"""

from __future__ import annotations

import argparse
import asyncio
import compileall
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

# Run as a script: the project root holds the `bench` package.
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from aura.audit.fetch import FetchLimits, NetworkPolicy
from aura.audit.runner import AnalysisOptions, analyze_url
from bench.common import serve_sites_elsewhere, write_result

AURA = [sys.executable, "-m", "aura.cli.main"]
IMPORTS = (
    "import sys, runpy\n"
    "sys.argv = ['aura', *sys.argv[1:]]\n"
    "try:\n"
    "    runpy.run_module('aura.cli.main', run_name='__main__')\n"
    "except SystemExit:\n"
    "    pass\n"
    "print(len(sys.modules), file=sys.stderr)\n"
)


def timed(command: list[str], env: dict[str, str] | None = None) -> dict[str, float]:
    """Wall and CPU seconds of one run of ``command`` (a child process, waited for)."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    subprocess.run(command, check=True, capture_output=True, env=env)
    wall = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return {"wall_s": wall, "cpu_s": cpu}


def median_of(runs: list[dict[str, float]]) -> dict[str, float]:
    return {key: round(statistics.median(run[key] for run in runs), 3) for key in runs[0]}


def modules_imported(args: list[str]) -> int:
    done = subprocess.run(
        [sys.executable, "-c", IMPORTS, *args], check=True, capture_output=True, text=True
    )
    return int(done.stderr.strip().splitlines()[-1])


def help_costs(repeats: int) -> dict[str, Any]:
    figures: dict[str, Any] = {}
    for args in (["--help"], ["db", "--help"], ["analyze", "--help"]):
        name = " ".join(["aura", *args])
        runs = [timed([*AURA, *args]) for _ in range(repeats)]
        figures[name] = {**median_of(runs), "modules": modules_imported(args)}
    return figures


def analyze_env(data: Path) -> dict[str, str]:
    """The environment of a measured ``aura analyze``: SQLite in its own data folder, the
    loopback sites allowed, static mode, no DNS lookups for technology detection."""
    env = {
        **os.environ,
        "AURA_DATA_DIR": str(data),
        "AURA_ALLOW_PRIVATE_NETWORKS": "true",
        "AURA_DEFAULT_MODE": "static",
        "AURA_TECHNOLOGY_DNS": "false",
    }
    env.pop("AURA_DATABASE_URL", None)
    return env


def analyze_costs(repeats: int, count: int, rounds: int = 3) -> dict[str, Any]:
    """``aura analyze`` in a fresh data folder (the database created and migrated), then
    again in the same folder (the database already at the newest revision, as on every run
    after the first); then ``rounds`` rounds of the analyses alone."""
    fresh: list[dict[str, float]] = []
    again: list[dict[str, float]] = []
    analyses: list[dict[str, float]] = []
    splits: list[dict[str, float]] = []
    with serve_sites_elsewhere() as served:
        urls = [served.urls[name] for name in sorted(served.urls)[:count]]
        for _ in range(repeats):
            with tempfile.TemporaryDirectory() as data:
                env = analyze_env(Path(data))
                output = Path(data) / "comparison.json"
                command = [*AURA, "analyze", *urls, "--mode", "static", "-o", str(output)]
                for runs in (fresh, again):
                    output.unlink(missing_ok=True)
                    runs.append(timed(command, env))
                    assert json.loads(output.read_text())["comparison"], "no comparison was made"
                splits.append(_cpu_split(command, env, Path(data)))
        analyses.extend(asyncio.run(_analyses_costs(urls, rounds)))
    return {
        "urls": len(urls),
        **median_of(fresh),
        "existing_database": median_of(again),
        "analyses_ms_sum": round(statistics.median(cost["wall_ms"] for cost in analyses), 1),
        "analyses_cpu_ms_sum": round(statistics.median(cost["cpu_ms"] for cost in analyses), 1),
        "analyses_rounds": len(analyses),
        "cpu_split_s": median_of(splits),
    }


def _cpu_split(command: list[str], env: dict[str, str], data: Path) -> dict[str, float]:
    """One more run (the database there) through ``bench/command_cpu.py``: the command's CPU
    seconds by thread kind, and its children's (the head start) as the rest of the total."""
    split_file = data / "cpu-split.json"
    wrapped = [sys.executable, str(Path(__file__).with_name("command_cpu.py")), str(split_file)]
    run = timed([*wrapped, *command[len(AURA) :]], env)
    threads: dict[str, float] = json.loads(split_file.read_text())
    split = {kind: threads.get(kind, 0.0) for kind in ("main", "analysis", "database", "other")}
    split["children"] = max(run["cpu_s"] - sum(split.values()), 0.0)
    split["total"] = run["cpu_s"]
    return split


async def _analyses_costs(urls: list[str], rounds: int) -> list[dict[str, float]]:
    """The analyses alone, one after the other, in this (warmed-up) process: wall and CPU
    milliseconds of each round (the CPU of this process: the analyses and their threads)."""
    options = AnalysisOptions(
        limits=FetchLimits(user_agent="Aura-bench"), policy=NetworkPolicy(allow_private=True)
    )
    await analyze_url(urls[0], options)  # warm-up: imports, dictionaries
    costs: list[dict[str, float]] = []
    for _ in range(rounds):
        wall, cpu = time.perf_counter(), time.process_time()
        for url in urls:
            await analyze_url(url, options)
        costs.append(
            {
                "wall_ms": (time.perf_counter() - wall) * 1000,
                "cpu_ms": (time.process_time() - cpu) * 1000,
            }
        )
    return costs


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=5)
    parser.add_argument("--sites", type=int, default=5)
    parser.add_argument(
        "--rounds", type=int, default=3, help="rounds of the analyses alone, in a warm process"
    )
    args = parser.parse_args()
    compileall.compile_dir(Path(__file__).resolve().parents[1] / "src" / "aura", quiet=1)
    figures = {
        "commands": help_costs(args.repeats),
        "analyze_static": analyze_costs(max(1, args.repeats // 2), args.sites, args.rounds),
    }
    print(f"{'command':<28} {'wall s':>8} {'cpu s':>8} {'modules':>8}")
    for name, cost in figures["commands"].items():
        print(f"{name:<28} {cost['wall_s']:>8.3f} {cost['cpu_s']:>8.3f} {cost['modules']:>8}")
    run = figures["analyze_static"]
    again = run["existing_database"]
    print(
        f"aura analyze ({run['urls']} static pages): {run['wall_s']:.2f} s wall, "
        f"{run['cpu_s']:.2f} s CPU in a fresh data folder; {again['wall_s']:.2f} s wall, "
        f"{again['cpu_s']:.2f} s CPU with the database there; the analyses alone, one after "
        f"the other in a warm process: {run['analyses_ms_sum']:.0f} ms wall, "
        f"{run['analyses_cpu_ms_sum']:.0f} ms CPU (median of {run['analyses_rounds']} rounds)"
    )
    split = run["cpu_split_s"]
    print(
        f"where its CPU goes (database there): main thread {split['main']:.2f} s (imports, "
        f"event loop), analysis threads {split['analysis']:.2f} s, database threads "
        f"{split['database']:.2f} s, other threads {split['other']:.2f} s, head start "
        f"{split['children']:.2f} s; {split['total']:.2f} s in all, which {os.cpu_count()} "
        f"cores take at least {split['total'] / (os.cpu_count() or 1):.2f} s to run"
    )
    print(f"load average {os.getloadavg()[0]:.1f} (1 min), {os.getloadavg()[1]:.1f} (5 min)")
    write_result("startup", figures)


if __name__ == "__main__":
    main()
