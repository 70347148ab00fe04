"""Speed Index from the frames of a page load, measured the way Lighthouse's speedline does.

The browser sends a frame of the viewport each time what it shows changes (a screencast
during the load). Each frame's *visual progress* compares colour histograms: how far the
frame's histogram has moved from a blank (white) page towards the final frame's, per
channel and bin, pixels that are (nearly) white left out. Speed Index is the area above the
progress curve: the integral over time of (1 - progress), from navigation start to the
last frame: each interval between frames times the share still missing during it. A page
that shows everything at 1 s has a Speed Index of 1000 ms; one that shows half of it at
0.5 s and the rest at 2 s has 500 * 1 + 1500 * 0.5 = 1250 ms.
"""

from __future__ import annotations

import io
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from PIL import Image, ImageChops

#: A pixel whose three channels are all at least this bright counts as blank page.
WHITE = 249
#: Frames kept for one load: the first screens matter most, and a page animating for the
#: whole observation would otherwise cost a decode per frame.
MAX_FRAMES = 120

Histogram = tuple[tuple[int, ...], tuple[int, ...], tuple[int, ...]]


@dataclass(frozen=True)
class Frame:
    """One screencast frame: when it was shown (ms after navigation start) and its image."""

    at_ms: float
    image: bytes


def histogram(image: bytes) -> Histogram:
    """Per-channel (R, G, B) histograms of the image, nearly-white pixels left out."""
    with Image.open(io.BytesIO(image)) as opened:
        rgb = opened.convert("RGB")
    # A mask of the pixels with at least one channel below WHITE.
    red, green, blue = (
        channel.point(lambda value: 255 if value < WHITE else 0) for channel in rgb.split()
    )
    mask = ImageChops.lighter(ImageChops.lighter(red, green), blue)
    counts = rgb.histogram(mask=mask)
    return (tuple(counts[0:256]), tuple(counts[256:512]), tuple(counts[512:768]))


def progress(current: Histogram, initial: Histogram, target: Histogram) -> float:
    """Visual progress of ``current`` between ``initial`` and ``target``, 0-100 (whole
    percent, rounded down as speedline does)."""
    matched = total = 0
    for channel in range(3):
        for now, start, end in zip(
            current[channel], initial[channel], target[channel], strict=True
        ):
            wanted = abs(end - start)
            matched += min(abs(now - start), wanted)
            total += wanted
    if total == 0:
        return 100.0
    return float(100 * matched // total)


def progress_curve(
    frames: Sequence[Frame], known: Mapping[bytes, Histogram] | None = None
) -> list[tuple[float, float]]:
    """The visual progress (0-100) of each frame shown, in time order: (ms, progress).

    The load starts blank (white) at 0 ms; the last frame is the visually complete page.
    ``known``: histograms already computed, by image (those of frames taken earlier)."""
    shown = [frame for frame in frames if frame.at_ms >= 0]
    if not shown:
        return []
    if len(shown) > MAX_FRAMES:
        shown = [*shown[: MAX_FRAMES - 1], shown[-1]]
    computed = known or {}

    def of(frame: Frame) -> Histogram:
        found = computed.get(frame.image)
        return found if found is not None else histogram(frame.image)

    target = of(shown[-1])
    # The blank page's histogram: every pixel white, so nothing is counted.
    initial: Histogram = ((0,) * 256, (0,) * 256, (0,) * 256)
    return [
        (
            frame.at_ms,
            100.0 if frame is shown[-1] else progress(of(frame), initial, target),
        )
        for frame in shown
    ]


def area_above(curve: Sequence[tuple[float, float]]) -> float | None:
    """Speed Index (ms) of a progress curve: the area above it, from 0 ms to its last point."""
    if not curve:
        return None
    total = 0.0
    previous_at, previous_progress = 0.0, 0.0
    for at, value in curve:
        total += (at - previous_at) * (1 - previous_progress / 100)
        previous_at, previous_progress = at, value
    return round(total, 1)


def speed_index(frames: Sequence[Frame]) -> float | None:
    """Speed Index (ms) of a load from its frames, in time order; None without frames."""
    return area_above(progress_curve(frames))
