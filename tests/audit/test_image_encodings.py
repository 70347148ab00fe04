"""Re-encoding the page's images (the image-encodings gatherer), on real image bytes."""

from __future__ import annotations

import io
import os
import warnings
from types import SimpleNamespace

import pytest
from PIL import Image

from aura.audit.artifacts import Artifacts, ImageEncodings, Subresources
from aura.audit.gatherers import image_encodings
from aura.audit.gatherers.image_encodings import ImageEncodingsGatherer, encodable, reencode
from tests.audit.audit_builders import resource


def _encoded(image: Image.Image, encoding: str, **options: object) -> bytes:
    out = io.BytesIO()
    image.save(out, format=encoding, **options)
    return out.getvalue()


def _photo(width: int, height: int) -> Image.Image:
    """Smooth gradients with some grain: compresses like a photograph."""
    gradient = Image.linear_gradient("L").resize((width, height))
    grain = Image.frombytes("L", (width, height), os.urandom(width * height)).point(
        lambda value: value // 8
    )
    return Image.merge("RGB", (gradient, grain, gradient.rotate(90).resize((width, height))))


def test_a_png_photograph_is_far_smaller_as_webp() -> None:
    data = _encoded(_photo(400, 300), "PNG")
    measured = reencode("https://example.com/a.png", "png", data)
    assert measured.reason is None
    assert measured.bytes == len(data)
    assert measured.webp_bytes is not None
    assert measured.webp_bytes < len(data) / 2


def test_a_jpeg_saved_at_quality_100_shrinks_at_quality_92() -> None:
    data = _encoded(_photo(400, 300), "JPEG", quality=100)
    measured = reencode("https://example.com/a.jpg", "jpeg", data)
    assert measured.jpeg_bytes is not None
    assert measured.jpeg_bytes < len(data) * 0.8


def test_a_transparent_png_keeps_its_alpha_in_webp() -> None:
    image = _photo(200, 200).convert("RGBA")
    image.putalpha(128)
    measured = reencode("https://example.com/a.png", "png", _encoded(image, "PNG"))
    assert measured.webp_bytes is not None


def test_bytes_that_are_no_image_are_not_measured_with_the_reason() -> None:
    measured = reencode("https://example.com/a.png", "png", b"\x89PNG\r\n\x1a\n" + b"0" * 9000)
    assert measured.webp_bytes is None
    assert measured.reason is not None
    assert measured.reason.startswith("not decodable")


def test_the_largest_encodable_images_go_first_within_the_bounds() -> None:
    png = _encoded(_photo(300, 200), "PNG")
    webp = _encoded(_photo(300, 200), "WEBP")
    items = Subresources(
        (
            resource("https://example.com/small.png", "image", len(png), body=png),
            resource("https://example.com/big.png", "image", len(png) + 10, body=png + b"0" * 10),
            resource("https://example.com/a.webp", "image", len(webp), body=webp),
            resource("https://example.com/cut.png", "image", 3_000_000, body=png[:1000]),
            resource("https://example.com/tiny.png", "image", 100, body=png[:100]),
        )
    )
    found = [item.url for item, _kind in encodable(items)]
    assert found == ["https://example.com/big.png", "https://example.com/small.png"]


async def _gathered_from_two_pngs() -> ImageEncodings:
    """The gatherer's work on a page with two PNG photographs, b.png the larger."""
    png = _encoded(_photo(300, 200), "PNG")
    items = Subresources(
        (
            resource("https://example.com/a.png", "image", len(png), body=png),
            resource("https://example.com/b.png", "image", len(png) + 1, body=png + b"0"),
        )
    )
    context = SimpleNamespace(artifacts=Artifacts([items]))
    return await ImageEncodingsGatherer().gather(context)  # type: ignore[arg-type]


async def test_images_past_the_count_are_listed_with_the_reason(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(image_encodings, "MAX_IMAGES", 1)
    found = await _gathered_from_two_pngs()
    first, second = found.items
    assert first.url == "https://example.com/b.png"
    assert first.webp_bytes is not None
    assert second.webp_bytes is None
    assert second.reason == "only the 1 largest images are re-encoded"


async def test_images_whose_turn_comes_after_the_time_budget_are_listed_with_the_reason(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(image_encodings, "TIME_BUDGET_S", -1.0)  # spent before the first
    found = await _gathered_from_two_pngs()
    assert [item.url for item in found.items] == [
        "https://example.com/b.png",
        "https://example.com/a.png",
    ]
    for item in found.items:
        assert item.webp_bytes is None
        assert item.reason == "the -1 s re-encoding budget was spent"


def test_a_palette_png_with_transparency_is_measured_without_a_warning() -> None:
    """A palette image whose transparency is a byte string (tRNS) is re-encoded through RGBA:
    Pillow warns on the way straight to RGB, which `aura analyze` printed to the terminal."""
    palette = _photo(200, 150).quantize(colors=64)
    data = _encoded(palette, "PNG", transparency=bytes([0, 128] + [255] * 62))
    assert isinstance(Image.open(io.BytesIO(data)).info.get("transparency"), bytes)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        measured = reencode("https://example.com/p.png", "png", data)
    assert measured.reason is None
    assert measured.webp_bytes is not None


def test_only_jpeg_and_bmp_images_are_measured_as_jpeg() -> None:
    """The JPEG size is what JPEG and BMP images are judged on; a PNG is judged on its WebP
    size alone, and its JPEG size is not measured."""
    photo = _photo(300, 200)
    png = reencode("https://example.com/a.png", "png", _encoded(photo, "PNG"))
    bmp = reencode("https://example.com/a.bmp", "bmp", _encoded(photo, "BMP"))
    assert png.webp_bytes is not None
    assert png.jpeg_bytes is None
    assert bmp.webp_bytes is not None
    assert bmp.jpeg_bytes is not None
    # Saved again at quality 92, an uncompressed bitmap shrinks to a small part of itself.
    assert bmp.jpeg_bytes < bmp.bytes / 4
