"""Benchmark: where the time of a browser-mode analysis goes, step by step, per profile.

For each shared site (served locally, from another process), one full browser-mode analysis
as a worker runs it (both profiles, axe-core, screenshots, one run), and:
- the wall time of each step of the render (``RenderOutcome.timings``: the load, the settle
  after it, the lab metrics read, the Speed Index, the simulation, coverage and trace, the
  rendered DOM, screenshots, design facts, axe-core, closing the tab), per profile;
- the static part running beside the render: all the gatherers, the image re-encoding
  among them, the audits;
- CPU seconds (user + system): this Python process (all its threads) and the Chromium
  processes (the live ones plus the exited ones their parents reaped), since on a shared
  machine wall time says as much about the neighbours as about Aura.

``--variant`` runs each site under several settings, alternating (A, B, A, B...), so that
changes are compared under the same load; a variant is ``name`` or ``name:FIELD=VALUE,...``
(``BrowserSettings`` fields, e.g. ``seq:profiles_side_by_side=false``). Writes
bench/results/browser_stages.json. With ``LIGHTHOUSE_BIN`` set, Lighthouse's mobile run
(performance and accessibility, the same DNS rule) follows each site's Aura runs, so the
two tools alternate under the same load, and the ratio of the median walls is printed.

    .venv/bin/python bench/browser_stages.py [--sites a b] [--rounds 1]
        [--variant base --variant seq:profiles_side_by_side=false]
"""

from __future__ import annotations

import argparse
import asyncio
import dataclasses
import os
import statistics
import sys
import tempfile
import time
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import aura.audit.gatherers.image_encodings as image_encodings
import aura.audit.runner as runner
from aura.audit.browser import BrowserPool, BrowserSettings
from aura.audit.cpu import favour_waiting_threads
from aura.audit.fetch import NetworkPolicy
from aura.audit.memory import limit_arenas
from aura.audit.runner import AnalysisOptions, analyze_url
from aura.config import Settings
from aura.runtime import analysis_options, browser_settings
from bench.browser import CHROMIUM, lighthouse_once, local_only_resolver
from bench.common import serve_sites_elsewhere, write_result

TICKS = os.sysconf("SC_CLK_TCK")


def _stat(pid: int) -> list[str] | None:
    try:
        with open(f"/proc/{pid}/stat") as stat:
            return stat.read().rsplit(")", 1)[1].split()
    except OSError:
        return None


def chromium_cpu_s(root: int, excluded: set[int]) -> float:
    """CPU seconds of the processes under ``root`` but ``root`` itself and ``excluded``: each
    live one's own (utime + stime) and its reaped children's (cutime + cstime)."""
    tree: dict[int, list[int]] = {}
    stats: dict[int, list[str]] = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit() and (fields := _stat(int(entry))) is not None:
            stats[int(entry)] = fields
            tree.setdefault(int(fields[1]), []).append(int(entry))
    total, pending = 0, list(tree.get(root, []))
    while pending:
        pid = pending.pop()
        if pid in excluded or pid not in stats:
            continue
        # Fields after the command: state(0) ppid(1) ... utime(11) stime(12) cutime(13) cstime(14)
        total += sum(int(value) for value in stats[pid][11:15])
        pending.extend(tree.get(pid, []))
    return total / TICKS


def python_cpu_s() -> float:
    times = os.times()
    return times.user + times.system


class StaticTimer:
    """The wall time of the static part, by wrapping the runner's steps (measurement only)."""

    def __init__(self) -> None:
        self.timings: dict[str, float] = {}

    def wrap_async(self, name: str, function: Callable[..., Awaitable[Any]]) -> Any:
        async def timed(*args: Any, **kwargs: Any) -> Any:
            started = time.perf_counter()
            try:
                return await function(*args, **kwargs)
            finally:
                spent = (time.perf_counter() - started) * 1000
                self.timings[name] = self.timings.get(name, 0.0) + spent

        return timed

    def wrap(self, name: str, function: Callable[..., Any]) -> Any:
        def timed(*args: Any, **kwargs: Any) -> Any:
            started = time.perf_counter()
            try:
                return function(*args, **kwargs)
            finally:
                spent = (time.perf_counter() - started) * 1000
                self.timings[name] = self.timings.get(name, 0.0) + spent

        return timed

    def install(self) -> None:
        runner.gather = self.wrap_async("static.gatherers", runner.gather)  # type: ignore[attr-defined]
        runner.run_audits = self.wrap("static.audits", runner.run_audits)  # type: ignore[attr-defined]
        gatherer = image_encodings.ImageEncodingsGatherer
        gatherer.gather = self.wrap_async("static.image_encodings", gatherer.gather)  # type: ignore[method-assign]
        image_encodings.reencode = self.wrap("static.image_reencode_cpu", image_encodings.reencode)


def parse_variant(text: str) -> tuple[str, dict[str, Any]]:
    name, _, assignments = text.partition(":")
    changes: dict[str, Any] = {}
    fields = {field.name: field for field in dataclasses.fields(BrowserSettings)}
    for assignment in filter(None, assignments.split(",")):
        key, _, value = assignment.partition("=")
        if key not in fields:
            raise SystemExit(f"no BrowserSettings field {key!r}")
        lowered = value.lower()
        parsed: Any = value
        if lowered in ("true", "false"):
            parsed = lowered == "true"
        else:
            try:
                parsed = float(value) if "." in value else int(value)
            except ValueError:
                parsed = value
        changes[key] = parsed
    return name, changes


async def measure(
    url: str, options: AnalysisOptions, static: StaticTimer, server_pid: int
) -> dict[str, Any]:
    static.timings = {}
    me = os.getpid()
    python_before, chromium_before = python_cpu_s(), chromium_cpu_s(me, {server_pid})
    started = time.perf_counter()
    result = await analyze_url(url, options)
    wall = (time.perf_counter() - started) * 1000
    python_cpu = python_cpu_s() - python_before
    chromium_cpu = chromium_cpu_s(me, {server_pid}) - chromium_before
    browser = result.get("browser") or {}
    return {
        "wall_ms": round(wall, 1),
        "render_ms": browser.get("elapsed_ms"),
        "python_cpu_s": round(python_cpu, 3),
        "chromium_cpu_s": round(chromium_cpu, 3),
        "stages_ms": {
            **(browser.get("timings_ms") or {}),
            **{name: round(ms, 1) for name, ms in static.timings.items()},
        },
        "error": browser.get("error"),
        "still_busy": [
            run["profile"] for run in browser.get("profiles") or () if not run.get("settled")
        ],
    }


async def main(
    sites: list[str] | None, rounds: int, variants: list[str], lighthouse: str | None = None
) -> dict[str, Any]:
    limit_arenas()
    favour_waiting_threads()
    settings = Settings()
    static = StaticTimer()
    static.install()
    base = dataclasses.replace(browser_settings(settings), executable=CHROMIUM)
    pools = {
        name: BrowserPool(dataclasses.replace(base, **changes))
        for name, changes in map(parse_variant, variants)
    }
    shots = Path(tempfile.mkdtemp(prefix="aura-bench-stages-"))
    policy = NetworkPolicy(allow_private=True, resolver=local_only_resolver)
    samples: dict[str, dict[str, list[dict[str, Any]]]] = {name: {} for name in pools}
    lighthouse_ms: dict[str, list[float]] = {}
    try:
        with serve_sites_elsewhere() as served:
            urls = {name: url for name, url in served.urls.items() if not sites or name in sites}
            options = {
                name: analysis_options(
                    settings, policy, mode="browser", browser=pool, screenshot_dir=shots
                )
                for name, pool in pools.items()
            }
            for option in options.values():  # warm-up: browser start, imports
                await analyze_url(next(iter(urls.values())), option)
            for _ in range(rounds):
                for site, url in urls.items():
                    for name, option in options.items():
                        sample = await measure(url, option, static, served.pid)
                        samples[name].setdefault(site, []).append(sample)
                        print(
                            f"{name:10} {site:26} wall {sample['wall_ms']:7.0f} ms  "
                            f"cpu py {sample['python_cpu_s']:5.2f} s  "
                            f"chromium {sample['chromium_cpu_s']:5.2f} s",
                            flush=True,
                        )
                    if lighthouse:
                        # Alternating with Aura, site by site: both under the same load.
                        found = await asyncio.to_thread(lighthouse_once, lighthouse, url, True)
                        if found is not None:
                            lighthouse_ms.setdefault(site, []).append(found)
                            print(f"{'lighthouse':10} {site:26} wall {found:7.0f} ms", flush=True)
    finally:
        for pool in pools.values():
            await pool.close()
    results: dict[str, Any] = {
        "load_average_at_end": os.getloadavg(),
        "cpu_count": os.cpu_count(),
        "rounds": rounds,
        "variants": {name: summarise(by_site) for name, by_site in samples.items()},
    }
    if lighthouse_ms:
        median = statistics.median(ms for runs in lighthouse_ms.values() for ms in runs)
        results["lighthouse"] = {"by_site": lighthouse_ms, "wall_ms_median": median}
        for summary in results["variants"].values():
            summary["lighthouse_over_aura"] = round(median / summary["wall_ms_median"], 2)
    return results


def summarise(by_site: dict[str, list[dict[str, Any]]]) -> dict[str, Any]:
    pages = [sample for site_samples in by_site.values() for sample in site_samples]
    stages: dict[str, list[float]] = {}
    for sample in pages:
        for stage, ms in sample["stages_ms"].items():
            stages.setdefault(stage, []).append(ms)

    def median(key: str) -> float:
        return round(statistics.median(sample[key] or 0 for sample in pages), 3)

    return {
        "pages": len(pages),
        "wall_ms_median": median("wall_ms"),
        "render_ms_median": median("render_ms"),
        "python_cpu_s_median": median("python_cpu_s"),
        "chromium_cpu_s_median": median("chromium_cpu_s"),
        "python_cpu_s_total": round(sum(s["python_cpu_s"] for s in pages), 2),
        "chromium_cpu_s_total": round(sum(s["chromium_cpu_s"] for s in pages), 2),
        # Per stage: the median over the pages that have it, and the sum over all pages.
        "stages_ms": {
            stage: {"median": round(statistics.median(values), 1), "total": round(sum(values))}
            for stage, values in sorted(stages.items())
        },
        "errors": [s["error"] for s in pages if s["error"]],
        "still_busy": sum(len(s["still_busy"]) for s in pages),
        "by_site": by_site,
    }


def report(results: dict[str, Any]) -> None:
    variants = results["variants"]
    names = list(variants)
    stages = sorted({stage for v in variants.values() for stage in v["stages_ms"]})
    print(f"\n{'stage (ms: median / total over pages)':40}" + "".join(f"{n:>22}" for n in names))
    for stage in stages:
        cells = []
        for name in names:
            found = variants[name]["stages_ms"].get(stage)
            cells.append(f"{found['median']:>11.1f} /{found['total']:>8}" if found else " " * 22)
        print(f"{stage:40}" + "".join(f"{cell:>22}" for cell in cells))
    for key in (
        "wall_ms_median",
        "render_ms_median",
        "python_cpu_s_median",
        "chromium_cpu_s_median",
        "python_cpu_s_total",
        "chromium_cpu_s_total",
        "still_busy",
    ):
        print(f"{key:40}" + "".join(f"{variants[n][key]:>22}" for n in names))
    for name in names:
        if variants[name]["errors"]:
            print(f"{name}: errors {variants[name]['errors']}")
    if "lighthouse" in results:
        median = results["lighthouse"]["wall_ms_median"]
        ratios = {name: variants[name]["lighthouse_over_aura"] for name in names}
        print(
            f"Lighthouse (alternating) median {median:.0f} ms a page; its wall / Aura's: {ratios}"
        )
    load = results["load_average_at_end"]
    print(f"load average at end {load[0]:.1f} {load[1]:.1f} on {results['cpu_count']} cores")


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--sites", nargs="+", default=None)
    parser.add_argument("--rounds", type=int, default=1)
    parser.add_argument("--variant", action="append", default=None)
    arguments = parser.parse_args()
    outcome = asyncio.run(
        main(
            arguments.sites,
            arguments.rounds,
            arguments.variant or ["base"],
            os.environ.get("LIGHTHOUSE_BIN"),
        )
    )
    report(outcome)
    print(f"written to {write_result('browser_stages', outcome)}")
