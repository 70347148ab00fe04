"""Estimated savings of the opportunities (not an audit): bytes, and the time they take on
Lighthouse's mobile network, scored on Lighthouse's curve for wasted milliseconds."""

from __future__ import annotations

from typing import Any

from aura.audit.base import log_normal_score

#: Lighthouse's simulated mobile throughput (slow 4G): 1.6 Mbit/s.
THROUGHPUT_BITS_PER_MS = 1.6 * 1024 * 1024 / 1000
#: Lighthouse's byte-efficiency curve: 150 ms of savings scores 0.9, 935 ms scores 0.5.
WASTED_MS_P10 = 150.0
WASTED_MS_MEDIAN = 935.0


def wasted_ms(wasted_bytes: float) -> float:
    """How long ``wasted_bytes`` take to download at Lighthouse's mobile throughput."""
    return round(wasted_bytes * 8 / THROUGHPUT_BITS_PER_MS, 1)


def savings_score(wasted_bytes: float) -> float:
    return log_normal_score(wasted_ms(wasted_bytes), p10=WASTED_MS_P10, median=WASTED_MS_MEDIAN)


def savings(wasted_bytes: int) -> dict[str, Any]:
    """The ``estimated_savings`` of an opportunity's details."""
    return {"bytes": wasted_bytes, "ms": wasted_ms(wasted_bytes)}
