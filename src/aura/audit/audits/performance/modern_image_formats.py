from __future__ import annotations

from typing import Any, ClassVar

from aura.audit.artifacts import Artifacts, Subresources
from aura.audit.base import Audit, AuditResult, kib, plural
from aura.audit.images import MODERN_FORMATS, image_format

#: Images below this size are not worth converting.
MIN_BYTES = 8 * 1024
#: WebP/AVIF typically save about a third of a JPEG or PNG at the same quality.
SAVINGS_RATIO = 0.35


class ModernImageFormats(Audit):
    id = "modern-image-formats"
    title = "Serves images in modern formats"
    failure_title = "Serve images in modern formats"
    description = (
        "WebP and AVIF compress better than JPEG, PNG and GIF: the same picture in fewer "
        "bytes, so it downloads faster."
    )
    category = "performance"
    requires: ClassVar[tuple[type[object], ...]] = (Subresources,)

    def audit(self, artifacts: Artifacts) -> AuditResult:
        images = [item for item in artifacts.get(Subresources).of_kind("image") if item.ok]
        if not images:
            return AuditResult.not_applicable_because("no images were loaded")
        legacy: list[dict[str, Any]] = []
        for item in images:
            kind = image_format(item.body, item.content_type)
            if kind in (None, "ico") or kind in MODERN_FORMATS or item.size < MIN_BYTES:
                continue
            savings = int(item.size * SAVINGS_RATIO)
            legacy.append(
                {"url": item.url, "format": kind, "bytes": item.size, "estimated_savings": savings}
            )
        if not legacy:
            return AuditResult.passed(plural(len(images), "image") + " checked")
        total = sum(item.size for item in images) or 1
        wasted = sum(row["estimated_savings"] for row in legacy)
        return AuditResult(
            round(max(0.0, 1 - 2 * wasted / total), 3),
            f"Potential savings of {kib(wasted)}",
            {"items": legacy},
        )
