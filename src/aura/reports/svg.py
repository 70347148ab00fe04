"""Charts as inline SVG: no script, no external reference, readable on paper."""

from __future__ import annotations

from dataclasses import dataclass
from html import escape

#: Shown where there is no value (an en dash).
MISSING = "\u2013"
BAR_HEIGHT = 22
GAP = 6


@dataclass(frozen=True)
class Bar:
    label: str
    value: float | None
    highlight: bool = False
    note: str = ""


def band(score: float | None) -> str:
    """The colour class of a 0-100 score, as Lighthouse draws them."""
    if score is None:
        return "none"
    if score >= 90:
        return "good"
    if score >= 50:
        return "average"
    return "poor"


def bar_chart(bars: list[Bar], *, label_width: int = 220, width: int = 640, title: str) -> str:
    """Horizontal bars on a 0-100 scale, one per row; ``highlight`` outlines a bar."""
    chart_width = width - label_width - 60
    height = len(bars) * (BAR_HEIGHT + GAP) + GAP
    parts = [
        f'<svg class="chart" role="img" aria-label="{escape(title)}" '
        f'viewBox="0 0 {width} {height}" width="100%">',
        f"<title>{escape(title)}</title>",
    ]
    for index, bar in enumerate(bars):
        y = GAP + index * (BAR_HEIGHT + GAP)
        middle = y + BAR_HEIGHT / 2 + 4
        value = max(0.0, min(100.0, bar.value or 0.0))
        length = round(chart_width * value / 100, 1)
        outline = ' stroke="#1f2937" stroke-width="2"' if bar.highlight else ""
        label = bar.label if len(bar.label) <= 34 else bar.label[:33] + "…"
        parts.append(
            f'<text x="{label_width - 8}" y="{middle}" text-anchor="end" class="axis">'
            f"{escape(label)}</text>"
        )
        parts.append(
            f'<rect x="{label_width}" y="{y}" width="{chart_width}" height="{BAR_HEIGHT}" '
            'class="track" rx="3"/>'
        )
        if bar.value is not None:
            parts.append(
                f'<rect x="{label_width}" y="{y}" width="{length}" height="{BAR_HEIGHT}" '
                f'class="bar {band(bar.value)}" rx="3"{outline}/>'
            )
        shown = MISSING if bar.value is None else f"{bar.value:g}"
        parts.append(
            f'<text x="{label_width + chart_width + 8}" y="{middle}" class="value">'
            f"{escape(shown + bar.note)}</text>"
        )
    parts.append("</svg>")
    return "".join(parts)


def score_ring(score: float | None, *, size: int = 64) -> str:
    """A gauge of one 0-100 score."""
    radius = size / 2 - 5
    circumference = 2 * 3.14159265 * radius
    value = max(0.0, min(100.0, score or 0.0))
    dash = round(circumference * value / 100, 2)
    center = size / 2
    shown = MISSING if score is None else f"{score:g}"
    return (
        f'<svg class="ring" viewBox="0 0 {size} {size}" width="{size}" height="{size}" '
        f'role="img" aria-label="score {escape(shown)}">'
        f'<circle cx="{center}" cy="{center}" r="{radius}" class="ring-track"/>'
        f'<circle cx="{center}" cy="{center}" r="{radius}" class="ring-value {band(score)}" '
        f'stroke-dasharray="{dash} {round(circumference, 2)}" '
        f'transform="rotate(-90 {center} {center})"/>'
        f'<text x="{center}" y="{center + 6}" text-anchor="middle" class="ring-text">'
        f"{escape(shown)}</text></svg>"
    )


def swatches(colors: list[str], *, size: int = 22) -> str:
    """Colour chips; only colours already checked as safe CSS values are passed in."""
    if not colors:
        return ""
    width = len(colors) * (size + 4)
    chips = "".join(
        f'<rect x="{index * (size + 4)}" y="0" width="{size}" height="{size}" rx="4" '
        f'fill="{escape(color)}" stroke="#9ca3af"><title>{escape(color)}</title></rect>'
        for index, color in enumerate(colors)
    )
    return (
        f'<svg class="swatches" viewBox="0 0 {width} {size}" width="{width}" height="{size}" '
        f'role="img" aria-label="palette">{chips}</svg>'
    )
