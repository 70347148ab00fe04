from __future__ import annotations

from typing import ClassVar

from aura.audit.artifacts import Artifacts, Document
from aura.audit.base import Audit, AuditResult, plural
from aura.audit.dom import describe
from aura.audit.images import declared_size


class UnsizedImages(Audit):
    id = "unsized-images"
    title = "Image elements have explicit width and height"
    failure_title = "Image elements do not have explicit width and height"
    description = (
        "Set `width` and `height` on images so the browser reserves their space before they "
        "load; otherwise the layout shifts when they arrive."
    )
    category = "performance"
    requires: ClassVar[tuple[type[object], ...]] = (Document,)
    reads_rendered_dom = True

    def audit(self, artifacts: Artifacts) -> AuditResult:
        images = artifacts.get(Document).css("img")
        if not images:
            return AuditResult.not_applicable_because("no images")
        unsized = []
        for node in images:
            width, height = declared_size(node.attributes)
            if not (width and height) and "hidden" not in node.attributes:
                unsized.append(describe(node))
        score = 1.0 if not unsized else round(max(0.0, 1 - len(unsized) / len(images)) * 0.5, 3)
        return AuditResult(
            score,
            f"{plural(len(unsized), 'image')} without dimensions" if unsized else "",
            {"items": unsized[:50], "images": len(images)},
        )
