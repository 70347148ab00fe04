"""What libwebp's effort setting (``method``) costs and what it changes, on the shared sites.

Every JPEG and PNG of the shared sites over 4 KiB (the images the image-encodings gatherer
re-encodes) is encoded to WebP at Lighthouse's quality 85 with each method, and the CPU time
and the sizes are set against Chromium's own WebP encoder (the one behind Lighthouse's
figures), when Chromium is installed: a headless page draws each image on a canvas and
encodes it with ``toDataURL('image/webp', 0.85)``. Only the image data is compared (the
``VP8 ``/``VP8L``/``ALPH`` chunks): a canvas adds an ICC profile that Lighthouse's encode of
a response does not need.

Usage: .venv/bin/python bench/webp_effort.py [--methods 4 3 2 1 0]
"""

from __future__ import annotations

import argparse
import base64
import io
import json
import os
import re
import shutil
import statistics
import struct
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from PIL import Image

from aura.audit.gatherers.image_encodings import MIN_BYTES, WEBP_QUALITY
from bench.common import site_dirs, write_result

IMAGE_CHUNKS = (b"VP8 ", b"VP8L", b"ALPH")


def images() -> list[Path]:
    found = []
    for site in site_dirs():
        for path in sorted(site.rglob("*")):
            if path.suffix.lower() in (".jpg", ".jpeg", ".png") and path.stat().st_size > MIN_BYTES:
                found.append(path)
    return found


def image_data_bytes(webp: bytes) -> int:
    """The bytes of a WebP file's image chunks (its container and metadata left out)."""
    total, offset = 0, 12
    while offset + 8 <= len(webp):
        chunk, size = (
            webp[offset : offset + 4],
            struct.unpack("<I", webp[offset + 4 : offset + 8])[0],
        )
        if chunk in IMAGE_CHUNKS:
            total += size
        offset += 8 + size + (size & 1)
    return total


def pillow_webp(path: Path, method: int) -> tuple[int, float]:
    """The image data bytes of ``path`` as WebP, and the CPU seconds the encoding took."""
    image = Image.open(path)
    image.load()
    transparent = image.mode in ("RGBA", "LA", "PA") or "transparency" in image.info
    image = image.convert("RGBA" if transparent else "RGB")
    out = io.BytesIO()
    started = time.process_time()
    image.save(out, format="WEBP", quality=WEBP_QUALITY, method=method)
    return image_data_bytes(out.getvalue()), time.process_time() - started


_PAGE = """<!doctype html><body>{images}<pre id=out></pre><script>
addEventListener('load', () => {{
  const sizes = [];
  for (const img of document.images) {{
    const canvas = document.createElement('canvas');
    canvas.width = img.naturalWidth; canvas.height = img.naturalHeight;
    canvas.getContext('2d').drawImage(img, 0, 0);
    sizes.push(canvas.toDataURL('image/webp', {quality}).split(',')[1]);
  }}
  document.getElementById('out').textContent = 'RESULT' + JSON.stringify(sizes) + 'END';
}});
</script>"""


def chromium_webp(paths: list[Path]) -> list[int] | None:
    """Chromium's WebP image data bytes of each image, or None without Chromium."""
    chromium = os.environ.get("AURA_CHROMIUM_PATH") or shutil.which("chromium")
    if chromium is None:
        return None
    tags = "\n".join(f'<img src="{path.resolve().as_uri()}">' for path in paths)
    with tempfile.TemporaryDirectory() as folder:
        page = Path(folder) / "encode.html"
        page.write_text(_PAGE.format(images=tags, quality=WEBP_QUALITY / 100))
        dom = subprocess.run(
            [
                chromium,
                "--headless=new",
                "--no-sandbox",
                "--allow-file-access-from-files",
                "--dump-dom",
                page.as_uri(),
            ],
            capture_output=True,
            text=True,
            timeout=300,
            check=False,
        ).stdout
    found = re.search(r"RESULT(.*)END", dom)
    if found is None:
        return None
    return [image_data_bytes(base64.b64decode(data)) for data in json.loads(found.group(1))]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--methods", type=int, nargs="+", default=[4, 3, 2, 1, 0])
    args = parser.parse_args()
    paths = images()
    reference = chromium_webp(paths)
    figures: dict[str, Any] = {"images": len(paths), "chromium": reference is not None}
    print(f"{len(paths)} images over {MIN_BYTES} bytes; WebP at quality {WEBP_QUALITY}")
    for method in args.methods:
        encoded = [pillow_webp(path, method) for path in paths]
        sizes = [size for size, _ in encoded]
        row: dict[str, Any] = {
            "cpu_s": round(sum(cpu for _, cpu in encoded), 3),
            "bytes": sum(sizes),
        }
        line = f"method {method}: {row['cpu_s']:.2f} s CPU, {row['bytes']} bytes"
        if reference is not None:
            errors = [(size - ref) / ref * 100 for size, ref in zip(sizes, reference, strict=True)]
            saved = sum(max(0, p.stat().st_size - s) for p, s in zip(paths, sizes, strict=True))
            saved_ref = sum(
                max(0, p.stat().st_size - s) for p, s in zip(paths, reference, strict=True)
            )
            row |= {
                "median_difference_pct": round(statistics.median(errors), 1),
                "largest_difference_pct": round(max(errors, key=abs), 1),
                "savings_vs_chromium_pct": round((saved - saved_ref) / saved_ref * 100, 2),
            }
            line += (
                f"; against Chromium: median {row['median_difference_pct']:+.1f} %, "
                f"largest {row['largest_difference_pct']:+.1f} %, summed savings "
                f"{row['savings_vs_chromium_pct']:+.2f} %"
            )
        figures[f"method_{method}"] = row
        print(line)
    write_result("webp_effort", figures)


if __name__ == "__main__":
    main()
