"""The page's images re-encoded, to measure what a better encoding would save.

As Lighthouse does (its OptimizedImages gatherer, through Chromium's encoders), each JPEG,
PNG or BMP image over 4 KiB and up to 2000 KiB is encoded to WebP at quality 85 and (JPEG and
BMP images, the ones judged on it) to JPEG at quality 92, here with Pillow (libwebp,
libjpeg) from the bytes the subresource fetch got, at a lower WebP effort than Chromium's
(``WEBP_METHOD``: half the time, sizes within a few per cent). The largest images go first,
side by side in the analysis's threads; the work stops at ``MAX_IMAGES`` images or once it
has taken ``TIME_BUDGET_S`` seconds, and the images left are listed with the reason, never
estimated.
"""

from __future__ import annotations

import asyncio
import hashlib
import io
import time
import warnings
from dataclasses import replace
from typing import ClassVar

from PIL import Image, UnidentifiedImageError, WebPImagePlugin

from aura.audit import cpu
from aura.audit.artifacts import (
    JPEG_JUDGED_FORMATS,
    ImageEncoding,
    ImageEncodings,
    Subresource,
    Subresources,
)
from aura.audit.gatherers.base import GatherContext
from aura.audit.gatherers.subresources import IMAGE_BODY_BYTES
from aura.audit.images import image_format, image_size

#: Lighthouse's qualities (its OptimizedImages gatherer).
WEBP_QUALITY = 85
JPEG_QUALITY = 92
#: libwebp's effort (0-6; Pillow's default is 4, Chromium's, behind Lighthouse's figures, 3).
#: On the shared sites' 58 JPEG and PNG images over 4 KiB, against Chromium's own WebP (the
#: image data): method 3 gives the same bytes (median difference 0.0 %), method 4 up to 20 %
#: fewer on transparent PNGs; method 2 takes less than half their CPU time (0.92 s for the
#: 58, instead of 1.72 s and 2.02 s) for files 3 % larger at the median (10 % at most): the
#: summed savings come out 0.85 % under Chromium's, each page's within 4 % under method 3's.
#: ``bench/webp_effort.py`` measures it again.
WEBP_METHOD = 2
#: Smaller images are not re-encoded (Lighthouse: savings under 4 KiB are not listed).
MIN_BYTES = 4 * 1024
#: At most this many images, the largest first, within this much time (Lighthouse: 5 s).
MAX_IMAGES = 8
TIME_BUDGET_S = 4.0
#: Decoding an image takes 3 or 4 bytes per pixel: larger ones are not decoded.
MAX_PIXELS = 16_000_000
ENCODABLE = frozenset({"jpeg", "png", "bmp"})

# Registered here, Pillow's WebP writer is found without ``Image.init``, which would import
# all of Pillow's forty format plugins (0.05 s of the GIL) at the first image saved as WebP.
assert WebPImagePlugin


class ImageEncodingsGatherer:
    produces: ClassVar[type[ImageEncodings]] = ImageEncodings
    depends: ClassVar[tuple[type[object], ...]] = (Subresources,)

    async def gather(self, context: GatherContext) -> ImageEncodings:
        candidates = encodable(context.artifacts.get(Subresources))
        #: The same bytes under several URLs (query strings) are re-encoded once.
        keys = [hashlib.blake2b(item.body, digest_size=16).digest() for item, _ in candidates]
        chosen: dict[bytes, tuple[Subresource, str]] = {}
        for key, candidate in zip(keys, candidates, strict=True):
            if key not in chosen and len(chosen) < MAX_IMAGES:
                chosen[key] = candidate
        budget_spent = f"the {TIME_BUDGET_S:g} s re-encoding budget was spent"
        started = time.monotonic()
        # Side by side (the analysis's share of threads bounds how many at once), the
        # largest first; one that would start after the time budget is not encoded.
        measured = await asyncio.gather(
            *(
                cpu.to_thread(_reencode_within, started, budget_spent, item.url, kind, item.body)
                for item, kind in chosen.values()
            )
        )
        done = dict(zip(chosen, measured, strict=True))
        past_budget = any(item.reason == budget_spent for item in measured)
        items: list[ImageEncoding] = []
        for key, (item, kind) in zip(keys, candidates, strict=True):
            if (same := done.get(key)) is not None:
                items.append(replace(same, url=item.url))
                continue
            reason = (
                budget_spent
                if past_budget
                else f"only the {MAX_IMAGES} largest images are re-encoded"
            )
            items.append(ImageEncoding(item.url, kind, item.size, reason=reason))
        return ImageEncodings(tuple(items))


def _reencode_within(started: float, spent: str, url: str, kind: str, data: bytes) -> ImageEncoding:
    """``reencode``, unless the budget was spent by the time this image's turn came."""
    if time.monotonic() - started > TIME_BUDGET_S:
        return ImageEncoding(url, kind, len(data), reason=spent)
    return reencode(url, kind, data)


def encodable(subresources: Subresources) -> list[tuple[Subresource, str]]:
    """Fetched JPEG, PNG and BMP images in the size bounds, largest first, each URL once."""
    found: dict[str, tuple[Subresource, str]] = {}
    for item in subresources.of_kind("image"):
        if not item.ok or item.url in found or not MIN_BYTES < item.size <= IMAGE_BODY_BYTES:
            continue
        kind = image_format(item.body, item.content_type)
        if kind in ENCODABLE and len(item.body) == item.size:
            found[item.url] = (item, kind)
    return sorted(found.values(), key=lambda pair: -pair[0].size)


def reencode(url: str, kind: str, data: bytes) -> ImageEncoding:
    """``data`` re-encoded to WebP and, for a format judged on it, to JPEG (the first frame,
    at its own size): the JPEG size of a PNG would be measured only to be thrown away."""
    size = image_size(data)
    if size is not None and size[0] * size[1] > MAX_PIXELS:
        return ImageEncoding(url, kind, len(data), reason="too many pixels to decode")
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            image = Image.open(io.BytesIO(data))
            if image.width * image.height > MAX_PIXELS:
                return ImageEncoding(url, kind, len(data), reason="too many pixels to decode")
            image.load()
    except (OSError, UnidentifiedImageError, ValueError, Image.DecompressionBombWarning) as error:
        return ImageEncoding(url, kind, len(data), reason=f"not decodable: {error}"[:200])
    cpu.checkpoint()
    transparent = image.mode in ("RGBA", "LA", "PA") or "transparency" in image.info
    # A palette's transparency goes through RGBA (Pillow warns on a palette straight to RGB).
    pixels = image.convert("RGBA" if transparent else "RGB")
    webp = _encoded(pixels, "WEBP", quality=WEBP_QUALITY, method=WEBP_METHOD)
    if kind not in JPEG_JUDGED_FORMATS:
        return ImageEncoding(url, kind, len(data), webp_bytes=webp)
    cpu.checkpoint()
    # JPEG has no transparency (a BMP may have an alpha channel): it is dropped.
    opaque = pixels.convert("RGB") if transparent else pixels
    jpeg = _encoded(opaque, "JPEG", quality=JPEG_QUALITY)
    return ImageEncoding(url, kind, len(data), webp_bytes=webp, jpeg_bytes=jpeg)


def _encoded(image: Image.Image, encoding: str, **options: int) -> int:
    out = io.BytesIO()
    image.save(out, format=encoding, **options)
    return out.tell()
