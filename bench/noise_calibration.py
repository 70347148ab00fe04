"""Calibration: how much the numbers of an unchanged page move from one analysis to the next.

Analyses each chosen shared site ``--repeats`` times, one after the other as a set's run
would, without changing anything (``--runs`` renders per analysis, a set's ``runs``), and
prints for every category score and every metric that change tracking follows:

- per page, the values' range, and whether change tracking would have called the largest
  difference a change;
- pooled over the pages, the absolute and relative difference |Δ| of every pair of
  analyses of one page (n pairs): median, 95th percentile, maximum, next to change
  tracking's threshold (``aura.comparison.noise``: ``between_runs_noise``, ``score_noise``;
  with ``--runs`` ≥ 3 the measured spreads decide, as in ``beyond_noise``) and how many
  pairs crossed it (a false change).

The thresholds in ``noise.py`` (and ``docs/noise.md``) are set above the high quantiles of
these differences, so that no unchanged page crosses them. The host's load average is
printed before and after each page (the machine is shared). Writes
bench/results/noise_calibration_<mode>[_runs<N>].json.

    .venv/bin/python bench/noise_calibration.py [--mode browser] [--repeats 4] [--runs 1]
                                                [--sites 01-sb-landing-page,...|all]
"""

from __future__ import annotations

import argparse
import asyncio
import dataclasses
import itertools
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from aura.audit.browser import BrowserPool
from aura.audit.fetch import NetworkPolicy
from aura.audit.runner import analyze_url
from aura.comparison.metrics import spec_of
from aura.comparison.noise import (
    Noise,
    Spread,
    between_runs_noise,
    beyond_noise,
    noise_of,
    score_noise,
    split_profile,
    spread_of,
)
from aura.config import Settings
from aura.history.conditions import incomparable, profile_conditions
from aura.history.diff import EXTRA_METRICS, KEY_METRICS, simulated_profiles
from aura.runtime import analysis_options, browser_settings
from bench.common import serve_sites_elsewhere, site_dirs, write_result

CHROMIUM = Path(os.environ.get("AURA_CHROMIUM_PATH") or "/usr/bin/chromium")
DEFAULT_SITES = "01-sb-landing-page,05-sb-new-age,08-sb-agency,04-tt-landing-page"


@dataclasses.dataclass
class Sample:
    values: dict[str, float]
    spreads: dict[str, Spread]
    seconds: float
    #: The result's browser section (how each profile's timings were taken, whether the
    #: host disturbed them), for ``incomparable``.
    browser: dict[str, Any] = dataclasses.field(default_factory=dict)

    @property
    def disturbed(self) -> list[str]:
        return [
            name
            for name, conditions in profile_conditions({"browser": self.browser}).items()
            if conditions.disturbed
        ]


def _gaps(a: Sample, b: Sample) -> dict[str, str]:
    """What change tracking does not compare between the two (``incomparable``)."""
    return incomparable({"browser": a.browser}, {"browser": b.browser})


def _sample(result: dict[str, Any], seconds: float) -> Sample:
    found: dict[str, float] = {}
    for name, body in (result.get("categories") or {}).items():
        score = (body or {}).get("score")
        if isinstance(score, int | float) and not (body or {}).get("informative"):
            found[f"score:{name}"] = float(score)
    metrics = result.get("metrics") or {}
    for key in KEY_METRICS:
        value = metrics.get(key)
        if isinstance(value, int | float) and not isinstance(value, bool):
            found[key] = float(value)
    spreads = spread_of(result.get("lab_spread"))
    browser = result.get("browser") or {}
    return Sample(found, spreads, seconds, {"profiles": browser.get("profiles") or []})


def _thresholds(
    key: str, rendered: bool, categories: int, simulated: bool = False
) -> tuple[Noise, Noise] | None:
    """Change tracking's noise for ``key``: (the comparison's, one sample's);
    ``simulated``: both samples' profile of ``key`` simulated over slow 4G."""
    if key.startswith("score:"):
        noise, one_sample = score_noise(key.removeprefix("score:"), rendered, categories)
        return noise, one_sample or noise
    spec = EXTRA_METRICS.get(key) or spec_of(key)
    if spec is None:
        return None
    return noise_of(key, spec.unit), between_runs_noise(key, spec.unit, simulated=simulated)


def _simulated(key: str, a: Sample, b: Sample) -> bool:
    profile = split_profile(key)[1]
    both = simulated_profiles({"browser": a.browser}) & simulated_profiles({"browser": b.browser})
    return profile in both


def _spread_key(key: str) -> str:
    return key.removeprefix("score:")


def _changed(key: str, a: Sample, b: Sample, rendered: bool, categories: int) -> bool | None:
    """Whether change tracking would call the two samples' values of ``key`` a change."""
    noises = _thresholds(key, rendered, categories, _simulated(key, a, b))
    if noises is None or key not in a.values or key not in b.values:
        return None
    if _spread_key(key) in _gaps(a, b):
        return None  # not compared: taken another way, or disturbed by a busy host
    noise, one_sample = noises
    spread = _spread_key(key)
    return beyond_noise(
        a.values[key],
        b.values[key],
        noise,
        a.spreads.get(spread),
        b.spreads.get(spread),
        one_sample=one_sample,
    )


def _quantile(values: list[float], q: float) -> float:
    """The ``q`` quantile (nearest rank: a value that was measured)."""
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(q * len(ordered) + 0.5) - 1))]


def page_table(samples: list[Sample], rendered: bool) -> dict[str, dict[str, Any]]:
    keys = sorted({key for sample in samples for key in sample.values})
    categories = sum(k.startswith("score:") for k in keys)
    table: dict[str, dict[str, Any]] = {}
    for key in keys:
        values = [sample.values[key] for sample in samples if key in sample.values]
        pairs = list(itertools.combinations(samples, 2))
        verdicts = [_changed(key, a, b, rendered, categories) for a, b in pairs]
        table[key] = {
            "values": values,
            "missing": len(samples) - len(values),
            "min": min(values),
            "max": max(values),
            "false_changes": sum(v is True for v in verdicts),
            "pairs": sum(v is not None for v in verdicts),
        }
    return table


def pooled(pages: dict[str, list[Sample]], rendered: bool) -> dict[str, dict[str, Any]]:
    """Every pair of analyses of one page, pooled over the pages, per followed value."""
    rows: dict[str, dict[str, Any]] = {}
    keys = sorted({key for samples in pages.values() for s in samples for key in s.values})
    for key in keys:
        absolute: list[float] = []
        relative: list[float] = []
        false_changes = not_compared = 0
        for samples in pages.values():
            categories = len({k for s in samples for k in s.values if k.startswith("score:")})
            for a, b in itertools.combinations(samples, 2):
                if key not in a.values or key not in b.values:
                    continue
                if _spread_key(key) in _gaps(a, b):
                    not_compared += 1
                    continue
                x, y = a.values[key], b.values[key]
                absolute.append(abs(x - y))
                larger = max(abs(x), abs(y))
                relative.append(abs(x - y) / larger if larger else 0.0)
                false_changes += bool(_changed(key, a, b, rendered, categories))
        if not absolute:
            if not_compared:
                rows[key] = {"pairs": 0, "not_compared": not_compared}
            continue
        noises = _thresholds(key, rendered, 6, simulated=key.endswith("_mobile"))
        rows[key] = {
            "pairs": len(absolute),
            "not_compared": not_compared,
            "abs_median": statistics.median(absolute),
            "abs_p95": _quantile(absolute, 0.95),
            "abs_max": max(absolute),
            "rel_p95": _quantile(relative, 0.95),
            "rel_max": max(relative),
            "threshold": None if noises is None else dataclasses.asdict(noises[1]),
            "false_changes": false_changes,
        }
    return rows


async def main(mode: str, repeats: int, runs: int, sites: list[str]) -> dict[str, Any]:
    settings = Settings()
    pool = None
    if mode == "browser":
        pool = BrowserPool(dataclasses.replace(browser_settings(settings), executable=CHROMIUM))
    load: dict[str, Any] = {}
    collected: dict[str, list[Sample]] = {}
    try:
        with serve_sites_elsewhere() as served:
            options = analysis_options(
                settings,
                NetworkPolicy(allow_private=True),
                mode=mode,
                browser=pool,
                screenshot_dir=Path(tempfile.mkdtemp(prefix="aura-noise-")) if pool else None,
                runs=runs,
            )
            for folder in sites:
                before = os.getloadavg()
                samples = []
                for _ in range(repeats):
                    started = time.perf_counter()
                    result = await analyze_url(served.urls[folder], options)
                    samples.append(_sample(result, time.perf_counter() - started))
                after = os.getloadavg()
                load[folder] = {"before": before, "after": after}
                collected[folder] = samples
                table = page_table(samples, rendered=pool is not None)
                crossed = [key for key, row in table.items() if row["false_changes"]]
                seconds = statistics.median(s.seconds for s in samples)
                disturbed = [",".join(s.disturbed) or "-" for s in samples]
                print(
                    f"{folder}: load {before[0]:.1f} → {after[0]:.1f}, "
                    f"{seconds:.1f} s per analysis, false changes in {crossed or 'nothing'}, "
                    f"disturbed profiles {disturbed}",
                    flush=True,
                )
                for key, row in table.items():
                    if row["min"] == row["max"]:
                        continue
                    crosses = row["false_changes"]
                    print(
                        f"  {key:26} {row['min']:>9g} to {row['max']:<9g}"
                        f"{'  CROSSES ' + str(crosses) if crosses else ''}"
                        f"{'  missing ' + str(row['missing']) if row['missing'] else ''}",
                        flush=True,
                    )
    finally:
        if pool is not None:
            await pool.close()
    summary = pooled(collected, rendered=pool is not None)
    print(f"\npooled over {len(collected)} pages, {repeats} analyses each, runs={runs}:")
    print(
        f"  {'value':26} {'pairs':>5} {'|Δ| med':>9} {'|Δ| p95':>9} {'|Δ| max':>9} "
        f"{'rel p95':>7} {'rel max':>7}  threshold  false changes"
    )
    for key, row in summary.items():
        if not row["pairs"]:
            print(f"  {key:26} {0:>5}  ({row['not_compared']} pairs not compared)")
            continue
        threshold = row["threshold"]
        shown = "-" if threshold is None else f"{threshold['absolute']:g}/{threshold['relative']:g}"
        print(
            f"  {key:26} {row['pairs']:>5} {row['abs_median']:>9.4g} {row['abs_p95']:>9.4g} "
            f"{row['abs_max']:>9.4g} {row['rel_p95']:>7.3f} {row['rel_max']:>7.3f}  "
            f"{shown:>9}  {row['false_changes']}"
            + (f"  ({row['not_compared']} pairs not compared)" if row["not_compared"] else "")
        )
    return {
        "mode": mode,
        "repeats": repeats,
        "runs": runs,
        "load_average": load,
        "pages": {
            folder: {
                "samples": [
                    {
                        "values": s.values,
                        "seconds": round(s.seconds, 2),
                        "spreads": {k: dataclasses.asdict(v) for k, v in s.spreads.items()},
                        "browser": s.browser,
                    }
                    for s in samples
                ]
            }
            for folder, samples in collected.items()
        },
        "pooled": summary,
    }


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mode", default="browser", choices=["browser", "static"])
    parser.add_argument("--repeats", type=int, default=4)
    parser.add_argument("--runs", type=int, default=1)
    parser.add_argument("--sites", default=DEFAULT_SITES, help="folder names, or 'all'")
    arguments = parser.parse_args()
    chosen = (
        [path.name for path in site_dirs()]
        if arguments.sites == "all"
        else arguments.sites.split(",")
    )
    figures = asyncio.run(main(arguments.mode, arguments.repeats, arguments.runs, chosen))
    suffix = "" if arguments.runs == 1 else f"_runs{arguments.runs}"
    print(write_result(f"noise_calibration_{arguments.mode}{suffix}", figures))
