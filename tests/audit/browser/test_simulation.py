"""The slow 4G simulation on hand-built loads: the expected times are worked out by hand from
the model (150 ms round trips, 1.6 Mbps, 14,600 bytes in the first congestion window)."""

from __future__ import annotations

from dataclasses import replace

import pytest

from aura.audit.browser.artifacts import ProfileRun
from aura.audit.browser.profiles import MOBILE
from aura.audit.browser.simulation import (
    Observed,
    Request,
    Task,
    simulate,
    warped_speed_index,
    with_simulation,
)

SITE = "http://shop.test"


def phone_run(paint_ms: float | None, tbt_ms: float | None = None) -> ProfileRun:
    """An unthrottled phone load whose first, largest and visually complete paints all came
    at ``paint_ms``, to be simulated."""
    return ProfileRun(
        profile="mobile",
        conditions=MOBILE.stated(cpu_simulated=True),
        fcp_ms=paint_ms,
        lcp_ms=paint_ms,
        speed_index_ms=paint_ms,
        tbt_ms=tbt_ms,
    )


def document(size: int = 10_000, url: str = f"{SITE}/") -> Request:
    return Request(
        id="doc",
        url=url,
        resource_type="Document",
        priority="VeryHigh",
        start_ms=0,
        end_ms=20,
        transfer_bytes=size,
        server_ms=0,
        main_document=True,
    )


def stylesheet(size: int = 20_000) -> Request:
    return Request(
        id="css",
        url=f"{SITE}/site.css",
        resource_type="Stylesheet",
        priority="VeryHigh",
        start_ms=25,
        end_ms=50,
        transfer_bytes=size,
        initiator_urls=(f"{SITE}/",),
        server_ms=0,
    )


def test_one_document_and_its_stylesheet_paint_after_both_arrive() -> None:
    # The document: DNS (2 RTT, 300) + handshake and request (3 one-way trips, 225) + server
    # (0) + the response's way back (75) = 600 ms; its 10 kB come in the first window.
    # The stylesheet, on the warm connection: request 75 + answer 75 = 150 ms, 14,600 bytes,
    # then one more round trip (150) for the remaining 5,400: it ends at 900 ms.
    observed = Observed(fcp_ms=80, lcp_ms=80)
    simulated = simulate([document(), stylesheet()], [], observed)
    assert simulated is not None
    assert simulated.fcp_ms == pytest.approx(900)
    assert simulated.lcp_ms == pytest.approx(900)


def test_https_costs_the_tls_round_trip_once() -> None:
    observed = Observed(fcp_ms=50, lcp_ms=None)
    page = document(url="https://shop.test/")
    css = Request(**{**vars(stylesheet()), "url": "https://shop.test/site.css"})
    css = Request(**{**vars(css), "initiator_urls": ("https://shop.test/",)})
    simulated = simulate([page, css], [], observed)
    assert simulated is not None
    # 900 ms as over http, plus one TLS round trip for the new connection.
    assert simulated.fcp_ms == pytest.approx(1050)
    assert simulated.lcp_ms is None


def test_a_larger_stylesheet_needs_more_round_trips_as_the_window_grows() -> None:
    # 100 kB: 14,600 with the first byte, then windows of 20 and 21 segments (the link's
    # 30,720 bytes a round trip cap it): 14,600 + 29,200 + 30,660 + 30,660 > 100,000 after
    # three more round trips: 600 + 150 + 3 x 150 = 1200 ms.
    simulated = simulate([document(), stylesheet(100_000)], [], Observed(50, None))
    assert simulated is not None
    assert simulated.fcp_ms == pytest.approx(1200)


def test_a_main_thread_task_before_the_paint_delays_it() -> None:
    script = Request(
        id="js",
        url=f"{SITE}/app.js",
        resource_type="Script",
        priority="High",
        start_ms=25,
        end_ms=40,
        transfer_bytes=5_000,
        initiator_urls=(f"{SITE}/",),
        server_ms=0,
    )
    # The script arrives at 750 ms (warm connection, one window), then runs 400 ms on the
    # unthrottled load, 1600 ms on the phone's CPU, 4 times slower; the paint came right
    # after the task when observed.
    task = Task(start_ms=45, duration_ms=400)
    simulated = simulate([document(), script], [task], Observed(fcp_ms=445, lcp_ms=445))
    assert simulated is not None
    assert simulated.fcp_ms == pytest.approx(750 + 1600)
    # The same task observed under Chromium's 4x throttle (a recorded older load) lasted
    # 100 ms unthrottled: 400 on the phone.
    throttled = Observed(fcp_ms=445, lcp_ms=445, cpu_slowdown=4.0)
    simulated = simulate([document(), script], [task], throttled)
    assert simulated is not None
    assert simulated.fcp_ms == pytest.approx(750 + 400)


def test_the_long_tasks_of_an_unthrottled_load_block_four_times_as_long_on_the_phone() -> None:
    # Without a trace: a long task of 100 ms after the first paint, on the unthrottled
    # load, lasts 400 ms on the phone (from 600, the document's end): 350 ms past 50 ms.
    # Its observed blocking time (50 ms) is not the phone's.
    run = phone_run(30, tbt_ms=50)
    simulated = with_simulation(run, [document()], {"longTasks": [[35, 100]]}, [(30.0, 100.0)])
    assert simulated.tbt_ms == pytest.approx(350)
    assert simulated.observed is not None
    assert simulated.observed["tbt_ms"] == 50
    assert simulated.conditions["cpu_throttling"] == {"method": "simulated", "load_slowdown": 1.0}


def test_an_offscreen_image_counts_only_in_the_pessimistic_largest_paint() -> None:
    image = Request(
        id="img",
        url=f"{SITE}/footer.png",
        resource_type="Image",
        priority="Low",
        start_ms=25,
        end_ms=60,
        transfer_bytes=10_000,
        initiator_urls=(f"{SITE}/",),
        server_ms=0,
    )
    simulated = simulate([document(), image], [], Observed(fcp_ms=30, lcp_ms=60))
    assert simulated is not None
    # Optimistic: the document alone (600); pessimistic: the image too (600 + 150). The
    # estimate is their mean.
    assert simulated.fcp_ms == pytest.approx(600)
    assert simulated.lcp_ms == pytest.approx((600 + 750) / 2)


def test_two_transfers_share_the_link() -> None:
    big = [
        Request(
            id=name,
            url=f"{SITE}/{name}.css",
            resource_type="Stylesheet",
            priority="VeryHigh",
            start_ms=25,
            end_ms=50,
            transfer_bytes=300_000,
            initiator_urls=(f"{SITE}/",),
            server_ms=0,
        )
        for name in ("one", "two")
    ]
    alone = simulate([document(), big[0]], [], Observed(60, None))
    shared = simulate([document(), *big], [], Observed(60, None))
    assert alone is not None
    assert shared is not None
    # 600 kB at 1.6 Mbps take at least three seconds, whatever the connections.
    assert shared.fcp_ms is not None
    assert alone.fcp_ms is not None
    assert shared.fcp_ms > alone.fcp_ms + 1000
    assert shared.fcp_ms >= 600 + 600_000 * 8 / (1.6 * 1024 * 1024) * 1000


def test_no_main_document_means_no_simulation() -> None:
    assert simulate([stylesheet()], [], Observed(50, 50)) is None
    assert simulate([document()], [], Observed(None, None)) is None


def test_speed_index_weighs_the_unthrottled_one_and_the_filmstrip_as_lantern_does() -> None:
    # Observed unthrottled: first paint at 50 ms (a tenth of the screen), the rest at
    # 3000 ms, Speed Index 2000 ms. Simulated, the first paint comes at 900 ms; the
    # filmstrip moved by 850 ms gives 900 + 2950 x 0.9 = 3555 ms. Lantern's weights:
    # 1.4 x 2000 + 0.4 x 3555.
    observed = Observed(50, None, ((50.0, 10.0), (3000.0, 100.0)), 2000)
    simulated = simulate([document(), stylesheet()], [], observed)
    assert simulated is not None
    assert simulated.fcp_ms == pytest.approx(900)
    assert simulated.speed_index_ms == pytest.approx(1.4 * 2000 + 0.4 * 3555)
    # Observed under Chromium's 4x throttle (a recorded older load), the unthrottled
    # Speed Index is taken as a quarter of it.
    throttled = simulate([document(), stylesheet()], [], replace(observed, cpu_slowdown=4.0))
    assert throttled is not None
    assert throttled.speed_index_ms == pytest.approx(1.4 * 500 + 0.4 * 3555)


def test_the_filmstrip_keeps_its_shape_on_the_simulated_clock() -> None:
    # Half the screen at 100 ms, all at 200 ms, observed; on the simulated clock the first
    # paint (100 ms) is at 1000 ms and everything after it 1 ms for 1 ms.
    progress = [(100.0, 50.0), (200.0, 100.0)]
    assert warped_speed_index(progress, [(0, 0), (100, 1000)]) == pytest.approx(1050)


def test_a_simulated_run_says_so_and_keeps_what_it_observed() -> None:
    run = phone_run(50, tbt_ms=0)
    lab = {"longTasks": []}
    simulated = with_simulation(run, [document(), stylesheet()], lab, [(50.0, 100.0)])
    assert simulated.fcp_ms == pytest.approx(900)
    # Never before the first paint.
    assert simulated.speed_index_ms == pytest.approx(900)
    assert simulated.tbt_ms == 0
    assert simulated.observed == {"fcp_ms": 50, "lcp_ms": 50, "speed_index_ms": 50, "tbt_ms": 0}
    assert simulated.conditions["network_throttling"]["method"] == "simulated"
    assert simulated.conditions["network_throttling"]["main_thread"] == "long tasks"
    assert simulated.conditions["cpu_slowdown"] == 4.0
    assert simulated.conditions["cpu_throttling"]["method"] == "simulated"
    assert "Lantern" in simulated.conditions["method"]


def test_a_load_that_cannot_be_simulated_says_its_cpu_was_not_the_phones_either() -> None:
    run = phone_run(None)
    kept = with_simulation(run, [document()], {"longTasks": []}, [])
    assert kept.conditions["network_throttling"]["method"] == "none"
    assert kept.conditions["cpu_throttling"]["method"] == "none"
