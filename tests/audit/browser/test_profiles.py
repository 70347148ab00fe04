"""Which lab values a busy host moves, by how the load's timings were taken (no browser)."""

from __future__ import annotations

from typing import Any

import pytest

from aura.audit.browser.profiles import DESKTOP, MOBILE, SLOW_4G, moved_by_a_busy_host

ALL = ("fcp", "lcp", "si", "tbt", "cls")


def _simulated(main_thread: str, *, cpu_simulated: bool) -> dict[str, Any]:
    network = {"method": "simulated", "name": "slow 4G", "main_thread": main_thread}
    return {**MOBILE.stated(cpu_simulated=cpu_simulated), "network_throttling": network}


@pytest.mark.parametrize(
    ("conditions", "moved"),
    [
        # Observed as they happened: all of them.
        (DESKTOP.stated(), ALL),
        (MOBILE.stated(SLOW_4G), ALL),
        # Simulated from the page's long tasks (their wall time on a busy host): all.
        (_simulated("long tasks", cpu_simulated=True), ALL),
        # Simulated from the trace's CPU times, of an unthrottled load: the blocking time
        # (observed lengths times the phone's slowdown) and the layout shift.
        (_simulated("trace", cpu_simulated=True), ("tbt", "cls")),
        # The same from a load under Chromium's CPU throttle (older results): the layout
        # shift alone.
        (_simulated("trace", cpu_simulated=False), ("cls",)),
        # A stored result that says nothing, or nonsense, is taken as observed.
        ({}, ALL),
        ({"network_throttling": "simulated", "cpu_throttling": None}, ALL),
    ],
    ids=[
        "desktop",
        "devtools",
        "long-tasks",
        "trace-unthrottled",
        "trace-throttled",
        "none",
        "bad",
    ],
)
def test_a_busy_host_moves_what_was_observed(
    conditions: dict[str, Any], moved: tuple[str, ...]
) -> None:
    assert moved_by_a_busy_host(conditions) == moved
