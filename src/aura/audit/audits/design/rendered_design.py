from __future__ import annotations

from typing import ClassVar

from aura.audit.artifacts import Artifacts
from aura.audit.base import Audit, AuditResult
from aura.audit.browser.artifacts import RenderedDesign, TextStyle


def _style(style: TextStyle) -> dict[str, object]:
    return {
        "color": style.color,
        "background": style.background,
        "font_family": style.font_family,
        "font_size_px": style.font_size_px,
        "font_weight": style.font_weight,
        "elements": style.count,
    }


class RenderedDesignAudit(Audit):
    id = "rendered-design"
    title = "Design as rendered"
    failure_title = "Design as rendered"
    description = (
        "The colours that dominate the first screen, the brand colours used by buttons, "
        "links and headings, and the fonts the browser actually applied to headings and "
        "body text. Where present, these replace the estimates made from the CSS."
    )
    category = "design"
    requires: ClassVar[tuple[type[object], ...]] = (RenderedDesign,)
    informative = True

    def audit(self, artifacts: Artifacts) -> AuditResult:
        design = artifacts.get(RenderedDesign)
        brand = design.brand_colors[0] if design.brand_colors else None
        accent = design.brand_colors[1] if len(design.brand_colors) > 1 else None
        typography = {
            "headings": design.headings.font_family,
            "body": design.body.font_family,
        }
        shown_parts = [f"brand {brand}" if brand else "", " / ".join(design.fonts)]
        palette = [color for color, _share in design.dominant_colors]
        return AuditResult(
            None,
            ", ".join(part for part in shown_parts if part) or "No styled text found",
            {
                "dominant_colors": [
                    {"color": color, "share": share} for color, share in design.dominant_colors
                ],
                "brand_colors": list(design.brand_colors),
                "page_background": design.page_background,
                "headings": _style(design.headings),
                "body": _style(design.body),
                "buttons": _style(design.buttons),
                "links": _style(design.links),
                "typography": typography,
            },
            facts={
                # Rendered facts replace the CSS-only estimates of color-palette and
                # font-families (their facts are merged earlier under the same keys).
                "palette": palette,
                "fonts": list(design.fonts),
                "brand_color": brand,
                "accent_color": accent,
                "typography": typography,
                "screenshot_colors": palette,
            },
        )
