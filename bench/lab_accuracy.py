"""Lab metrics side by side with Lighthouse 12's mobile run, on the shared sites.

For each site: Aura's browser analysis (mobile profile) with Lighthouse's slow 4G simulated
from the unthrottled load (whose observed values are the unthrottled figures: the same
load) and with slow 4G applied by DevTools throttling, and Lighthouse's default mobile run
(simulated throttling), each ``--repeats`` times. Prints, per metric and Aura method, the
Spearman rank correlation with Lighthouse and the median relative error (of the medians over
the repeats), each tool's run-to-run spread (median over sites of (max - min) / median), the
time per page and the simulation's own time. Needs ``LIGHTHOUSE_BIN`` (``npm install
lighthouse@12`` outside the repository); Chromium is the system one for both.

    LIGHTHOUSE_BIN=/work/lh/node_modules/.bin/lighthouse .venv/bin/python -m bench.lab_accuracy \
        [--repeats 3] [--sites N] [--methods simulated-slow-4g,devtools-slow-4g] \
        [--lighthouse-cache lh.json] [--aura-samples aura.json] [--simulation-inputs DIR]

``--lighthouse-cache`` keeps Lighthouse's runs (the slow part) to reuse in a later run;
``--aura-samples`` keeps Aura's, and when that file exists only summarises (Aura's samples
from it, Lighthouse's from the cache); ``--simulation-inputs`` keeps what each simulation
started from, a file per load, for ``bench.lab_replay``. Figures taken on a machine shared
with other work are indicative only.
"""

from __future__ import annotations

import argparse
import asyncio
import dataclasses
import json
import os
import statistics
import time
from pathlib import Path
from typing import Any

from aura.audit.browser import BrowserPool, diagnostics, render, trace
from aura.audit.browser.artifacts import ProfileRun
from aura.audit.browser.profiles import MOBILE, SLOW_4G
from aura.audit.browser.runs import profile_score
from aura.audit.browser.simulation import cpu_slowdowns
from aura.audit.fetch import NetworkPolicy
from aura.audit.runner import analyze_url
from aura.config import Settings
from aura.runtime import analysis_options, browser_settings
from bench.browser import (
    CHROMIUM,
    LIGHTHOUSE_FLAGS,
    LIGHTHOUSE_NO_DNS,
    local_only_resolver,
    run_lighthouse,
)
from bench.common import serve_sites_elsewhere, write_result

#: Aura's metric key (mobile) → Lighthouse's audit id.
METRICS = {
    "fcp_mobile": "first-contentful-paint",
    "si_mobile": "speed-index",
    "lcp_mobile": "largest-contentful-paint",
    "tbt_mobile": "total-blocking-time",
    "cls_mobile": "cumulative-layout-shift",
    "performance_score_mobile": "performance",
}
METHODS = ("unthrottled", "devtools-slow-4g", "simulated-slow-4g")


def lighthouse_mobile(binary: str, url: str) -> tuple[dict[str, float | None], float] | None:
    flags = LIGHTHOUSE_FLAGS + LIGHTHOUSE_NO_DNS
    report, elapsed = run_lighthouse(binary, url, flags, "performance", 240)
    if report is None:
        return None
    values: dict[str, float | None] = {}
    for key, audit_id in METRICS.items():
        if audit_id == "performance":
            score = report["categories"]["performance"]["score"]
            values[key] = None if score is None else score * 100
        else:
            values[key] = report["audits"].get(audit_id, {}).get("numericValue")
    return values, elapsed


class InputRecorder:
    """Keeps what each simulation started from (the requests, the trace's tasks, the
    observed metrics), so that ``bench.lab_replay`` can simulate them again without loading
    the pages: the simulation is deterministic given them."""

    def __init__(self) -> None:
        self.last: dict[str, Any] | None = None
        self.events: list[dict[str, Any]] = []
        #: The end of the observation the trace's tasks were cut at (ms after navigation).
        self.until_ms: float | None = None

    def __enter__(self) -> InputRecorder:
        self.original = render.with_simulation

        def recording(
            run: ProfileRun,
            requests: Any,
            lab: dict[str, Any],
            progress: Any,
            traced: Any = (),
        ) -> ProfileRun:
            self.last = {
                "run": {
                    "fcp_ms": run.fcp_ms,
                    "lcp_ms": run.lcp_ms,
                    "speed_index_ms": run.speed_index_ms,
                    "tbt_ms": run.tbt_ms,
                    "cls": run.cls,
                    "cpu_slowdown": run.conditions.get("cpu_slowdown"),
                    # The CPU throttle the load ran under (1: unthrottled, the phone simulated).
                    "load_slowdown": cpu_slowdowns(run.conditions)[0],
                },
                "requests": [dataclasses.asdict(request) for request in requests],
                "long_tasks": lab.get("longTasks") or [],
                "progress": list(progress),
                "traced": [dataclasses.asdict(task) for task in traced],
            }
            return self.original(run, requests, lab, progress, traced)

        render.with_simulation = recording  # type: ignore[assignment]
        self.original_tasks = diagnostics.simulation_tasks

        def tasks(events: Any, thread: Any = None, until_ms: Any = None) -> Any:
            thread = thread or trace.main_thread(events)
            self.until_ms = until_ms
            self.events = [
                event
                for event in events
                if event.get("ph") == "M"
                or event.get("name")
                in ("navigationStart", "TracingStartedInBrowser", "FrameCommittedInBrowser")
                or (thread is not None and (event.get("pid"), event.get("tid")) == thread)
            ]
            return self.original_tasks(events, thread, until_ms)

        diagnostics.simulation_tasks = tasks  # type: ignore[assignment]
        return self

    def __exit__(self, *_exc: object) -> None:
        render.with_simulation = self.original  # type: ignore[assignment]
        diagnostics.simulation_tasks = self.original_tasks  # type: ignore[assignment]

    def take(self) -> dict[str, Any] | None:
        last, self.last = self.last, None
        if last is not None:
            last["events"], self.events = self.events, []
            last["until_ms"], self.until_ms = self.until_ms, None
        return last


async def aura_mobile(
    url: str, options: Any
) -> tuple[dict[str, float | None], dict[str, float | None] | None, float]:
    """Aura's mobile values, and when they were simulated, the same load's observed ones
    (the unthrottled network), scored the same way."""
    started = time.perf_counter()
    result = await analyze_url(url, options)
    elapsed = (time.perf_counter() - started) * 1000
    metrics = result.get("metrics") or {}
    values = {key: metrics.get(key) for key in METRICS}
    profiles = (result.get("browser") or {}).get("profiles") or ()
    mobile = next((run for run in profiles if run.get("profile") == "mobile"), None)
    observed = (mobile or {}).get("observed")
    if not observed:
        return values, None, elapsed
    throttling = (mobile or {}).get("conditions", {}).get("network_throttling") or {}
    values["simulation_ms"] = throttling.get("simulation_ms")
    # 1 when the simulation's main thread came from the trace, 0 when it fell back to the
    # page's long tasks (``trace_missing`` says why).
    values["trace_fed"] = 1.0 if throttling.get("main_thread") == "trace" else 0.0
    if not values["trace_fed"]:
        print(f"{url}: no trace-fed main thread: {throttling.get('trace_missing')}", flush=True)
    run = ProfileRun(
        profile="mobile",
        conditions={},
        fcp_ms=observed.get("fcp_ms"),
        lcp_ms=observed.get("lcp_ms"),
        speed_index_ms=observed.get("speed_index_ms"),
        tbt_ms=values.get("tbt_mobile"),
        cls=values.get("cls_mobile"),
        curves={name: (p10, median) for name, p10, median in MOBILE.curves},
    )
    unthrottled: dict[str, float | None] = {
        "fcp_mobile": run.fcp_ms,
        "si_mobile": run.speed_index_ms,
        "lcp_mobile": run.lcp_ms,
        "tbt_mobile": run.tbt_ms,
        "cls_mobile": run.cls,
        "performance_score_mobile": profile_score(run),
    }
    return values, unthrottled, elapsed


def spearman(xs: list[float], ys: list[float]) -> float | None:
    if len(xs) < 3:
        return None

    def ranks(values: list[float]) -> list[float]:
        order = sorted(range(len(values)), key=lambda index: values[index])
        ranked = [0.0] * len(values)
        position = 0
        while position < len(order):
            end = position
            while end + 1 < len(order) and values[order[end + 1]] == values[order[position]]:
                end += 1
            for index in order[position : end + 1]:
                ranked[index] = (position + end) / 2
            position = end + 1
        return ranked

    rx, ry = ranks(xs), ranks(ys)
    mx, my = statistics.fmean(rx), statistics.fmean(ry)
    cov = sum((a - mx) * (b - my) for a, b in zip(rx, ry, strict=True))
    sx = sum((a - mx) ** 2 for a in rx) ** 0.5
    sy = sum((b - my) ** 2 for b in ry) ** 0.5
    return None if sx == 0 or sy == 0 else round(cov / (sx * sy), 3)


def summarise(samples: dict[str, dict[str, list[dict[str, float | None]]]]) -> dict[str, Any]:
    """samples[tool][site] = one values dict per repeat."""
    medians: dict[str, dict[str, dict[str, float]]] = {}
    spreads: dict[str, dict[str, float | None]] = {}
    for tool, sites in samples.items():
        medians[tool] = {}
        per_metric: dict[str, list[float]] = {key: [] for key in METRICS}
        for site, repeats in sites.items():
            medians[tool][site] = {}
            for key in METRICS:
                values = [value for run in repeats if (value := run.get(key)) is not None]
                if not values:
                    continue
                middle = statistics.median(values)
                medians[tool][site][key] = middle
                if len(values) > 1 and middle:
                    per_metric[key].append((max(values) - min(values)) / abs(middle))
        spreads[tool] = {
            key: round(statistics.median(found), 3) if found else None
            for key, found in per_metric.items()
        }
    accuracy: dict[str, dict[str, Any]] = {}
    reference = medians.get("lighthouse", {})
    for method in METHODS:
        accuracy[method] = {}
        for key in METRICS:
            pairs = [
                (mine[key], reference[site][key])
                for site, mine in medians.get(method, {}).items()
                if key in mine and key in reference.get(site, {})
            ]
            errors = [abs(a - b) / abs(b) for a, b in pairs if b]
            differences = [abs(a - b) for a, b in pairs]
            accuracy[method][key] = {
                "sites": len(pairs),
                "spearman": spearman([a for a, _ in pairs], [b for _, b in pairs]),
                "median_relative_error": round(statistics.median(errors), 3) if errors else None,
                "median_absolute_difference": round(statistics.median(differences), 1)
                if differences
                else None,
            }
    simulation = [
        value
        for repeats in samples.get("simulated-slow-4g", {}).values()
        for run in repeats
        if (value := run.get("simulation_ms")) is not None
    ]
    fed = [
        run["trace_fed"]
        for repeats in samples.get("simulated-slow-4g", {}).values()
        for run in repeats
        if run.get("trace_fed") is not None
    ]
    return {
        "accuracy": accuracy,
        "spread": spreads,
        "medians": medians,
        # Simulated loads whose main thread fell back to the long tasks (no trace read).
        "trace_fallbacks": {"loads": sum(1 for value in fed if not value), "of": len(fed)},
        # The simulation's own time per page (after the load, on the worker's CPU).
        "simulation_ms": {
            "median": round(statistics.median(simulation), 1) if simulation else None,
            "max": max(simulation, default=None),
        },
    }


async def main(
    repeats: int,
    limit: int | None,
    methods: list[str],
    cache: Path | None,
    aura_samples: Path | None = None,
    inputs: Path | None = None,
) -> dict[str, Any]:
    """``cache``: a JSON file keeping Lighthouse's runs (site -> one values dict per
    repeat), reused when it holds enough of them: Lighthouse is the slow part.
    ``aura_samples``: Aura's values are written there; when the file exists, they are read
    from it instead of measured (to summarise again once Lighthouse's runs are in)."""
    saved = await asyncio.to_thread(_read_cache, aura_samples) if aura_samples else {}
    if saved:
        samples = saved["samples"]
        lighthouse = _read_cache(cache) if cache is not None else {}
        samples["lighthouse"] = {site: runs[:repeats] for site, runs in lighthouse.items()}
        summary = summarise(samples)
        summary["ms_per_page_median"] = saved["ms_per_page_median"]
        summary["repeats"] = repeats
        return summary
    binary = os.environ.get("LIGHTHOUSE_BIN")
    settings = Settings()
    base = dataclasses.replace(browser_settings(settings), executable=CHROMIUM)
    # The unthrottled figures are the simulated run's observed ones: the same load.
    variants = {
        "simulated-slow-4g": dataclasses.replace(base, mobile_network=None, simulate_mobile=True),
        "devtools-slow-4g": dataclasses.replace(base, mobile_network=SLOW_4G),
    }
    pools = {method: BrowserPool(variants[method]) for method in methods}
    samples: dict[str, dict[str, list[dict[str, float | None]]]] = {}
    times: dict[str, list[float]] = {}
    cached: dict[str, list[dict[str, float | None]]] = (
        await asyncio.to_thread(_read_cache, cache) if cache is not None else {}
    )
    policy = NetworkPolicy(allow_private=True, resolver=local_only_resolver)
    recorder = InputRecorder()
    try:
        with serve_sites_elsewhere() as served, recorder:
            sites = list(served.urls.items())[:limit]
            for round_ in range(repeats):
                for site, url in sites:
                    for method, pool in pools.items():
                        options = analysis_options(settings, policy, mode="browser", browser=pool)
                        values, unthrottled, elapsed = await aura_mobile(url, options)
                        recorded = recorder.take()
                        if inputs is not None and recorded is not None:
                            # One file per load: the trace's main thread is megabytes.
                            await asyncio.to_thread(inputs.mkdir, parents=True, exist_ok=True)
                            name = inputs / f"{site}.{round_}.json"
                            await asyncio.to_thread(name.write_text, json.dumps(recorded))
                        samples.setdefault(method, {}).setdefault(site, []).append(values)
                        times.setdefault(method, []).append(elapsed)
                        if unthrottled is not None:
                            runs = samples.setdefault("unthrottled", {}).setdefault(site, [])
                            runs.append(unthrottled)
                    known = cached.get(site, [])
                    if round_ < len(known):
                        samples.setdefault("lighthouse", {}).setdefault(site, []).append(
                            known[round_]
                        )
                    elif binary:
                        measured = await asyncio.to_thread(lighthouse_mobile, binary, url)
                        if measured is not None:
                            values, elapsed = measured
                            samples.setdefault("lighthouse", {}).setdefault(site, []).append(values)
                            times.setdefault("lighthouse", []).append(elapsed)
                            cached.setdefault(site, []).append(values)
                            if cache is not None:
                                await asyncio.to_thread(cache.write_text, json.dumps(cached))
                    print(f"{site}: done", flush=True)
    finally:
        for pool in pools.values():
            await pool.close()
    summary = summarise(samples)
    summary["ms_per_page_median"] = {
        tool: round(statistics.median(found), 1) for tool, found in times.items()
    }
    summary["repeats"] = repeats
    if aura_samples is not None:
        aura_only = {tool: found for tool, found in samples.items() if tool != "lighthouse"}
        saved = {"samples": aura_only, "ms_per_page_median": summary["ms_per_page_median"]}
        await asyncio.to_thread(aura_samples.write_text, json.dumps(saved))
    return summary


def _read_cache(path: Path) -> dict[str, Any]:
    return json.loads(path.read_text()) if path.is_file() else {}


def report(summary: dict[str, Any]) -> None:
    print(f"\nms per page (median): {summary['ms_per_page_median']}")
    print(f"simulation ms per page: {summary['simulation_ms']}")
    fallbacks = summary.get("trace_fallbacks") or {}
    print(
        f"loads without a trace-fed main thread: {fallbacks.get('loads')} of {fallbacks.get('of')}"
    )
    print(f"load average at the end: {os.getloadavg()}")
    print(f"run-to-run spread (median (max-min)/median): {summary['spread']}")
    for method, rows in summary["accuracy"].items():
        print(f"\n{method} vs Lighthouse 12 mobile")
        print(f"{'metric':26} {'sites':>5} {'rho':>7} {'med rel err':>12} {'med abs diff':>13}")
        for key, row in rows.items():
            rho = "-" if row["spearman"] is None else f"{row['spearman']:.2f}"
            error = row["median_relative_error"]
            shown = "-" if error is None else f"{error:.0%}"
            diff = row["median_absolute_difference"]
            print(f"{key:26} {row['sites']:>5} {rho:>7} {shown:>12} {diff!s:>13}")


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeats", type=int, default=1)
    parser.add_argument("--sites", type=int, default=None, help="only the first N sites")
    parser.add_argument(
        "--methods",
        default="simulated-slow-4g,devtools-slow-4g",
        help="Aura's mobile methods to run (the unthrottled figures come with the simulated)",
    )
    parser.add_argument(
        "--lighthouse-cache", type=Path, default=None, help="JSON file of Lighthouse runs to reuse"
    )
    parser.add_argument(
        "--aura-samples",
        type=Path,
        default=None,
        help="JSON file Aura's values are written to, or read from when it exists",
    )
    parser.add_argument(
        "--simulation-inputs",
        type=Path,
        default=None,
        help="folder the simulation's inputs are written to, a file per load (bench.lab_replay)",
    )
    arguments = parser.parse_args()
    chosen = [method for method in arguments.methods.split(",") if method]
    figures = asyncio.run(
        main(
            arguments.repeats,
            arguments.sites,
            chosen,
            arguments.lighthouse_cache,
            arguments.aura_samples,
            arguments.simulation_inputs,
        )
    )
    report(figures)
    print(write_result("lab_accuracy", figures))
