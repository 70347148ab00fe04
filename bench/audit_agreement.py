"""Which audits Lighthouse 12 fails and Aura passes, and the reverse, on the shared sites.

Every shared site is served on loopback (every name but localhost fails at once, for Aura and
for Lighthouse's Chrome: ``bench/browser.py --instant-dns-failure``), then audited by
Lighthouse 12 (performance, accessibility, best practices, SEO; its default mobile run) and by
Aura in browser mode and in static mode. Each Lighthouse audit with a verdict (binary,
numeric or savings-based; not the hidden insights, manual or informative ones) is set beside
the Aura audits that judge the same thing (``COUNTERPARTS``; an accessibility rule also
counts as found when it is among axe-core's violations in Aura's ``axe-rules``). Printed per
page and in total, per Aura mode (``compare`` defines each class): both fail; Lighthouse fails
and Aura passes — the list that matters; Lighthouse fails and Aura cannot tell in this mode
(static mode has no browser); Lighthouse fails and Aura has no counterpart
(``NO_COUNTERPART`` says why); Aura fails and Lighthouse passes — where Aura may claim too
much.

A Lighthouse verdict fails below 0.9, as its report colours it; so does Aura's
(``tests/claims``). Lighthouse takes about a minute a page on a shared machine, so its reports
can be kept between runs (``--reports DIR``: read if there, written if not).

    .venv/bin/python -m bench.audit_agreement [--sites 3] [--reports /tmp/lh-reports]
                                              [--modes browser,static]

Needs ``LIGHTHOUSE_BIN`` (``npm install lighthouse@12`` outside the repository), or
``--lighthouse``. Writes bench/results/audit_agreement.json.
"""

from __future__ import annotations

import argparse
import asyncio
import dataclasses
import json
import os
from collections import Counter
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from aura.audit.audits import audits_by_id
from aura.audit.browser import BrowserPool
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

CATEGORIES = "performance,accessibility,best-practices,seo"
#: A verdict passes from 0.9, as Lighthouse colours an audit green.
PASS_MARK = 0.9
#: Lighthouse's scoring modes that carry a verdict.
SCORED = ("binary", "numeric", "metricSavings")

#: Lighthouse audit id → the Aura audits that judge the same thing. An id that is also an
#: Aura audit id maps to it without being listed here.
COUNTERPARTS: dict[str, tuple[str, ...]] = {
    # performance
    "uses-long-cache-ttl": ("cache-lifetime",),
    "uses-text-compression": ("text-compression",),
    "uses-responsive-images": ("oversized-images",),
    "offscreen-images": ("image-lazy-loading",),
    "uses-optimized-images": ("modern-image-formats",),
    "uses-http2": ("http-version",),
    # accessibility (axe-core rule ids)
    "duplicate-id-aria": ("duplicate-id",),
    "listitem": ("list",),
    "td-headers-attr": ("table-headers",),
    "th-has-data-cells": ("table-headers",),
    "aria-allowed-attr": ("aria-valid-attr",),
    "aria-valid-attr-value": ("aria-valid-attr",),
    "aria-prohibited-attr": ("aria-valid-attr",),
    "input-button-name": ("button-name",),
    "select-name": ("label",),
    # best practices
    "redirects-http": ("redirection",),
    "errors-in-console": ("javascript-errors",),
    "csp-xss": ("content-security-policy",),
    "has-hsts": ("strict-transport-security",),
    "origin-isolation": ("cross-origin-opener-policy",),
    "clickjacking-mitigation": ("x-frame-options",),
    "js-libraries": ("vulnerable-libraries",),
    # SEO
    "is-crawlable": ("crawlability",),
}

#: Lighthouse audits Aura has no counterpart for, and why.
NO_COUNTERPART: dict[str, str] = {
    "unused-css-rules": "needs the coverage of a loaded page; Aura reports unminified CSS",
    "unused-javascript": "needs script coverage; not measured",
    "legacy-javascript": "polyfill detection for old browsers; not measured",
    "duplicated-javascript": "needs source maps or bundle parsing; not measured",
    "uses-rel-preconnect": "a hint from a simulated load; Aura does not simulate",
    "bootup-time": "per-script CPU; Aura reports total blocking time",
    "mainthread-work-breakdown": "per-task CPU; Aura reports total blocking time",
    "interactive": "Time to Interactive, no longer a score metric in Lighthouse 10+",
    "max-potential-fid": "hidden in Lighthouse's report; Aura reports total blocking time",
    "critical-request-chains": "request chains; not measured",
    "lcp-lazy-loaded": "not measured (image-lazy-loading checks the opposite case)",
    "prioritize-lcp-image": "a hint from a simulated load; not measured",
    "efficient-animated-content": "GIF to video; not measured",
    "non-composited-animations": "compositor traces; not measured",
    "uses-passive-event-listeners": "listener options; not measured",
    "no-document-write": "document.write calls; not measured",
    "bf-cache": "back/forward cache eligibility; not measured",
    "deprecations": "Chrome deprecation warnings; not measured",
    "third-party-cookies": "not measured (cookies judges the page's own cookies)",
    "inspector-issues": "DevTools issues panel; not measured",
    "valid-source-maps": "source maps; not measured",
    "paste-preventing-inputs": "needs interaction; not measured",
    "geolocation-on-start": "permission prompts; not measured",
    "notification-on-start": "permission prompts; not measured",
    "image-aspect-ratio": "distorted images; not measured",
    "image-size-responsive": "images too small for the screen; not measured",
    "font-size": "legible font sizes on phones; not measured",
    "largest-contentful-paint-element": "a diagnostic; Aura names the element in its LCP audit",
    "layout-shifts": "a diagnostic; Aura counts the shifts in its CLS audit",
    "skip-link": "axe-core: a skip link's target exists; bypass asks whether there is one",
}


@dataclasses.dataclass(frozen=True)
class LighthouseVerdict:
    audit: str
    category: str
    passed: bool  # score ≥ 0.9, or nothing to check
    applicable: bool


def lighthouse_verdicts(report: Mapping[str, Any]) -> dict[str, LighthouseVerdict]:
    """Every visible Lighthouse audit with a verdict or marked not applicable, by id."""
    verdicts: dict[str, LighthouseVerdict] = {}
    for category_id, category in report["categories"].items():
        for reference in category["auditRefs"]:
            if reference.get("group") == "hidden":
                continue
            audit = report["audits"][reference["id"]]
            mode, score = audit["scoreDisplayMode"], audit.get("score")
            if mode == "notApplicable":
                verdicts[audit["id"]] = LighthouseVerdict(audit["id"], category_id, True, False)
            elif mode in SCORED and score is not None:
                verdicts[audit["id"]] = LighthouseVerdict(
                    audit["id"], category_id, score >= PASS_MARK, True
                )
    return verdicts


def counterparts(verdict: LighthouseVerdict, aura_ids: set[str]) -> tuple[str, ...]:
    """The Aura audits judging what a Lighthouse audit judges; an accessibility rule with no
    audit of its own is judged by ``axe-rules`` (browser mode)."""
    if verdict.audit in COUNTERPARTS:
        return COUNTERPARTS[verdict.audit]
    if verdict.audit in aura_ids:
        return (verdict.audit,)
    if verdict.category == "accessibility" and verdict.audit not in NO_COUNTERPART:
        return ("axe-rules",)
    return ()


def aura_audits(result: Mapping[str, Any]) -> dict[str, Mapping[str, Any]]:
    return {
        audit["id"]: audit
        for category in result.get("categories", {}).values()
        for audit in category.get("audits", [])
    }


def axe_violations(audits: Mapping[str, Mapping[str, Any]]) -> set[str]:
    details = (audits.get("axe-rules") or {}).get("details") or {}
    return {rule["id"] for rule in details.get("violations") or ()}


def aura_fails(audit: Mapping[str, Any] | None) -> bool:
    if audit is None or audit.get("error"):
        return False
    score = audit.get("score")
    return score is not None and score < PASS_MARK


def aura_judged(audit: Mapping[str, Any] | None) -> bool:
    """Whether Aura gave a verdict (a score, or "nothing to check") rather than none."""
    return audit is not None and not audit.get("error")


CLASSES = (
    "both_fail",
    "lh_fails_aura_passes",
    "lh_fails_aura_cannot_tell",
    "lh_fails_no_counterpart",
    "aura_fails_lh_passes",
)


def compare(
    report: Mapping[str, Any], result: Mapping[str, Any], aura_ids: set[str]
) -> dict[str, list[str]]:
    """One page, one mode: the audits in each class, as ``lighthouse-id:aura-ids``.

    - both_fail: a counterpart fails too (an axe-core violation of the same rule counts);
    - lh_fails_aura_passes: the counterparts gave a verdict, passing or "nothing to check";
    - lh_fails_aura_cannot_tell: no counterpart ran in this mode (static: no browser);
    - lh_fails_no_counterpart: Aura does not judge this (``NO_COUNTERPART``);
    - aura_fails_lh_passes: an Aura audit fails while every Lighthouse audit it answers
      passes or found nothing to check (``aura-id:lighthouse-ids``).
    """
    audits = aura_audits(result)
    violations = axe_violations(audits)
    classes: dict[str, list[str]] = {name: [] for name in CLASSES}
    lighthouse_fails_for: dict[str, bool] = {}
    answered: dict[str, list[str]] = {}
    for verdict in lighthouse_verdicts(report).values():
        mine = counterparts(verdict, aura_ids)
        for name in mine:
            answered.setdefault(name, []).append(verdict.audit)
            lighthouse_fails_for[name] = lighthouse_fails_for.get(name, False) or not (
                verdict.passed
            )
        if verdict.passed:
            continue
        failing = [
            name
            for name in mine
            if aura_fails(audits.get(name)) and (name != "axe-rules" or verdict.audit in violations)
        ]
        if verdict.audit in violations and "axe-rules" not in failing:
            failing.append("axe-rules")
        if failing:
            classes["both_fail"].append(f"{verdict.audit}:{','.join(failing)}")
        elif not mine:
            classes["lh_fails_no_counterpart"].append(verdict.audit)
        elif any(aura_judged(audits.get(name)) for name in mine):
            states = ",".join(f"{name}={_state(audits.get(name))}" for name in mine)
            classes["lh_fails_aura_passes"].append(f"{verdict.audit}:{states}")
        else:
            classes["lh_fails_aura_cannot_tell"].append(f"{verdict.audit}:{','.join(mine)}")
    for name, lighthouse_ids in answered.items():
        if name != "axe-rules" and aura_fails(audits.get(name)) and not lighthouse_fails_for[name]:
            classes["aura_fails_lh_passes"].append(f"{name}:{','.join(sorted(lighthouse_ids))}")
    return {name: sorted(found) for name, found in classes.items()}


def _state(audit: Mapping[str, Any] | None) -> str:
    if audit is None:
        return "absent"
    if audit.get("error"):
        return "error"
    score = audit.get("score")
    return "n/a" if score is None else f"{score:.2f}"


def lighthouse_report(binary: str, site: str, url: str, folder: Path | None) -> Any:
    kept = folder / f"{site}.json" if folder else None
    if kept and kept.exists():
        return json.loads(kept.read_text())
    report, _elapsed = run_lighthouse(
        binary, url, LIGHTHOUSE_FLAGS + LIGHTHOUSE_NO_DNS, CATEGORIES, 300
    )
    if report is not None and kept:
        kept.parent.mkdir(parents=True, exist_ok=True)
        kept.write_text(json.dumps(report))
    return report


async def main(
    binary: str, modes: list[str], limit: int | None, reports: Path | None
) -> dict[str, Any]:
    settings = Settings()
    pool = BrowserPool(dataclasses.replace(browser_settings(settings), executable=CHROMIUM))
    policy = NetworkPolicy(allow_private=True, resolver=local_only_resolver)
    aura_ids = set(audits_by_id())
    pages: dict[str, dict[str, Any]] = {}
    try:
        with serve_sites_elsewhere() as served:
            for site, url in list(served.urls.items())[:limit]:
                report = await asyncio.to_thread(lighthouse_report, binary, site, url, reports)
                if report is None:
                    print(f"{site}: Lighthouse failed", flush=True)
                    continue
                pages[site] = {}
                for mode in modes:
                    options = analysis_options(
                        settings, policy, mode=mode, browser=pool if mode == "browser" else None
                    )
                    result = await analyze_url(url, options)
                    pages[site][mode] = compare(report, result, aura_ids)
                print(f"{site}: done", flush=True)
    finally:
        await pool.close()
    totals: dict[str, dict[str, int]] = {}
    for mode in modes:
        counted: Counter[str] = Counter()
        for page in pages.values():
            for name, found in page[mode].items():
                counted[name] += len(found)
        totals[mode] = dict(counted)
    return {"lighthouse": "12", "modes": modes, "pages": pages, "totals": totals}


def report(figures: Mapping[str, Any]) -> None:
    for site, modes in figures["pages"].items():
        print(f"\n{site}")
        for mode, classes in modes.items():
            print(f"  [{mode}]")
            for name, found in classes.items():
                if found:
                    print(f"    {name} ({len(found)}): {' '.join(found)}")
    print("\ntotals (audits over all pages)")
    for mode, counted in figures["totals"].items():
        print(f"  [{mode}] " + ", ".join(f"{name} {count}" for name, count in counted.items()))
    print("  lh_fails_aura_passes by audit:")
    for mode in figures["totals"]:
        counted = Counter(
            entry.split(":")[0]
            for modes in figures["pages"].values()
            for entry in modes[mode]["lh_fails_aura_passes"]
        )
        print(f"    [{mode}] " + ", ".join(f"{name} {n}" for name, n in counted.most_common()))
    print("  aura_fails_lh_passes by audit:")
    for mode in figures["totals"]:
        counted = Counter(
            entry.split(":")[0]
            for modes in figures["pages"].values()
            for entry in modes[mode]["aura_fails_lh_passes"]
        )
        print(f"    [{mode}] " + ", ".join(f"{name} {n}" for name, n in counted.most_common()))
    unexplained = sorted(
        {
            audit
            for modes in figures["pages"].values()
            for classes in modes.values()
            for audit in classes["lh_fails_no_counterpart"]
            if audit not in NO_COUNTERPART
        }
    )
    if unexplained:
        print(f"  no counterpart and no reason given: {' '.join(unexplained)}")


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--lighthouse", default=os.environ.get("LIGHTHOUSE_BIN"))
    parser.add_argument("--sites", type=int, default=None, help="only the first N sites")
    parser.add_argument("--modes", default="browser,static")
    parser.add_argument(
        "--reports", type=Path, default=None, help="keep Lighthouse's reports here, reuse them"
    )
    arguments = parser.parse_args()
    if not arguments.lighthouse:
        parser.error("set LIGHTHOUSE_BIN or pass --lighthouse")
    outcome = asyncio.run(
        main(arguments.lighthouse, arguments.modes.split(","), arguments.sites, arguments.reports)
    )
    report(outcome)
    print(f"written to {write_result('audit_agreement', outcome)}")
