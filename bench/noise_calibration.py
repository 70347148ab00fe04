"""Calibration: how much the numbers of an unchanged page move from one analysis to the next.

Analyses each chosen shared site ``--repeats`` times, one after the other as a set's run
would, without changing anything, and prints for every category score and every metric that
change tracking follows the spread of the values: min, max, the largest difference between
two analyses (absolute and relative to the larger value), next to change tracking's
one-sample threshold (``aura.comparison.noise``: ``between_runs_noise``, ``score_noise``)
and whether it would have called that difference a change. The thresholds in
``noise.py`` (and ``docs/noise.md``) are set so that no unchanged page crosses them.
Writes bench/results/noise_calibration_<mode>.json.

    .venv/bin/python bench/noise_calibration.py [--mode browser] [--repeats 4]
                                                [--sites 01-sb-landing-page,...]
"""

from __future__ import annotations

import argparse
import asyncio
import dataclasses
import os
import sys
import tempfile
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from aura.audit.browser import BrowserPool
from aura.audit.fetch import NetworkPolicy
from aura.audit.runner import analyze_url
from aura.comparison.metrics import spec_of
from aura.comparison.noise import between_runs_noise, score_noise, significant
from aura.config import Settings
from aura.history.diff import EXTRA_METRICS, KEY_METRICS
from aura.runtime import analysis_options, browser_settings
from bench.common import serve_sites_elsewhere, write_result

CHROMIUM = Path(os.environ.get("AURA_CHROMIUM_PATH") or "/usr/bin/chromium")
DEFAULT_SITES = "01-sb-landing-page,05-sb-new-age,08-sb-agency,04-tt-landing-page"


def _values(result: dict[str, Any]) -> dict[str, float]:
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
    return found


def _threshold(key: str, rendered: bool, categories: int) -> Any:
    """Change tracking's noise for one sample against another (``docs/noise.md``)."""
    if key.startswith("score:"):
        noise, one_sample = score_noise(key.removeprefix("score:"), rendered, categories)
        return one_sample or noise
    spec = EXTRA_METRICS.get(key) or spec_of(key)
    return None if spec is None else between_runs_noise(key, spec.unit)


def spread_of(samples: list[dict[str, float]], rendered: bool) -> dict[str, dict[str, Any]]:
    keys = sorted({key for sample in samples for key in sample})
    table: dict[str, dict[str, Any]] = {}
    for key in keys:
        values = [sample[key] for sample in samples if key in sample]
        low, high = min(values), max(values)
        categories = sum(k.startswith("score:") for k in keys)
        noise = _threshold(key, rendered, categories)
        table[key] = {
            "values": values,
            "missing": len(samples) - len(values),
            "min": low,
            "max": high,
            "range": round(high - low, 3),
            "relative": round((high - low) / max(abs(low), abs(high)), 3) if high else 0.0,
            "threshold": None if noise is None else dataclasses.asdict(noise),
            "crosses": None if noise is None else significant(low, high, noise),
        }
    return table


async def main(mode: str, repeats: int, sites: list[str]) -> dict[str, Any]:
    settings = Settings()
    pool = None
    if mode == "browser":
        pool = BrowserPool(dataclasses.replace(browser_settings(settings), executable=CHROMIUM))
    try:
        with serve_sites_elsewhere() as served:
            options = analysis_options(
                settings,
                NetworkPolicy(allow_private=True),
                mode=mode,
                browser=pool,
                screenshot_dir=Path(tempfile.mkdtemp(prefix="aura-noise-")) if pool else None,
            )
            pages: dict[str, Any] = {}
            for folder in sites:
                samples = []
                for _ in range(repeats):
                    result = await analyze_url(served.urls[folder], options)
                    samples.append(_values(result))
                pages[folder] = spread_of(samples, rendered=pool is not None)
                crossed = [key for key, row in pages[folder].items() if row["crosses"]]
                print(f"{folder}: crossed {crossed or 'nothing'}", flush=True)
                for key, row in pages[folder].items():
                    print(
                        f"  {key:34} {row['min']:>10g} to {row['max']:<10g} "
                        f"range {row['range']:<8g} rel {row['relative']:<6g}"
                        f"{'  CROSSES' if row['crosses'] else ''}"
                        f"{'  missing ' + str(row['missing']) if row['missing'] else ''}",
                        flush=True,
                    )
    finally:
        if pool is not None:
            await pool.close()
    return {"mode": mode, "repeats": repeats, "pages": pages}


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mode", default="browser", choices=["browser", "static"])
    parser.add_argument("--repeats", type=int, default=4)
    parser.add_argument("--sites", default=DEFAULT_SITES)
    arguments = parser.parse_args()
    figures = asyncio.run(main(arguments.mode, arguments.repeats, arguments.sites.split(",")))
    print(write_result(f"noise_calibration_{arguments.mode}", figures))
