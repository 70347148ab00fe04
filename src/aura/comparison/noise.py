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

from dataclasses import dataclass

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
