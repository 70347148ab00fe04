from __future__ import annotations

from typing import ClassVar

from aura.audit.artifacts import Artifacts, Stylesheets
from aura.audit.base import Audit, AuditResult
from aura.audit.browser.artifacts import RenderedDesign, TextStyle
from aura.audit.css import CssFacts
from aura.audit.used_styles import USER_AGENT_COLORS, rendered_fonts, rendered_palette


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
        "body text. Where present, these replace the estimates made from the CSS. The "
        "palette holds text colours weighted by the text they draw and background colours "
        "by the area they cover (colours closer than CIEDE2000 3 merged); fonts are the "
        "first family of each visible text's font stack."
    )
    category = "design"
    requires: ClassVar[tuple[type[object], ...]] = (RenderedDesign,)
    optional: ClassVar[tuple[type[object], ...]] = (Stylesheets,)
    informative = True

    def audit(self, artifacts: Artifacts) -> AuditResult:
        design = artifacts.get(RenderedDesign)
        sheets = artifacts.find(Stylesheets)
        css_facts = sheets.facts if sheets is not None else CssFacts()
        # The browser's default link blue is not a brand colour unless the page chose it.
        brands = [
            color
            for color in design.brand_colors
            if color not in USER_AGENT_COLORS or color in css_facts.colors
        ]
        brand = brands[0] if brands else None
        accent = brands[1] if len(brands) > 1 else None
        typography = {
            "headings": design.headings.font_family,
            "body": design.body.font_family,
        }
        fonts = rendered_fonts(design, css_facts)
        shown_parts = [f"brand {brand}" if brand else "", " / ".join(fonts or [])]
        merged = rendered_palette(design, css_facts)
        palette = [color for color, _share in merged[:12]]
        facts: dict[str, object] = {
            "brand_color": brand,
            "accent_color": accent,
            "typography": typography,
            "screenshot_colors": [color for color, _share in design.dominant_colors],
        }
        metrics: dict[str, float | int | None] = {}
        # Rendered facts replace the CSS estimates of color-palette and font-families
        # (their facts are merged earlier under the same keys), unless the render showed
        # nothing to measure.
        if palette:
            facts["palette"] = palette
            metrics["distinct_colors"] = len(merged)
        if fonts is not None:
            facts["fonts"] = fonts
            if fonts or design.system_font:
                metrics["font_family_count"] = len(fonts) or 1
        return AuditResult(
            None,
            ", ".join(part for part in shown_parts if part) or "No styled text found",
            {
                "dominant_colors": [
                    {"color": color, "share": share} for color, share in design.dominant_colors
                ],
                "palette": [{"color": color, "share": share} for color, share in merged[:12]],
                "brand_colors": brands,
                "fonts": [
                    {"family": family, "characters": chars} for family, chars in design.text_fonts
                ],
                "system_font": design.system_font,
                "unloaded_fonts": list(design.unloaded_fonts),
                "page_background": design.page_background,
                "headings": _style(design.headings),
                "body": _style(design.body),
                "buttons": _style(design.buttons),
                "links": _style(design.links),
                "typography": typography,
            },
            facts=facts,
            metrics=metrics,
        )
