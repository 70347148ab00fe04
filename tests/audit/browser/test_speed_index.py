"""Speed Index from frames of a load (no browser: the frames are drawn here)."""

from __future__ import annotations

import io

from PIL import Image, ImageDraw

from aura.audit.browser.speed_index import (
    Frame,
    histogram,
    progress,
    progress_curve,
    speed_index,
)

WIDTH, HEIGHT = 100, 200


def frame(at_ms: float, filled_rows: int, colour: tuple[int, int, int] = (20, 60, 200)) -> Frame:
    """A white viewport whose top ``filled_rows`` rows are painted."""
    image = Image.new("RGB", (WIDTH, HEIGHT), (255, 255, 255))
    if filled_rows:
        ImageDraw.Draw(image).rectangle((0, 0, WIDTH - 1, filled_rows - 1), fill=colour)
    out = io.BytesIO()
    image.save(out, format="PNG")
    return Frame(at_ms, out.getvalue())


def test_a_page_shown_at_once_has_the_time_it_was_shown() -> None:
    assert speed_index([frame(1000, HEIGHT)]) == 1000


def test_a_page_filling_in_counts_what_was_still_missing() -> None:
    # Half the screen at 500 ms, all of it at 1500 ms: 500 x 1 + 1000 x 0.5.
    frames = [frame(500, HEIGHT // 2), frame(1500, HEIGHT)]

    assert speed_index(frames) == 1000


def test_white_pixels_are_blank_page_and_do_not_count_as_progress() -> None:
    blank = histogram(frame(0, 0).image)
    half = histogram(frame(0, HEIGHT // 2).image)
    full = histogram(frame(0, HEIGHT).image)

    assert progress(blank, blank, full) == 0
    assert progress(half, blank, full) == 50
    assert progress(full, blank, full) == 100


def test_frames_before_navigation_and_no_frames_give_nothing_to_measure() -> None:
    assert speed_index([]) is None
    assert speed_index([frame(-20, HEIGHT)]) is None


def test_histograms_read_while_the_page_settled_give_the_same_curve() -> None:
    """The render reads the frames' histograms while it waits for the page to settle and
    hands them over: the curve is the one computed from the frames alone, and the
    histograms handed over are the ones used."""
    frames = [frame(300, HEIGHT // 4), frame(700, HEIGHT // 2), frame(1500, HEIGHT)]
    alone = progress_curve(frames)
    known = {f.image: histogram(f.image) for f in frames[:2]}
    assert progress_curve(frames, known) == alone == [(300, 25), (700, 50), (1500, 100)]
    # A histogram handed over is taken as it is, not computed again.
    known[frames[0].image] = histogram(frames[1].image)
    assert progress_curve(frames, known)[0] == (300, 50)
