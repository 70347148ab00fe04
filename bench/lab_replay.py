"""The slow 4G simulation again, on loads recorded by ``bench.lab_accuracy``, beside Lighthouse.

Lantern's simulation is deterministic given what it starts from (the requests, the trace's
main-thread tasks, the observed paints), so a change of the model can be measured on the
same loads in seconds instead of loading every page again: ``bench.lab_accuracy
--simulation-inputs DIR`` keeps them (a file per load), and this replays each, scores it as
Aura does, and prints the same comparison with Lighthouse's cached runs.

    .venv/bin/python -m bench.lab_replay DIR --lighthouse-cache lh.json [--long-tasks]

``--long-tasks`` simulates without the trace (the page's long tasks instead), the model
used before the trace fed it. The trace's tasks are read again from the recorded
main-thread events, so a change to how they are read is measured too.
"""

from __future__ import annotations

import argparse
import json
import time
from dataclasses import replace
from pathlib import Path
from typing import Any

from aura.audit.browser.artifacts import ProfileRun
from aura.audit.browser.profiles import MOBILE
from aura.audit.browser.runs import profile_score
from aura.audit.browser.simulation import (
    PHONE_CPU_SLOWDOWN,
    Observed,
    Request,
    Task,
    simulate,
)
from aura.audit.browser.trace import simulation_tasks
from bench.lab_accuracy import report, summarise


def _offset(recorded: list[dict[str, Any]], read: list[Task]) -> float | None:
    """The browser clock's value at the recorded tasks' zero (the main document's request):
    the difference between a task read again and the same task as recorded."""
    if not recorded or not read:
        return None
    first = recorded[0]
    for task in read:
        if abs(task.duration_ms - first["duration_ms"]) < 1e-6:
            return task.start_ms - float(first["start_ms"])
    return None


def replay(load: dict[str, Any], *, long_tasks: bool) -> dict[str, float | None]:
    """Aura's mobile values of one recorded load, simulated by the current model."""
    run = load["run"]
    requests = [
        Request(**{**item, "initiator_urls": tuple(item["initiator_urls"])})
        for item in load["requests"]
    ]
    tasks: list[Task] = []
    if not long_tasks:
        # Loads recorded before the cut was recorded are read whole.
        read = simulation_tasks(load.get("events") or [], None, load.get("until_ms"))
        offset = _offset(load["traced"], read)
        if offset is not None:
            tasks = [replace(task, start_ms=task.start_ms - offset) for task in read]
    if not tasks:
        tasks = [Task(float(start), float(duration)) for start, duration in load["long_tasks"]]
    progress = tuple((float(at), float(value)) for at, value in load["progress"])
    phone = float(run["cpu_slowdown"] or PHONE_CPU_SLOWDOWN)
    observed = Observed(
        run["fcp_ms"],
        run["lcp_ms"],
        progress,
        run["speed_index_ms"],
        # Loads recorded before the phone's CPU was simulated ran under its throttle.
        cpu_slowdown=float(run.get("load_slowdown") or phone),
        phone_slowdown=phone,
    )
    simulated = simulate(requests, tasks, observed)
    values = ProfileRun(
        profile="mobile",
        conditions={},
        fcp_ms=run["fcp_ms"],
        lcp_ms=run["lcp_ms"],
        speed_index_ms=run["speed_index_ms"],
        tbt_ms=run["tbt_ms"],
        cls=run["cls"],
        curves={name: (p10, median) for name, p10, median in MOBILE.curves},
    )
    if simulated is not None:
        values = replace(
            values,
            fcp_ms=simulated.fcp_ms,
            lcp_ms=simulated.lcp_ms,
            speed_index_ms=simulated.speed_index_ms,
            tbt_ms=run["tbt_ms"] if simulated.tbt_ms is None else simulated.tbt_ms,
        )
    return {
        "fcp_mobile": values.fcp_ms,
        "si_mobile": values.speed_index_ms,
        "lcp_mobile": values.lcp_ms,
        "tbt_mobile": values.tbt_ms,
        "cls_mobile": values.cls,
        "performance_score_mobile": profile_score(values),
        "simulation_ms": None if simulated is None else simulated.took_ms,
    }


def main(folder: Path, cache: Path, *, long_tasks: bool, repeats: int) -> dict[str, Any]:
    samples: dict[str, dict[str, list[dict[str, float | None]]]] = {"simulated-slow-4g": {}}
    started = time.perf_counter()
    for path in sorted(folder.glob("*.json")):
        site, round_ = path.stem.rsplit(".", 1)
        if int(round_) >= repeats:
            continue
        values = replay(json.loads(path.read_text()), long_tasks=long_tasks)
        samples["simulated-slow-4g"].setdefault(site, []).append(values)
    lighthouse = json.loads(cache.read_text()) if cache.is_file() else {}
    samples["lighthouse"] = {site: runs[:repeats] for site, runs in lighthouse.items()}
    summary = summarise(samples)
    summary["ms_per_page_median"] = {"replay": round((time.perf_counter() - started) * 1000, 1)}
    summary["repeats"] = repeats
    return summary


def per_site(summary: dict[str, Any]) -> None:
    medians = summary["medians"]
    mine, reference = medians.get("simulated-slow-4g", {}), medians.get("lighthouse", {})
    keys = ("fcp_mobile", "si_mobile", "lcp_mobile", "tbt_mobile", "performance_score_mobile")
    print(f"\n{'site':26} " + " ".join(f"{key.split('_')[0]:>13}" for key in keys))
    for site in sorted(mine):
        cells = []
        for key in keys:
            a, b = mine[site].get(key), reference.get(site, {}).get(key)
            cells.append(f"{a if a is None else round(a):>6}/{b if b is None else round(b):<6}")
        print(f"{site:26} " + " ".join(cells))


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("folder", type=Path)
    parser.add_argument("--lighthouse-cache", type=Path, required=True)
    parser.add_argument("--long-tasks", action="store_true")
    parser.add_argument("--repeats", type=int, default=5)
    arguments = parser.parse_args()
    figures = main(
        arguments.folder,
        arguments.lighthouse_cache,
        long_tasks=arguments.long_tasks,
        repeats=arguments.repeats,
    )
    per_site(figures)
    report(figures)
    print(json.dumps({"spread": figures["spread"]}))
