"""A perceptual screenshot diff: how much of the page looks different, and where.

Pixels are not compared one by one: anti-aliasing, font hinting and a layout shifted by a
pixel change many pixels and nothing a person would notice. Both screenshots are scaled to
the same width (at most ``WORK_WIDTH`` pixels, which also bounds the work), blurred, and
compared in YCbCr (brightness and colour apart, closer to what the eye sees than RGB), each
pixel against the best match among its old neighbours. The picture is cut into square
cells; a cell changed when its mean difference passes a threshold. Where the heights
differ, the common area is compared and the rest counts as changed. The overlay is the new
screenshot with the changed cells tinted red and each changed region outlined.
"""

from __future__ import annotations

import functools
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from PIL import Image, ImageChops, ImageDraw, ImageFilter

from aura.history.document import VisualChange

#: The width compared, in pixels: wider screenshots are scaled down first.
WORK_WIDTH = 640
#: The side of a cell at the compared width, in pixels.
CELL = 8
#: Blur radius at the compared width: absorbs one-pixel shifts and anti-aliasing.
BLUR = 1.5
#: Mean difference (0-255, the largest of Y, Cb, Cr) above which a cell counts as changed:
#: text moved by one or two pixels stays under 22, a changed word passes 35.
THRESHOLD = 24
#: The moves (at the compared width) under which a pixel may find its old self.
SHIFTS = tuple((dx, dy) for dy in (0, -1, 1) for dx in (0, -1, 1))
TINT = (255, 0, 0, 80)
OUTLINE = (220, 0, 0, 255)

Cell = tuple[int, int]
Box = tuple[int, int, int, int]


@dataclass(frozen=True)
class Comparison:
    """The outcome at the compared width: changed cells of the common area, and the sizes."""

    width: int
    before_height: int
    after_height: int
    cells: frozenset[Cell]

    @property
    def common(self) -> int:
        return min(self.before_height, self.after_height)

    def cell_box(self, x: int, y: int) -> Box:
        """The cell's pixels at the compared size (the last row and column may be cut)."""
        return (
            x * CELL,
            y * CELL,
            min((x + 1) * CELL, self.width),
            min((y + 1) * CELL, self.common),
        )

    @property
    def changed_percent(self) -> float:
        changed = sum(
            (right - left) * (bottom - top)
            for left, top, right, bottom in (self.cell_box(x, y) for x, y in self.cells)
        )
        tallest = max(self.before_height, self.after_height)
        changed += self.width * (tallest - self.common)
        return min(100.0, round(100 * changed / (self.width * tallest), 2))


def _load(path: Path) -> Image.Image:
    with Image.open(path) as image:
        return image.convert("RGB")


def _prepared(image: Image.Image, width: int) -> Image.Image:
    """Scaled to ``width`` (same aspect), blurred, in YCbCr."""
    height = max(1, round(image.height * width / image.width))
    scaled = image.resize((width, height), Image.Resampling.BOX)
    return scaled.filter(ImageFilter.GaussianBlur(BLUR)).convert("YCbCr")


def _difference(old: Image.Image, new: Image.Image) -> Image.Image:
    """Per pixel, the largest difference of brightness (Y) or colour (Cb, Cr)."""
    y, cb, cr = ImageChops.difference(old, new).split()
    return ImageChops.lighter(ImageChops.lighter(y, cb), cr)


def compare_images(before: Image.Image, after: Image.Image) -> Comparison:
    width = min(WORK_WIDTH, after.width)
    old, new = _prepared(before, width), _prepared(after, width)
    common = min(old.height, new.height)
    current = new.crop((0, 0, width, common))
    # Each pixel keeps its smallest difference to the old picture moved by up to a pixel
    # either way, so that content shifted by a pixel matches itself. Where a move brings in
    # the padding beyond the edge, the unmoved comparison bounds the result.
    differences = (
        _difference(old.crop((-dx, -dy, width - dx, common - dy)), current) for dx, dy in SHIFTS
    )
    closest = functools.reduce(ImageChops.darker, differences)
    # reduce() averages each CELL x CELL block (the edge blocks over what they hold).
    means = closest.reduce(CELL)
    cells = frozenset(
        (x, y)
        for y in range(means.height)
        for x in range(means.width)
        if _number(means.getpixel((x, y))) > THRESHOLD
    )
    return Comparison(width, old.height, new.height, cells)


def _number(pixel: object) -> float:
    return float(pixel) if isinstance(pixel, int | float) else 0.0


def regions(cells: frozenset[Cell]) -> Iterator[Box]:
    """Bounding boxes, in cells (inclusive), of the groups of touching changed cells."""
    left = set(cells)
    while left:
        start = min(left)
        left.discard(start)
        stack = [start]
        x0, y0, x1, y1 = *start, *start
        while stack:
            x, y = stack.pop()
            x0, y0, x1, y1 = min(x0, x), min(y0, y), max(x1, x), max(y1, y)
            for neighbour in ((x + 1, y), (x - 1, y), (x, y + 1), (x, y - 1)):
                if neighbour in left:
                    left.discard(neighbour)
                    stack.append(neighbour)
        yield x0, y0, x1, y1


def _write_overlay(after: Image.Image, comparison: Comparison, overlay: Path) -> None:
    scale = after.width / comparison.width

    def real(box: Box) -> Box:
        left, top, right, bottom = (round(value * scale) for value in box)
        return left, top, max(left, right - 1), max(top, bottom - 1)

    layer = Image.new("RGBA", after.size, (0, 0, 0, 0))
    draw = ImageDraw.Draw(layer)
    outlines: list[Box] = []
    for x, y in comparison.cells:
        draw.rectangle(real(comparison.cell_box(x, y)), fill=TINT)
    for x0, y0, x1, y1 in regions(comparison.cells):
        left, top, _, _ = comparison.cell_box(x0, y0)
        _, _, right, bottom = comparison.cell_box(x1, y1)
        outlines.append(real((left, top, right, bottom)))
    if comparison.after_height > comparison.common:
        extra = real((0, comparison.common, comparison.width, comparison.after_height))
        draw.rectangle(extra, fill=TINT)
        outlines.append(extra)
    for box in outlines:
        draw.rectangle(box, outline=OUTLINE, width=2)
    marked = Image.alpha_composite(after.convert("RGBA"), layer).convert("RGB")
    overlay.parent.mkdir(parents=True, exist_ok=True)
    marked.save(overlay, format="PNG")


def compare_screenshots(before: Path, after: Path, overlay: Path) -> VisualChange:
    """Compare two screenshots; write the overlay PNG only when something changed.

    Raises OSError (PIL's UnidentifiedImageError among them) when a file is not an image.
    """
    old, new = _load(before), _load(after)
    unchanged = VisualChange(screenshot=after.name, changed_percent=0.0, overlay=None)
    if old.size == new.size and ImageChops.difference(old, new).getbbox() is None:
        return unchanged
    comparison = compare_images(old, new)
    if comparison.changed_percent <= 0:
        return unchanged
    _write_overlay(new, comparison, overlay)
    return VisualChange(
        screenshot=after.name, changed_percent=comparison.changed_percent, overlay=overlay.name
    )
