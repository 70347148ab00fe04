"""Intrinsic image dimensions read from the first bytes of PNG, GIF, JPEG, WebP and SVG."""

from __future__ import annotations

import re
import struct

_SVG_ROOT = re.compile(rb"<svg\b[^>]*>", re.I | re.S)
_SVG_ATTR = re.compile(rb"""\b(width|height|viewBox)\s*=\s*["']([^"']*)["']""", re.I)
_LENGTH = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*(px)?\s*$")

#: Formats Lighthouse calls "modern": smaller at the same quality than JPEG/PNG/GIF.
MODERN_FORMATS = frozenset({"webp", "avif", "svg", "jxl"})


def image_format(data: bytes, content_type: str = "") -> str | None:
    """The image format from magic bytes, falling back to the declared type."""
    if data.startswith(b"\x89PNG\r\n\x1a\n"):
        return "png"
    if data[:6] in (b"GIF87a", b"GIF89a"):
        return "gif"
    if data.startswith(b"\xff\xd8"):
        return "jpeg"
    if data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        return "webp"
    if data[4:12] in (b"ftypavif", b"ftypavis"):
        return "avif"
    if _SVG_ROOT.search(data[:4096]):
        return "svg"
    declared = content_type.split(";", 1)[0].strip().lower()
    if declared.startswith("image/"):
        subtype = declared.removeprefix("image/")
        return {"svg+xml": "svg", "jpg": "jpeg", "x-icon": "ico"}.get(subtype, subtype)
    return None


def image_size(data: bytes) -> tuple[int, int] | None:
    """(width, height) in pixels, or None when the format or header is not understood."""
    try:
        return _size(data)
    except (struct.error, IndexError, ValueError):
        return None


def _size(data: bytes) -> tuple[int, int] | None:
    kind = image_format(data)
    if kind == "png" and data[12:16] == b"IHDR":
        width, height = struct.unpack(">II", data[16:24])
        return int(width), int(height)
    if kind == "gif":
        width, height = struct.unpack("<HH", data[6:10])
        return int(width), int(height)
    if kind == "jpeg":
        return _jpeg_size(data)
    if kind == "webp":
        return _webp_size(data)
    if kind == "svg":
        return _svg_size(data)
    return None


def _jpeg_size(data: bytes) -> tuple[int, int] | None:
    index = 2
    while index + 9 < len(data):
        if data[index] != 0xFF:
            index += 1
            continue
        marker = data[index + 1]
        if marker in (0xD8, 0x01) or 0xD0 <= marker <= 0xD7 or marker == 0xFF:
            index += 1 if marker == 0xFF else 2
            continue
        (length,) = struct.unpack(">H", data[index + 2 : index + 4])
        # SOF0..SOF15 carry the frame size, except DHT (C4), JPG (C8) and DAC (CC).
        if 0xC0 <= marker <= 0xCF and marker not in (0xC4, 0xC8, 0xCC):
            height, width = struct.unpack(">HH", data[index + 5 : index + 9])
            return int(width), int(height)
        index += 2 + length
    return None


def _webp_size(data: bytes) -> tuple[int, int] | None:
    chunk = data[12:16]
    if chunk == b"VP8 ":
        width, height = struct.unpack("<HH", data[26:30])
        return int(width) & 0x3FFF, int(height) & 0x3FFF
    if chunk == b"VP8L":
        bits = int.from_bytes(data[21:25], "little")
        return (bits & 0x3FFF) + 1, ((bits >> 14) & 0x3FFF) + 1
    if chunk == b"VP8X":
        width = int.from_bytes(data[24:27], "little") + 1
        height = int.from_bytes(data[27:30], "little") + 1
        return width, height
    return None


def _svg_size(data: bytes) -> tuple[int, int] | None:
    root = _SVG_ROOT.search(data[:4096])
    if root is None:
        return None
    attributes = {
        name.decode().lower(): value.decode("utf-8", "replace")
        for name, value in _SVG_ATTR.findall(root.group(0))
    }
    width, height = _length(attributes.get("width")), _length(attributes.get("height"))
    if width and height:
        return round(width), round(height)
    box = (attributes.get("viewbox") or "").replace(",", " ").split()
    if len(box) == 4:
        box_width, box_height = _pixels(box[2]), _pixels(box[3])
        if box_width and box_height:
            return round(box_width), round(box_height)
    return None


#: Larger than any real image; a page's "1e999" or a 400-digit width is no size at all.
MAX_PIXELS = 1_000_000.0


def _pixels(text: str) -> float | None:
    """A number of pixels written by a page, or None when it is not a plausible one
    (not a number, infinite, NaN, negative or absurdly large)."""
    try:
        value = float(text)
    except ValueError:
        return None
    return value if 0 <= value <= MAX_PIXELS else None  # NaN fails both comparisons


def _length(value: str | None) -> float | None:
    match = _LENGTH.match(value or "")
    return _pixels(match.group(1)) if match else None


_STYLE_PX = re.compile(r"(?:^|;)\s*(width|height)\s*:\s*(\d+(?:\.\d+)?)px", re.I)


def declared_size(attributes: dict[str, str | None]) -> tuple[float | None, float | None]:
    """The width and height an ``<img>`` is displayed at, from its attributes or inline style.

    Pixel values only: percentages and CSS from stylesheets need a browser (issue #5).
    """
    width = _length(attributes.get("width"))
    height = _length(attributes.get("height"))
    for name, value in _STYLE_PX.findall(attributes.get("style") or ""):
        if name.lower() == "width":
            width = float(value)
        else:
            height = float(value)
    return width, height
