from __future__ import annotations

from typing import Any, ClassVar

from aura.audit.artifacts import Artifacts, Document, Subresources
from aura.audit.audits.performance._shared import page_images
from aura.audit.base import Audit, AuditResult, kib, plural
from aura.audit.browser.artifacts import RenderedDom
from aura.audit.images import declared_size, image_size

#: Displayed size is multiplied by this to allow for high-density screens.
DEVICE_PIXEL_RATIO = 2
#: Waste below this many bytes is not worth reporting (as in Lighthouse).
MIN_WASTE = 4 * 1024


def _wasted(size: int, intrinsic: tuple[int, int], shown: tuple[float, float]) -> int:
    """The share of ``size`` bytes spent on pixels nobody sees at the shown size."""
    needed = min(1.0, (shown[0] * shown[1]) / max(1, intrinsic[0] * intrinsic[1]))
    return int(size * (1 - needed))


class OversizedImages(Audit):
    id = "oversized-images"
    title = "Images are appropriately sized"
    failure_title = "Properly size images"
    description = (
        "Images much larger than the size they are displayed at waste bytes. Serve images "
        "scaled to their display size (allowing for high-density screens), or use `srcset`. "
        "In browser mode every image the phone shows is measured at its rendered size, CSS "
        "background images included; without a browser only `<img>` elements with a size "
        "in their attributes can be judged."
    )
    category = "performance"
    requires: ClassVar[tuple[type[object], ...]] = (Document, Subresources)
    optional: ClassVar[tuple[type[object], ...]] = (RenderedDom,)

    def audit(self, artifacts: Artifacts) -> AuditResult:
        rendered = artifacts.find(RenderedDom)
        if rendered is not None:
            return self._rendered(rendered, artifacts.get(Subresources))
        return self._declared(artifacts.get(Document), artifacts.get(Subresources))

    def _rendered(self, rendered: RenderedDom, subresources: Subresources) -> AuditResult:
        fetched = subresources.by_url()
        ratio = max(rendered.device_scale_factor, DEVICE_PIXEL_RATIO)
        largest: dict[str, tuple[float, float, Any]] = {}
        for image in rendered.images:
            shown = (image.width * ratio, image.height * ratio)
            kept = largest.get(image.url)
            # One file shown in several places needs the pixels of its largest display.
            if kept is None or shown[0] * shown[1] > kept[0] * kept[1]:
                largest[image.url] = (shown[0], shown[1], image)
        items: list[dict[str, object]] = []
        measured = 0
        for url, (width, height, image) in largest.items():
            resource = fetched.get(url)
            size = image.bytes or (resource.size if resource is not None and resource.ok else 0)
            if not size:
                continue
            measured += 1
            intrinsic = (image.natural_width, image.natural_height)
            wasted = _wasted(size, intrinsic, (width, height))
            if wasted >= MIN_WASTE:
                items.append(
                    {
                        "url": url,
                        "kind": image.kind,
                        "intrinsic": f"{intrinsic[0]}x{intrinsic[1]}",
                        "displayed": f"{image.width:.0f}x{image.height:.0f}",
                        "bytes": size,
                        "wasted_bytes": wasted,
                    }
                )
        if not measured:
            return AuditResult.not_applicable_because("no image shown on the rendered page")
        return self._result(items, measured, f"rendered on the {rendered.profile} profile")

    def _declared(self, document: Document, subresources: Subresources) -> AuditResult:
        images = page_images(document, subresources)
        measured = 0
        oversized: list[dict[str, object]] = []
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
            wasted = _wasted(image.resource.size, intrinsic, (shown_width, shown_height))
            if wasted >= MIN_WASTE:
                oversized.append(
                    {
                        "url": image.url,
                        "kind": "img",
                        "intrinsic": f"{intrinsic[0]}x{intrinsic[1]}",
                        "displayed": f"{width:g}x{height:g}" if height else f"{width:g}xauto",
                        "bytes": image.resource.size,
                        "wasted_bytes": wasted,
                    }
                )
        if not measured:
            return AuditResult.not_applicable_because("no image with a declared display size")
        return self._result(oversized, measured, "sizes declared in the HTML")

    @staticmethod
    def _result(items: list[dict[str, object]], measured: int, basis: str) -> AuditResult:
        wasted_total = sum(int(str(item["wasted_bytes"])) for item in items)
        items.sort(key=lambda item: -int(str(item["wasted_bytes"])))
        return AuditResult(
            1.0 if not items else round(max(0.0, 0.5 - len(items) * 0.1), 3),
            f"Potential savings of {kib(wasted_total)}"
            if items
            else plural(measured, "image") + " checked",
            {"items": items, "measured": measured, "basis": basis},
            metrics={"oversized_images": len(items)},
        )
