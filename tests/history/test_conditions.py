"""Lab timings taken another way, or observed while the host was busy, are not compared."""

from __future__ import annotations

from typing import Any

from rich.console import Console

from aura.cli.changes_view import changes_markdown, changes_renderable
from aura.history.conditions import incomparable
from aura.history.diff import diff_runs
from aura.history.document import Delta, RunChanges, SiteChanges
from aura.history.inputs import RunInput
from tests.history.builders import A, B, C, page, run, site

BUSY = "timings disturbed: host busy (the page's renderer waited 2.2 s for a CPU (it ran 718 ms))"


def _rendered(
    scores: dict[str, float],
    metrics: dict[str, float],
    *,
    desktop_busy: bool = False,
    mobile_busy: bool = False,
    main_thread: str = "trace",
    cpu_simulated: bool = False,
) -> dict[str, Any]:
    """A browser result whose profiles state how their timings were taken: the desktop's
    observed, the mobile's simulated from the trace (or the page's ``long tasks``) of a
    load under Chromium's CPU throttle (or, ``cpu_simulated``, of an unthrottled one)."""

    def host(busy: bool) -> dict[str, Any]:
        return {
            "renderer_cpu_ms": 700,
            "renderer_wait_ms": 2200 if busy else 40,
            "disturbed": BUSY if busy else None,
        }

    result = page(scores=scores, metrics=metrics)
    simulated = {"method": "simulated", "name": "slow 4G", "main_thread": main_thread}
    result["browser"] = {
        "profiles": [
            {
                "profile": "mobile",
                "conditions": {
                    "network_throttling": simulated,
                    **({"cpu_throttling": {"method": "simulated"}} if cpu_simulated else {}),
                },
                "host": host(mobile_busy),
            },
            {
                "profile": "desktop",
                "conditions": {"network_throttling": None},
                "host": host(desktop_busy),
            },
        ]
    }
    return result


def _site(changes: RunChanges, url: str) -> SiteChanges:
    return next(entry for entry in changes.sites if entry.url == url)


def _by_id(site_changes: SiteChanges) -> dict[str, Delta]:
    return {delta.id: delta for delta in (*site_changes.scores, *site_changes.metrics)}


#: An unchanged page measured on a quiet host, then on a busy one (the figures of a run on
#: the development host: its desktop First Contentful Paint went from 156 ms to 1.7 s).
QUIET = {"fcp_desktop": 156, "lcp_desktop": 492, "tbt_desktop": 0, "fcp_mobile": 2708}
SLOWED = {"fcp_desktop": 1664, "lcp_desktop": 5100, "tbt_desktop": 0, "fcp_mobile": 2712}


def _two_runs(**busy: bool) -> tuple[RunInput, RunInput]:
    before = run(site(A, _rendered({"performance": 85, "seo": 80}, QUIET), primary=True))
    after = run(
        site(A, _rendered({"performance": 44, "seo": 80}, SLOWED, **busy), primary=True), day=1
    )
    return before, after


def test_timings_observed_on_a_busy_host_are_unmeasured_and_say_why() -> None:
    a = _site(diff_runs(*_two_runs(desktop_busy=True)), A)
    deltas = _by_id(a)
    for key in ("fcp_desktop", "lcp_desktop", "performance", "overall"):
        assert deltas[key].verdict == "unmeasured", deltas[key]
        assert "timings disturbed: host busy" in (deltas[key].note or ""), deltas[key]
    assert "in this run" in (deltas["fcp_desktop"].note or "")
    # Still shown as they were measured.
    assert (deltas["fcp_desktop"].before, deltas["fcp_desktop"].after) == (156, 1664)
    # The phone's timings were simulated from the trace's CPU times: still compared.
    assert deltas["fcp_mobile"].verdict == "unchanged"
    assert deltas["seo"].verdict == "unchanged"
    assert (a.status, a.change_count) == ("unchanged", 0)
    assert a.summary == ["No changes since the previous run"]


def test_the_same_figures_undisturbed_are_changes() -> None:
    # What the busy host's values would say if they were taken for the page's.
    a = _site(diff_runs(*_two_runs()), A)
    deltas = _by_id(a)
    assert deltas["fcp_desktop"].verdict == "worse"
    assert deltas["performance"].verdict == "worse"
    assert deltas["fcp_desktop"].note is None
    assert a.status == "changed"


def test_a_busy_host_does_not_hide_a_change_of_the_simulated_phone_timings() -> None:
    # A megabyte more on the hero image, both runs on a busy host: the simulated mobile LCP
    # comes from the trace's CPU times and the simulated link, not from the host's load.
    before = run(
        site(A, _rendered({"seo": 80}, {"lcp_mobile": 2400}, mobile_busy=True), primary=True)
    )
    after = run(
        site(A, _rendered({"seo": 80}, {"lcp_mobile": 7400}, mobile_busy=True), primary=True),
        day=1,
    )
    lcp = _by_id(_site(diff_runs(before, after), A))["lcp_mobile"]
    assert (lcp.verdict, lcp.note) == ("worse", None)


def test_a_layout_shift_observed_on_a_busy_host_is_not_compared() -> None:
    # One unchanged page's mobile CLS in four loads on a busy host: 0, 0.17, 1.17, 1.64
    # (whether an image came before or after the first layout). The layout shift is
    # observed, never simulated: the trace's CPU times do not vouch for it.
    def measured(cls: float, busy: bool, day: int) -> RunInput:
        result = _rendered({"seo": 80}, {"cls_mobile": cls}, mobile_busy=busy)
        return run(site(A, result, primary=True), day=day)

    shifted = _by_id(_site(diff_runs(measured(0, True, 0), measured(1.64, False, 1)), A))
    assert shifted["cls_mobile"].verdict == "unmeasured"
    assert "in the earlier run" in (shifted["cls_mobile"].note or "")
    # Measured undisturbed both times, a page that starts shifting is a change.
    quiet = _by_id(_site(diff_runs(measured(0, False, 0), measured(1.64, False, 1)), A))
    assert quiet["cls_mobile"].verdict == "worse"


def test_phone_timings_from_the_trace_and_from_long_tasks_are_not_compared() -> None:
    # The trace did not come in time in the second run: the simulation fell back on the
    # page's long tasks, their wall time on a busy host (mobile TBT 145 ms → 3.1 s).
    before = run(site(A, _rendered({"performance": 81}, {"tbt_mobile": 145}), primary=True))
    after = run(
        site(
            A,
            _rendered({"performance": 48}, {"tbt_mobile": 3100}, main_thread="long tasks"),
            primary=True,
        ),
        day=1,
    )
    a = _site(diff_runs(before, after), A)
    deltas = _by_id(a)
    assert deltas["tbt_mobile"].verdict == "unmeasured"
    assert deltas["tbt_mobile"].note == (
        "mobile timings taken another way (simulated from the trace, then simulated from "
        "the long tasks)"
    )
    assert deltas["performance"].verdict == "unmeasured"
    assert a.change_count == 0


def test_phone_timings_from_a_throttled_and_an_unthrottled_load_are_not_compared() -> None:
    # A script spinning on the clock blocked the phone 4 times as long once the phone's CPU
    # was simulated from an unthrottled load (its TBT 250 ms → 1.15 s): not a change.
    before = run(site(A, _rendered({"performance": 81}, {"tbt_mobile": 250}), primary=True))
    after = run(
        site(
            A,
            _rendered({"performance": 60}, {"tbt_mobile": 1150}, cpu_simulated=True),
            primary=True,
        ),
        day=1,
    )
    deltas = _by_id(_site(diff_runs(before, after), A))
    assert deltas["tbt_mobile"].verdict == "unmeasured"
    assert deltas["tbt_mobile"].note == (
        "mobile timings taken another way (simulated from the trace, then simulated from "
        "the trace of an unthrottled load)"
    )
    # Both from unthrottled loads, one on a busy host: the paints compare (the simulated
    # link's), the blocking time does not (the tasks' observed lengths, times 4), nor the
    # layout shift (observed in every mode).
    unthrottled = _rendered({"performance": 60}, {"tbt_mobile": 1150}, cpu_simulated=True)
    busy = _rendered(
        {"performance": 60}, {"tbt_mobile": 1150}, cpu_simulated=True, mobile_busy=True
    )
    found = incomparable(unthrottled, busy)
    assert "fcp_mobile" not in found
    assert "lcp_mobile" not in found
    assert "tbt_mobile" in found
    assert "cls_mobile" in found


def test_no_overtake_rests_on_a_score_the_host_disturbed() -> None:
    def ranked(b: float, c: float, *, busy: bool, day: int = 0) -> RunInput:
        return run(
            site(A, page(scores={"seo": 80}), primary=True),
            site(B, _rendered({"performance": b}, {}, desktop_busy=busy)),
            site(C, _rendered({"performance": c}, {})),
            day=day,
        )

    # B's score swung far past C's and beyond the noise, on a busy host.
    disturbed = diff_runs(ranked(20, 58, busy=False), ranked(95, 58, busy=True, day=1))
    assert disturbed.overtakes == []
    assert disturbed.summary == ["No changes since the previous run"]
    assert {rank.verdict for rank in _site(disturbed, C).ranks} == {"unchanged"}
    # Measured alike, the same scores are an overtake.
    measured = diff_runs(ranked(20, 58, busy=False), ranked(95, 58, busy=False, day=1))
    assert [(o.site, o.overtaken) for o in measured.overtakes] == [(B, C)]


def test_what_cannot_be_compared_between_two_results() -> None:
    quiet, busy = _rendered({}, {}), _rendered({}, {}, desktop_busy=True)
    assert incomparable(quiet, quiet) == {}
    gaps = incomparable(busy, quiet)
    assert set(gaps) == {
        "fcp_desktop",
        "lcp_desktop",
        "si_desktop",
        "tbt_desktop",
        "cls_desktop",
        "performance",
        "overall",
    }
    assert gaps["fcp_desktop"] == f"desktop {BUSY} in the earlier run"
    # Static results (no browser profiles) have nothing of the kind.
    assert incomparable(page(), page()) == {}


def test_the_changes_in_the_terminal_and_in_markdown_say_what_was_not_compared() -> None:
    changes = diff_runs(*_two_runs(desktop_busy=True))
    why = f"desktop {BUSY} in this run"
    expected = [
        f"Not compared for a.example: Overall (it holds the performance score, not "
        f"comparable: {why})",
        f"Not compared for a.example: Performance (its lab values cannot be compared: {why})",
        "Not compared for a.example: Largest Contentful Paint (desktop), First Contentful "
        f"Paint (desktop), Total Blocking Time (desktop) ({why})",
    ]
    text = changes_markdown(changes, "Landing pages")
    assert "Unchanged: a.example." in text
    lines = [line for line in text.splitlines() if line.startswith("- Not compared")]
    assert [line.replace("\\", "") for line in lines] == [f"- {line}" for line in expected]
    console = Console(width=400, record=True)
    console.print(changes_renderable(changes, "Landing pages"))
    shown = console.export_text().splitlines()
    assert [line for line in shown if line.startswith("Not compared")] == expected
