from __future__ import annotations

from typing import ClassVar

from aura.audit.artifacts import Artifacts, Document, Subresources
from aura.audit.audits.performance._shared import page_images
from aura.audit.base import Audit, AuditResult, kib, plural
from aura.audit.images import declared_size, image_size

#: Displayed size is multiplied by this to allow for high-density screens.
DEVICE_PIXEL_RATIO = 2
#: Waste below this many bytes is not worth reporting (as in Lighthouse).
MIN_WASTE = 4 * 1024


class OversizedImages(Audit):
    id = "oversized-images"
    title = "Images are appropriately sized"
    failure_title = "Properly size images"
    description = (
        "Images much larger than the size they are displayed at waste bytes. Serve images "
        "scaled to their display size (allowing for high-density screens), or use `srcset`."
    )
    category = "performance"
    requires: ClassVar[tuple[type[object], ...]] = (Document, Subresources)

    def audit(self, artifacts: Artifacts) -> AuditResult:
        images = page_images(artifacts.get(Document), artifacts.get(Subresources))
        measured = 0
        oversized: list[dict[str, object]] = []
        wastes: list[int] = []
        seen: set[tuple[str, float]] = set()
        for image in images:
            if image.resource is None or not image.resource.ok or "srcset" in image.node.attributes:
                continue
            intrinsic = image_size(image.resource.body)
            width, height = declared_size(image.node.attributes)
            if intrinsic is None or not width or (image.url, width) in seen:
                continue
            seen.add((image.url, width))
            measured += 1
            shown_width = width * DEVICE_PIXEL_RATIO
            shown_height = (
                height or width * intrinsic[1] / max(intrinsic[0], 1)
            ) * DEVICE_PIXEL_RATIO
            needed = min(1.0, (shown_width * shown_height) / max(1, intrinsic[0] * intrinsic[1]))
            wasted = int(image.resource.size * (1 - needed))
            if wasted >= MIN_WASTE:
                wastes.append(wasted)
                oversized.append(
                    {
                        "url": image.url,
                        "intrinsic": f"{intrinsic[0]}x{intrinsic[1]}",
                        "displayed": f"{width:g}x{height:g}" if height else f"{width:g}xauto",
                        "bytes": image.resource.size,
                        "wasted_bytes": wasted,
                    }
                )
        if not measured:
            return AuditResult.not_applicable_because("no image with a declared display size")
        wasted_total = sum(wastes)
        return AuditResult(
            1.0 if not oversized else round(max(0.0, 0.5 - len(oversized) * 0.1), 3),
            f"Potential savings of {kib(wasted_total)}"
            if oversized
            else plural(measured, "image") + " checked",
            {"items": oversized, "measured": measured},
            metrics={"oversized_images": len(oversized)},
        )
