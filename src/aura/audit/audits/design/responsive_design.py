from __future__ import annotations

from typing import ClassVar

from aura.audit.artifacts import Artifacts, Document, Stylesheets
from aura.audit.base import Audit, AuditResult


class ResponsiveDesign(Audit):
    id = "responsive-design"
    title = "Adapts to screen sizes"
    failure_title = "Does not adapt to screen sizes"
    description = (
        "A responsive page has a device-width viewport and media queries (or responsive "
        "images) that adapt the layout to phones, tablets and desktops."
    )
    category = "design"
    requires: ClassVar[tuple[type[object], ...]] = (Document, Stylesheets)

    def audit(self, artifacts: Artifacts) -> AuditResult:
        document = artifacts.get(Document)
        facts = artifacts.get(Stylesheets).facts
        viewport = "device-width" in (document.meta("viewport") or "").lower()
        width_queries = [q for q in facts.media_queries if "width" in q]
        srcset = document.first("img[srcset], source[srcset]") is not None
        score = (
            (0.5 if viewport else 0.0) + (0.4 if width_queries else 0.0) + (0.1 if srcset else 0.0)
        )
        return AuditResult(
            round(score, 3),
            f"{len(width_queries)} width media queries"
            + ("" if viewport else ", no device-width viewport"),
            {
                "viewport_device_width": viewport,
                "media_queries": sorted(width_queries)[:30],
                "responsive_images": srcset,
            },
        )
