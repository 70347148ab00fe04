"""When two numbers differ by more than measurement noise: one definition for every comparison.

A difference between two values of a metric (two sites in one batch, or one site in two runs
of a set) is *significant* only when it is at least the metric's ``absolute`` threshold
**and** at least ``relative`` times the larger of the two magnitudes. Below that, the two are
treated as equal: no gap, no strength, no leader, no summary finding, no change.

Where the numbers come from:

- Timings (``ms``): 250 ms and 25 %. Two runs of an unchanged page served from loopback, and
  Lighthouse's own account of run-to-run variability (page and browser nondeterminism, a
  busy host), move lab timings by a few hundred milliseconds; 250 ms is also about the
  smallest delay a visitor notices in a page load.
- Server response (``ttfb_ms``, ``response_time_ms``): 500 ms and 50 %. Aura takes a single
  sample of the first request; one cold cache, TLS handshake or busy worker on the server
  costs hundreds of milliseconds, and Lighthouse passes every response under 600 ms.
  A 16 ms against 2 ms difference, or a single 305 ms response, is not a finding.
- Bytes: 1 KiB and 5 % (compression and cache-busting query strings alone move a page by
  that much between two fetches).
- Counts: 1 and 10 % (a page's markup and requests vary by a few between two loads: ads,
  rotating content, a retried request; 11 against 12 levels of DOM depth says nothing);
  ratios: 5 percentage points; booleans: any change.
- Cumulative Layout Shift (``unitless``): 0.05 and 20 %: half of the Core Web Vitals "good"
  bound (0.1); smaller shifts are not visible as a layout jump.
- Scores (0-100): 3 points for a category, 1 for the overall score (the average of several
  categories moves less): two runs of the same page move a timing-weighted category by a
  point or two.
- Word count: 10 words and 5 % (a date or counter in the text changes a word or two).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from aura.comparison.document import Unit


@dataclass(frozen=True)
class Noise:
    """A difference counts only when it is at least ``absolute`` and at least ``relative``
    times the larger magnitude of the two values."""

    absolute: float
    relative: float = 0.0


BY_UNIT: dict[Unit, Noise] = {
    "ms": Noise(250, 0.25),
    "bytes": Noise(1024, 0.05),
    "count": Noise(1, 0.1),
    "ratio": Noise(0.05),
    "score": Noise(3),
    "bool": Noise(0.5),
    "unitless": Noise(0.05, 0.20),
}

#: Metrics whose noise differs from their unit's (base ids: ``lcp``, not ``lcp_mobile``).
BY_METRIC: dict[str, Noise] = {
    "ttfb_ms": Noise(500, 0.5),
    "response_time_ms": Noise(500, 0.5),
    "word_count": Noise(10, 0.05),
}

#: A category score (0-100) and the overall score.
CATEGORY_SCORE = BY_UNIT["score"]
OVERALL_SCORE = Noise(1)

#: Audits decided by one measured number: their pass or fail means something against
#: another site's only when that number differs by more than its noise.
AUDIT_METRICS: dict[str, tuple[str, ...]] = {
    "server-response-time": ("ttfb_ms",),
    "largest-contentful-paint": ("lcp_mobile", "lcp_desktop"),
    "first-contentful-paint": ("fcp_mobile", "fcp_desktop"),
    "total-blocking-time": ("tbt_mobile", "tbt_desktop"),
    "cumulative-layout-shift": ("cls_mobile", "cls_desktop"),
}


PROFILES = ("mobile", "desktop")


def split_profile(metric_id: str) -> tuple[str, str | None]:
    """``lcp_mobile``, ``load_mobile_ms`` and ``mobile_lcp`` → (base id, profile)."""
    parts = metric_id.split("_")
    for profile in PROFILES:
        if profile in parts and len(parts) > 1:
            parts.remove(profile)
            return "_".join(parts), profile
    return metric_id, None


def noise_of(metric_id: str, unit: Unit) -> Noise:
    """The threshold of a metric (per-profile ids such as ``lcp_mobile`` use their base)."""
    base, _ = split_profile(metric_id)
    return BY_METRIC.get(metric_id) or BY_METRIC.get(base) or BY_UNIT[unit]


def significant(a: float, b: float, noise: Noise) -> bool:
    """Whether ``a`` and ``b`` differ by more than ``noise``."""
    difference = round(abs(a - b), 6)  # 82.7 - 81.7 is 0.99999…: one point all the same
    if difference == 0:
        return False
    return difference >= noise.absolute and difference >= noise.relative * max(abs(a), abs(b))


def within_noise(a: float, b: float, noise: Noise) -> bool:
    return not significant(a, b, noise)


@dataclass(frozen=True)
class Spread:
    """How far the renders of one analysis went below and above the reported median (from
    the result's ``lab_spread``), over ``renders`` measured renders."""

    below: float
    above: float
    renders: int

    def around(self, value: float) -> tuple[float, float]:
        return value - self.below, value + self.above


#: ``lab_spread`` keys whose spread also applies to a category score.
SPREAD_CATEGORIES = {"performance_score": "performance"}
#: Renders on both sides from which the measured spreads decide a change between runs
#: instead of the calibrated model for one render (fewer say too little about the spread).
MIN_SPREAD_RENDERS = 3

#: The same page measured again at another time (change tracking), with one sample: the
#: calibrated noise where it is wider than the comparison's (``docs/noise.md``; measured
#: with ``bench/noise_calibration.py``: 14 shared pages analysed 5 times each in browser
#: mode, 140 pairs of analyses per value, on a 2-core host with a load average of 20).
#: A threshold is set so that none of those pairs crosses it, with a margin: the absolute
#: part above the largest difference of the pairs that pass the relative part, or the
#: relative part above the largest relative difference of the pairs that pass the absolute
#: part. Lab timings observed as they happened (the desktop profile; the mobile one without
#: simulation) swing with the host's load: an unchanged page's desktop FCP went from 480 ms
#: to 2.9 s (84 % of the larger value), its desktop LCP from 1.9 s to 5.1 s.
BETWEEN_RUNS_BY_METRIC: dict[str, Noise] = {
    "fcp": Noise(1000, 0.9),
    "lcp": Noise(1000, 0.9),
    "si": Noise(1000, 0.9),
    # Mobile TBT went from 671 ms to 4.7 s (86 %), from 20 ms to 1.07 s (98 %); the median of
    # three renders of desktop TBT from 20 ms to 2.4 s (99 %).
    "tbt": Noise(3000, 0.9),
    # CLS went from 0.17 to 1.0 (83 %) on a page that shifts a lot, from 0 to 0.12 on one that
    # barely does: a change is a page that starts (or stops) shifting by 0.15 or more.
    "cls": Noise(0.15, 0.9),
    "ttfb_ms": Noise(5000, 0.8),
    "response_time_ms": Noise(5000, 0.8),
}
#: The mobile profile's paint metrics simulated over Lighthouse's slow 4G from one render
#: (``aura.audit.browser.simulation``, the default ``AURA_BROWSER_MOBILE_NETWORK``): the
#: simulated link is the same every time, only the observed main-thread work moves them.
#: FCP moved by 1.3 s (32 %) at most, 45 % at most beyond 1 s; LCP by 4.4 s (52 %), 54 % at
#: most beyond 1 s. A 1 MB heavier hero image adds about 5 s over that link (2.4 s → 7.4 s
#: is 68 %), which the observed thresholds above would not see.
SIMULATED_BETWEEN_RUNS: dict[str, Noise] = {
    "fcp": Noise(1000, 0.55),
    "lcp": Noise(1000, 0.65),
    "si": Noise(1000, 0.65),
}
#: Share of the above-the-fold screenshot (per cent) that must differ for a visual change:
#: animations that start at slightly different times marked 0.74 % and 1.97 % of unchanged
#: pages (a text edit is a content change already; this is for layout, colour, imagery).
VISUAL_CHANGE_PERCENT = 5.0
#: The performance score of one browser render, against another render's, when change
#: tracking compares them at all: both runs measured its values alike and undisturbed
#: (``aura.history.conditions``: renders whose renderers waited for a CPU as long as they
#: ran are not compared). The 26 such pairs of the calibration (4 of the 14 shared pages;
#: the others' renders were disturbed on the 2-core host) did not move at all; the widest
#: range of an unchanged page over 132 analyses, disturbed renders included, was 16 points
#: (``09-h5up-twenty``, load 22). Before disturbed renders were left out it had to be 35:
#: an unchanged page moved by 25 points, the median of three renders by 32.
LAB_PERFORMANCE_SCORE = Noise(20)
#: Categories whose audits read the rendered page: scroll-reveal animations hide a page's
#: lower sections (``visibility: hidden`` until scrolled to) sooner or later after the
#: load, so one render's accessibility and design audits checked 37 images, the next one 6,
#: and the scores moved by 3 points (one audit's weight) on two of the 14 pages.
RENDERED_CATEGORY_SCORE: dict[str, Noise] = {
    "accessibility": Noise(5),
    "design": Noise(5),
}
#: The static performance score holds one timing, the server's response (its audit's weight:
#: 8 of the category's 80), so one slow answer moves it by up to 10 points (6 measured with
#: three pages analysed at once): that share, plus a category's usual noise.
STATIC_PERFORMANCE_SCORE = Noise(CATEGORY_SCORE.absolute + 10)


def between_runs_noise(metric_id: str, unit: Unit, simulated: bool = False) -> Noise:
    """The threshold for one sample of a metric against one sample taken at another time;
    ``simulated`` when both samples of this profile were simulated over slow 4G."""
    base, _ = split_profile(metric_id)
    if simulated and base in SIMULATED_BETWEEN_RUNS:
        return SIMULATED_BETWEEN_RUNS[base]
    return (
        BETWEEN_RUNS_BY_METRIC.get(metric_id)
        or BETWEEN_RUNS_BY_METRIC.get(base)
        or (noise_of(metric_id, unit))
    )


def score_noise(category: str, rendered: bool, categories: int = 1) -> tuple[Noise, Noise | None]:
    """A score's noise, and its calibrated noise for one sample against one of another run
    (the performance score holds timings: a browser render's, or the server's response in
    static mode), and that share of the overall score, the mean of ``categories`` scores."""
    overall = category == "overall"
    noise = OVERALL_SCORE if overall else CATEGORY_SCORE
    if rendered and category in RENDERED_CATEGORY_SCORE:
        return noise, RENDERED_CATEGORY_SCORE[category]
    if category not in ("overall", "performance"):
        return noise, None
    performance = LAB_PERFORMANCE_SCORE if rendered else STATIC_PERFORMANCE_SCORE
    if overall:
        return noise, Noise(noise.absolute + performance.absolute / max(1, categories))
    return noise, performance


def spread_of(lab_spread: object) -> dict[str, Spread]:
    """The measured spread per metric id (``lcp_mobile``...) and per category
    (``performance``) of a result's ``lab_spread``; empty without one."""
    metrics = lab_spread.get("metrics") if isinstance(lab_spread, Mapping) else None
    spreads: dict[str, Spread] = {}
    for key, body in (metrics if isinstance(metrics, Mapping) else {}).items():
        values = _numbers(body, "min", "max", "median")
        if values is None:
            continue
        low, high, median = values
        raw = body.get("values")
        renders = sum(v is not None for v in raw) if isinstance(raw, list) else 1
        spread = Spread(
            below=max(0.0, median - low), above=max(0.0, high - median), renders=renders
        )
        spreads[SPREAD_CATEGORIES.get(str(key), str(key))] = spread
    return spreads


def _numbers(body: Any, *keys: str) -> tuple[float, ...] | None:
    if not isinstance(body, Mapping):
        return None
    found = [body.get(key) for key in keys]
    numbers = [float(v) for v in found if isinstance(v, int | float) and not isinstance(v, bool)]
    return tuple(numbers) if len(numbers) == len(keys) else None


def beyond_noise(
    a: float,
    b: float,
    noise: Noise,
    spread_a: Spread | None = None,
    spread_b: Spread | None = None,
    *,
    one_sample: Noise | None = None,
) -> bool:
    """Whether two measurements of a metric differ by more than the noise.

    Each side is compared as one sample: beyond ``one_sample`` (the calibrated noise of one
    sample against another taken at another time, ``between_runs_noise``), else ``noise``.
    When both sides were rendered at least ``MIN_SPREAD_RENDERS`` times, the two must also
    lie outside each other's measured spread (renders that overlap measured the same thing).
    The spread does not narrow the threshold: the median of three renders moved between
    runs as far as one render did (``docs/noise.md``), the host's load changing between
    two runs far more than during the minute of one.
    """
    if not significant(a, b, one_sample or noise):
        return False
    if (
        spread_a is None
        or spread_b is None
        or min(spread_a.renders, spread_b.renders) < MIN_SPREAD_RENDERS
    ):
        return True
    low_a, high_a = spread_a.around(a)
    low_b, high_b = spread_b.around(b)
    return high_a < low_b or high_b < low_a
