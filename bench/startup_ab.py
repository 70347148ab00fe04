"""``aura analyze`` of this tree against another tree's, run in the order ABBA.

What a change does to the command's start-up is often smaller than the machine's drift
from one series of runs to the next: on the 2-vCPU development machines two series of
plain alternation (AB AB …) of the same two trees put the change 0.15 s ahead and 0.24 s
behind. Here every round runs A, B, B, A, so that a drift over the series weighs on both
trees alike, and the medians of the two are printed side by side with their spread.

Both trees run the same command (``aura analyze`` of the first N shared sites, static
mode, SQLite, the database already there: each tree has its own data folder, made by one
run before the rounds) with this virtualenv, each with its own ``src`` first on the path,
byte-compiled first. The sites are served by another process.

Usage: .venv/bin/python bench/startup_ab.py OTHER [--rounds 6] [--sites 5]

OTHER is the other tree's folder, e.g. ``git worktree add --detach /tmp/before REV``.
Not part of ``make bench``: it needs a second tree.
"""

from __future__ import annotations

import argparse
import compileall
import json
import os
import statistics
import sys
import tempfile
from pathlib import Path
from typing import Any

# Run as a script: the project root holds the `bench` package.
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.common import serve_sites_elsewhere, write_result
from bench.startup import AURA, analyze_env, timed

HERE = Path(__file__).resolve().parents[1]


def analyze_command(tree: Path, urls: list[str], data: Path) -> tuple[list[str], dict[str, str]]:
    """The command line and environment of one ``aura analyze`` run of ``tree``'s code."""
    env = {**analyze_env(data), "PYTHONPATH": str(tree / "src")}
    output = data / "comparison.json"
    return [*AURA, "analyze", *urls, "--mode", "static", "-o", str(output)], env


def summary(runs: list[dict[str, float]]) -> dict[str, float]:
    walls = [run["wall_s"] for run in runs]
    return {
        "runs": len(runs),
        "wall_s": round(statistics.median(walls), 3),
        "cpu_s": round(statistics.median(run["cpu_s"] for run in runs), 3),
        "wall_min_s": round(min(walls), 3),
        "wall_max_s": round(max(walls), 3),
    }


def compare(other: Path, rounds: int, count: int) -> dict[str, Any]:
    trees = {"this": HERE, "other": other}
    for tree in trees.values():
        compileall.compile_dir(tree / "src" / "aura", quiet=1)
    runs: dict[str, list[dict[str, float]]] = {name: [] for name in trees}
    with serve_sites_elsewhere() as served, tempfile.TemporaryDirectory() as scratch:
        urls = [served.urls[name] for name in sorted(served.urls)[:count]]
        commands = {}
        for name, tree in trees.items():
            data = Path(scratch) / name
            data.mkdir()
            commands[name] = analyze_command(tree, urls, data)
            timed(*commands[name])  # the database made, the files read once
        for _ in range(rounds):
            for name in ("this", "other", "other", "this"):
                runs[name].append(timed(*commands[name]))
        for name in trees:
            written = Path(scratch) / name / "comparison.json"
            assert json.loads(written.read_text())["comparison"], f"{name}: no comparison made"
    return {
        "urls": len(urls),
        "other_tree": str(other),
        **{name: summary(found) for name, found in runs.items()},
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("other", type=Path, help="the other tree's folder (it has src/aura)")
    parser.add_argument("--rounds", type=int, default=6, help="rounds of A, B, B, A")
    parser.add_argument("--sites", type=int, default=5)
    args = parser.parse_args()
    other = args.other.resolve()
    if not (other / "src" / "aura").is_dir():
        parser.error(f"{other} has no src/aura")
    figures = compare(other, args.rounds, args.sites)
    print(f"aura analyze ({figures['urls']} static pages, database there), ABBA x {args.rounds}")
    print(f"{'tree':<8} {'wall s':>8} {'cpu s':>8} {'min s':>8} {'max s':>8}")
    for name in ("this", "other"):
        row = figures[name]
        print(
            f"{name:<8} {row['wall_s']:>8.3f} {row['cpu_s']:>8.3f} "
            f"{row['wall_min_s']:>8.3f} {row['wall_max_s']:>8.3f}"
        )
    print(f"other: {other}; load average {os.getloadavg()[0]:.1f} (1 min)")
    write_result("startup_ab", figures)


if __name__ == "__main__":
    main()
