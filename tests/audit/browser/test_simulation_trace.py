"""The simulation fed by a trace's main-thread tasks (Lantern's CPU nodes), on hand-built
loads: the times are worked out by hand from the model (150 ms round trips, 1.6 Mbps,
14,600 bytes in the first congestion window; a new connection's first response 600 ms)."""

from __future__ import annotations

from typing import Any

import pytest

from aura.audit.browser.netlog import NetworkLog
from aura.audit.browser.simulation import (
    Link,
    Observed,
    Request,
    Task,
    Timing,
    blocking_time,
    build_graph,
    estimate_server_ms,
    layout_speed_index,
    simulate,
    with_simulation,
)
from aura.audit.browser.trace import simulation_tasks
from tests.audit.browser.test_simulation import phone_run

SITE = "http://shop.test"
APP = f"{SITE}/app.js"


def document() -> Request:
    return Request(
        id="doc",
        url=f"{SITE}/",
        resource_type="Document",
        priority="VeryHigh",
        start_ms=0,
        end_ms=20,
        transfer_bytes=10_000,
        server_ms=0,
        main_document=True,
    )


def script(**changes: Any) -> Request:
    fields: dict[str, Any] = {
        "id": "js",
        "url": APP,
        "resource_type": "Script",
        "priority": "High",
        "start_ms": 25,
        "end_ms": 40,
        "transfer_bytes": 5_000,
        "initiator_urls": (f"{SITE}/",),
        "server_ms": 0,
    }
    return Request(**{**fields, **changes})


def stylesheet() -> Request:
    return Request(
        id="css",
        url=f"{SITE}/site.css",
        resource_type="Stylesheet",
        priority="VeryHigh",
        start_ms=25,
        end_ms=50,
        transfer_bytes=20_000,
        initiator_urls=(f"{SITE}/",),
        server_ms=0,
    )


def traced(start: float, duration: float, **changes: Any) -> Task:
    return Task(start_ms=start, duration_ms=duration, traced=True, **changes)


def test_a_script_that_ran_before_the_paint_holds_it_with_its_task() -> None:
    # The document arrives at 600 ms, the script on the warm connection at 750 ms, and the
    # task that evaluated it (and painted), 100 ms on the unthrottled load, runs 400 ms on
    # the phone after that: 1150 ms in both graphs.
    task = traced(45, 100, needs_urls=(APP,), evaluates_urls=(APP,), paint=True)
    simulated = simulate([document(), script()], [task], Observed(fcp_ms=145, lcp_ms=145))
    assert simulated is not None
    assert simulated.fcp_ms == pytest.approx(1150)
    assert simulated.lcp_ms == pytest.approx(1150)


def test_a_script_evaluated_only_after_the_paint_does_not_hold_it() -> None:
    # Fetched before the paint at high priority, but run after it: Lantern counts it as
    # definitely not render blocking, so the first paint needs the document alone.
    task = traced(500, 400, needs_urls=(APP,), evaluates_urls=(APP,))
    simulated = simulate([document(), script()], [task], Observed(fcp_ms=445, lcp_ms=None))
    assert simulated is not None
    assert simulated.fcp_ms == pytest.approx(600)


def test_a_layout_task_runs_at_half_the_slowdown_and_speed_index_is_lanterns() -> None:
    # The stylesheet ends at 900 ms; the task that needed it lays out, 10 ms on the
    # unthrottled load, 20 ms on the phone (half its slowdown): first paint at 920. Speed
    # Index, Lighthouse 12's Lantern: 1.4 x the observed one (500) + 0.4 x the layouts' end
    # (920, the only layout) = 1068.
    task = traced(
        60, 10, needs_urls=(f"{SITE}/site.css",), layout=True, paint=True, parses_html=True
    )
    observed = Observed(80, None, ((80.0, 100.0),), 500)
    simulated = simulate([document(), stylesheet()], [task], observed)
    assert simulated is not None
    assert simulated.fcp_ms == pytest.approx(920)
    assert simulated.speed_index_ms == pytest.approx(1.4 * 500 + 0.4 * 920)
    # A 20 ms task blocks nothing.
    assert simulated.tbt_ms == 0


def test_the_requests_a_task_sent_wait_for_it_and_it_for_what_it_ran() -> None:
    task = traced(45, 100, needs_urls=(APP,), sends_requests=("xhr", "img"))
    xhr = script(id="xhr", url=f"{SITE}/data.json", resource_type="XHR", start_ms=100)
    image = script(id="img", url=f"{SITE}/a.png", resource_type="Image", start_ms=101)
    graph = build_graph([document(), script(), xhr, image], [task])
    assert graph is not None
    nodes = {node.request.id if node.request else "task": node for node in graph.nodes}
    assert nodes["task"].dependencies == [nodes["doc"], nodes["js"]]
    # A script's XHR waits for the task that sent it; an image it sent does not (Lantern
    # links only scripts, XHRs and fetches to tasks).
    assert nodes["task"] in nodes["xhr"].dependencies
    assert nodes["task"] not in nodes["img"].dependencies


def test_a_url_fetched_again_after_the_task_started_is_no_dependency() -> None:
    later = script(id="js2", start_ms=50, end_ms=60)
    task = traced(45, 100, needs_urls=(APP,))
    graph = build_graph([document(), script(), later], [task])
    assert graph is not None
    cpu = next(node for node in graph.nodes if node.task is not None)
    assert [node.request.id for node in cpu.dependencies if node.request] == ["doc"]


def test_a_timer_runs_after_the_task_that_set_it() -> None:
    setter = traced(30, 20, timers_installed=("7",))
    fired = traced(200, 20, timers_fired=("7",))
    graph = build_graph([document()], [setter, fired])
    assert graph is not None
    tasks = [node for node in graph.nodes if node.task is not None]
    assert tasks[0] in tasks[1].dependencies


def test_blocking_time_counts_only_past_50_ms_inside_the_window() -> None:
    tasks = [Timing(0, 100), Timing(200, 230), Timing(300, 500)]
    # The first ends 50 ms after the first paint (50): no blocking; the second is short;
    # the third is cut at interactive (450): 150 ms, 100 past the threshold.
    assert blocking_time(tasks, 50, 450) == pytest.approx(100)


def test_layout_speed_index_weighs_each_layout_by_the_log_of_its_length() -> None:
    # 8 ms (weight 3) ending before the first paint counts at it (500); 4 ms (weight 2) at
    # 1004: (3 x 500 + 2 x 1004) / 5.
    assert layout_speed_index([Timing(0, 8), Timing(1000, 1004)], 500) == pytest.approx(701.6)
    assert layout_speed_index([], 500) == 500


def test_a_traced_run_gets_its_blocking_time_simulated_and_keeps_the_observed_one() -> None:
    run = phone_run(50, tbt_ms=300)
    # 50 ms of script after the first paint on the unthrottled load, 200 ms on the phone:
    # 150 ms past the threshold, between the first paint (600 optimistic, 600 pessimistic)
    # and the end of the task.
    task = traced(60, 50, needs_urls=(APP,), evaluates_urls=(APP,))
    simulated = with_simulation(run, [document(), script()], {}, [(50.0, 100.0)], [task])
    assert simulated.fcp_ms == pytest.approx(600)
    assert simulated.tbt_ms == pytest.approx(150)
    assert simulated.observed is not None
    assert simulated.observed["tbt_ms"] == 300
    assert simulated.conditions["network_throttling"]["main_thread"] == "trace"


def _event(name: str, ts: float, ph: str = "X", dur: float = 0, **data: Any) -> dict[str, Any]:
    return {
        "name": name,
        "ph": ph,
        "ts": ts,
        "dur": dur,
        "pid": 1,
        "tid": 1,
        "args": {"data": data},
    }


def test_the_trace_gives_each_task_what_it_ran_sent_and_drew() -> None:
    start = {"isLoadingMainFrame": True, "documentLoaderURL": f"{SITE}/"}
    events = [
        {"name": "thread_name", "ph": "M", "pid": 1, "tid": 1, "args": {"name": "CrRendererMain"}},
        _event("RunTask", 900_000, dur=5_000),  # before the navigation: left out
        {**_event("navigationStart", 1_000_000, ph="R"), "args": {"data": start}},
        {**_event("RunTask", 1_010_000, dur=30_000), "tdur": 12_000},
        _event("EvaluateScript", 1_011_000, dur=20_000, url=APP),
        _event("ResourceSendRequest", 1_015_000, ph="I", requestId="7"),
        _event("Layout", 1_035_000, dur=2_000),
        _event("RunTask", 1_100_000, dur=2_000),  # short, and nothing first in it: left out
        _event("RunTask", 1_200_000, dur=1_000),
        _event("Paint", 1_200_100, dur=500),  # the first paint: kept however short
    ]
    tasks = simulation_tasks(events)
    assert [(task.start_ms, task.duration_ms) for task in tasks] == [(1010, 30), (1200, 1)]
    first, second = tasks
    assert first.thread_ms == 12
    assert first.needs_urls == (APP,)
    assert first.evaluates_urls == (APP,)
    assert first.sends_requests == ("7",)
    assert first.layout
    assert not first.paint
    assert second.paint
    assert not second.layout
    assert all(task.traced for task in tasks)


def test_what_the_trace_caught_after_the_observation_is_no_task_of_the_page() -> None:
    # The render reads the page once the observation ends (its coverage, its scripts):
    # Lighthouse's trace has ended by then, so those tasks are not the page's.
    start = {"isLoadingMainFrame": True, "documentLoaderURL": f"{SITE}/"}
    events = [
        {"name": "thread_name", "ph": "M", "pid": 1, "tid": 1, "args": {"name": "CrRendererMain"}},
        {**_event("navigationStart", 1_000_000, ph="R"), "args": {"data": start}},
        _event("RunTask", 1_010_000, dur=30_000),
        _event("RunTask", 1_500_000, dur=60_000),  # the render's own, 500 ms in
    ]
    assert [task.start_ms for task in simulation_tasks(events)] == [1010, 1500]
    assert [task.start_ms for task in simulation_tasks(events, None, 400)] == [1010]


def test_trace_tasks_move_to_the_requests_clock() -> None:
    log = NetworkLog()
    log.on_request(
        {
            "requestId": "1",
            "request": {"url": f"{SITE}/", "initialPriority": "VeryHigh"},
            "type": "Document",
            "timestamp": 2.0,
            "initiator": {"type": "other"},
        }
    )
    assert log.on_its_clock([traced(2100, 10)]) == [traced(100, 10)]
    assert NetworkLog().on_its_clock([traced(2100, 10)]) == []


def test_the_throttle_the_load_ran_under_counts_once() -> None:
    # 400 ms under Chromium's 4x throttle (its thread time, 250, holds the throttle's
    # spinning as far as the machine let it run: not what is used) is 100 ms unthrottled,
    # 400 ms on the phone's CPU (4x), after the script's arrival at 750 ms: 1150.
    task = traced(45, 400, thread_ms=250, needs_urls=(APP,), evaluates_urls=(APP,), paint=True)
    observed = Observed(fcp_ms=445, lcp_ms=None, cpu_slowdown=4.0)
    simulated = simulate([document(), script()], [task], observed)
    assert simulated is not None
    assert simulated.fcp_ms == pytest.approx(1150)
    # The same 400 ms from an unthrottled load (as Lighthouse's): 1600 ms on the phone.
    link = Link(cpu_slowdown=4.0, traced_slowdown=1.0)
    unthrottled = simulate([document(), script()], [task], observed, link)
    assert unthrottled is not None
    assert unthrottled.fcp_ms == pytest.approx(2350)


def test_a_later_layout_before_the_first_paint_holds_neither_fcp_graph() -> None:
    # The document arrives at 600 ms; its first parse, layout and paint (1 ms unthrottled)
    # take 2 ms there. Another layout before the observed paint (100 ms unthrottled: 200 ms
    # on the phone, at half the slowdown) is in Lantern's pessimistic LCP graph, not its FCP
    # one.
    first = traced(25, 1, parses_html=True, layout=True, paint=True)
    later = traced(29, 100, layout=True)
    observed = Observed(fcp_ms=130, lcp_ms=None)
    simulated = simulate([document()], [first, later], observed)
    assert simulated is not None
    assert simulated.fcp_ms == pytest.approx(602)


def test_blocking_time_ends_at_each_sides_interactive() -> None:
    # The document arrives at 600 ms and the first paint follows (1 ms of layout: 2 ms).
    # Two tasks after it, on the unthrottled load: 100 ms (400 on the phone, 602-1002) and
    # 15 ms (60 on the phone, 1002-1062).
    paint = traced(25, 1, parses_html=True, layout=True, paint=True)
    long_one, short_one = traced(100, 100), traced(200, 15)
    observed = Observed(fcp_ms=30, lcp_ms=None)
    simulated = simulate([document()], [paint, long_one, short_one], observed)
    assert simulated is not None
    assert simulated.fcp_ms == pytest.approx(602)
    # Lantern's optimistic Interactive keeps no task of 20 ms or less unthrottled: it ends
    # with the long one (600-1000 there), whose 398 ms up to it block 348; the pessimistic
    # one ends with the short one (1062): 350 + 10. The mean: 354 (360 with one window).
    assert simulated.tbt_ms == pytest.approx(354)


def test_the_server_wait_of_an_origin_is_the_least_observed() -> None:
    slow = script(server_ms=300)
    quick = script(id="js2", url=f"{SITE}/b.js", server_ms=20)
    assert estimate_server_ms([slow, quick, document()]) == {SITE: 0}
    assert estimate_server_ms([slow, quick]) == {SITE: 20}


def test_a_video_downloading_before_the_largest_paint_does_not_hold_it() -> None:
    video = script(
        id="mp4",
        url=f"{SITE}/demo.mp4",
        resource_type="Media",
        priority="Low",
        transfer_bytes=300_000,
    )
    parse = traced(10, 1, parses_html=True)
    simulated = simulate([document(), video], [parse], Observed(fcp_ms=30, lcp_ms=60))
    assert simulated is not None
    # The document (600 ms) and the task that parsed it (1 ms unthrottled, 4 on the phone):
    # the video's 300 kB stream on long after, painting nothing.
    assert simulated.fcp_ms == pytest.approx(604)
    assert simulated.lcp_ms == pytest.approx(604)
    assert simulated.load_end_ms is not None
    assert simulated.load_end_ms > 2000
