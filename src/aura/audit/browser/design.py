"""Design facts of the rendered page: screenshot colours and the computed styles in use."""

from __future__ import annotations

import colorsys
import io
import re
import struct
from collections import Counter
from collections.abc import Sequence
from typing import Any

from PIL import Image

from aura.audit.browser.artifacts import RenderedDesign, TextStyle
from aura.audit.css import GENERIC_FAMILIES, first_family

_RGB = re.compile(r"rgba?\(\s*([\d.]+)[,\s]+([\d.]+)[,\s]+([\d.]+)(?:\s*[,/]\s*([\d.]+%?))?\s*\)")


def css_color_hex(value: str | None) -> str | None:
    """``rgb(…)``/``rgba(…)`` as ``#rrggbb``; None for transparent or unknown values."""
    match = _RGB.fullmatch((value or "").strip())
    if match is None:
        return None
    red, green, blue, alpha = match.groups()
    if alpha is not None:
        opacity = float(alpha[:-1]) / 100 if alpha.endswith("%") else float(alpha)
        if opacity < 0.5:
            return None
    channels = (round(min(255.0, float(part))) for part in (red, green, blue))
    return "#" + "".join(f"{channel:02x}" for channel in channels)


def is_saturated(hex_color: str) -> bool:
    """A colour with a hue (not grey, not near-black, not near-white)."""
    red, green, blue = (int(hex_color[i : i + 2], 16) / 255 for i in (1, 3, 5))
    _hue, lightness, saturation = colorsys.rgb_to_hls(red, green, blue)
    return saturation >= 0.25 and 0.12 <= lightness <= 0.92


def png_size(png: bytes) -> tuple[int, int]:
    """Width and height from a PNG's header (raises ValueError if it is not a PNG)."""
    if png[:8] != b"\x89PNG\r\n\x1a\n" or png[12:16] != b"IHDR":
        raise ValueError("not a PNG image")
    width, height = struct.unpack(">II", png[16:24])
    return int(width), int(height)


def dominant_colors(png: bytes, count: int = 6) -> tuple[tuple[str, float], ...]:
    """The ``count`` colours covering most of the image, with their share (0..1)."""
    with Image.open(io.BytesIO(png)) as image:
        small = image.convert("RGB")
        small.thumbnail((160, 160))
    quantized = small.quantize(colors=count, method=Image.Quantize.MEDIANCUT)
    palette = quantized.getpalette() or []
    counts = quantized.getcolors() or []
    total = sum(amount for amount, _index in counts) or 1
    ranked: list[tuple[str, float]] = []
    for amount, index in sorted(counts, key=lambda pair: -pair[0]):
        assert isinstance(index, int)
        red, green, blue = palette[index * 3 : index * 3 + 3]
        ranked.append((f"#{red:02x}{green:02x}{blue:02x}", round(amount / total, 3)))
    return tuple(ranked)


def _most_common(values: Sequence[Any]) -> Any:
    present = [value for value in values if value not in (None, "")]
    return Counter(present).most_common(1)[0][0] if present else None


def text_style(rows: Sequence[Sequence[Any]]) -> TextStyle:
    """The most common computed values of a group of ``[color, background, font…]`` rows."""
    if not rows:
        return TextStyle()
    size = _most_common([row[3] for row in rows])
    return TextStyle(
        color=_most_common([css_color_hex(row[0]) for row in rows]),
        background=_most_common([css_color_hex(row[1]) for row in rows]),
        font_family=_most_common([first_family(row[2]) for row in rows]),
        font_size_px=float(str(size).removesuffix("px")) if size else None,
        font_weight=_most_common([str(row[4]) for row in rows]),
        count=len(rows),
    )


def rendered_design(
    styles: dict[str, Any], dominant: tuple[tuple[str, float], ...]
) -> RenderedDesign:
    groups = {
        name: list(styles.get(name) or []) for name in ("headings", "body", "buttons", "links")
    }
    saturated: Counter[str] = Counter()
    # Button backgrounds say the most about a brand, then link and heading colours.
    for name, column, weight in (
        ("buttons", 1, 3),
        ("buttons", 0, 1),
        ("links", 0, 2),
        ("headings", 0, 1),
    ):
        for row in groups[name]:
            color = css_color_hex(row[column])
            if color is not None and is_saturated(color):
                saturated[color] += weight
    page = styles.get("page") or []
    background = next((hex_ for hex_ in map(css_color_hex, page) if hex_ is not None), None)
    body_rows = groups["body"] or ([styles["bodyText"]] if styles.get("bodyText") else [])
    styles_by_group = {name: text_style(rows) for name, rows in groups.items()}
    body_style = text_style(body_rows)
    text_fonts, text_colors, system_font = _text_weights(styles.get("text") or [])
    return RenderedDesign(
        dominant_colors=dominant,
        headings=styles_by_group["headings"],
        body=body_style,
        buttons=styles_by_group["buttons"],
        links=styles_by_group["links"],
        page_background=background or "#ffffff",
        brand_colors=tuple(color for color, _ in saturated.most_common(5)),
        fonts=tuple(family for family, _chars in text_fonts),
        text_fonts=text_fonts,
        text_colors=text_colors,
        surface_colors=_surfaces(styles.get("surfaces") or []),
        system_font=system_font,
        unloaded_fonts=_unloaded(styles.get("fontStatus") or []),
    )


def _text_weights(
    rows: Sequence[Sequence[Any]],
) -> tuple[tuple[tuple[str, int], ...], tuple[tuple[str, int], ...], bool]:
    """Characters per text font and per text colour, from ``[stack, colour, chars]`` rows."""
    fonts: Counter[str] = Counter()
    colors: Counter[str] = Counter()
    system_font = False
    for row in rows:
        if len(row) < 3 or not isinstance(row[2], int | float):
            continue
        stack, color, chars = str(row[0]), row[1], int(row[2])
        family = first_family(stack)
        if family is not None:
            fonts[family] += chars
        elif stack.split(",", 1)[0].strip().strip("\"'").lower() in GENERIC_FAMILIES:
            system_font = True
        hex_color = css_color_hex(color)
        if hex_color is not None:
            colors[hex_color] += chars
    return tuple(fonts.most_common()), tuple(colors.most_common()), system_font


def _surfaces(rows: Sequence[Sequence[Any]]) -> tuple[tuple[str, float], ...]:
    areas: dict[str, float] = {}
    for row in rows:
        if len(row) < 2 or not isinstance(row[1], int | float):
            continue
        hex_color = css_color_hex(row[0])
        if hex_color is not None:
            areas[hex_color] = areas.get(hex_color, 0.0) + float(row[1])
    ranked = sorted(areas.items(), key=lambda pair: -pair[1])
    return tuple((color, float(round(area))) for color, area in ranked)


def _unloaded(rows: Sequence[Sequence[Any]]) -> tuple[str, ...]:
    failed = [str(row[0]).strip("\"'") for row in rows if len(row) >= 2 and row[1] == "error"]
    loaded = {str(row[0]).strip("\"'") for row in rows if len(row) >= 2 and row[1] == "loaded"}
    return tuple(dict.fromkeys(family for family in failed if family not in loaded))
