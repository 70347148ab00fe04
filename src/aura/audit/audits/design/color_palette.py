from __future__ import annotations

from typing import ClassVar

from aura.audit import css
from aura.audit.artifacts import Artifacts, Document, Stylesheets
from aura.audit.base import Audit, AuditResult
from aura.audit.browser.artifacts import RenderedDesign
from aura.audit.used_styles import rendered_palette, used_styles

#: Colours shown in the palette (the rest are counted, not listed).
PALETTE_SIZE = 12


class ColorPalette(Audit):
    id = "color-palette"
    title = "Colour palette"
    failure_title = "Colour palette"
    description = (
        "The colours the page's visible elements use, as its CSS declares them (rules whose "
        "selector matches a visible element; hover states and unused theme colours left "
        "out), with colours that look the same (CIEDE2000 difference under 3) merged, and "
        "the `theme-color` the browser paints its interface with. Browser mode replaces "
        "this with the colours of the rendered page: text colours weighted by the text "
        "they draw, backgrounds by the area they cover, the browser's default link blue "
        "and black text left out unless the CSS declares them."
    )
    category = "design"
    requires: ClassVar[tuple[type[object], ...]] = (Document, Stylesheets)
    optional: ClassVar[tuple[type[object], ...]] = (RenderedDesign,)
    informative = True

    def audit(self, artifacts: Artifacts) -> AuditResult:
        document = artifacts.get(Document)
        facts = artifacts.get(Stylesheets).facts
        theme = document.meta("theme-color")
        theme_hex = css.parse_color(theme) if theme else None
        rendered = artifacts.find(RenderedDesign)
        merged = rendered_palette(rendered, facts) if rendered is not None else []
        if merged:
            source = "rendered page"
            ranked = [{"color": color, "share": share} for color, share in merged[:PALETTE_SIZE]]
        else:
            source = "CSS of visible elements"
            merged = css.merge_similar(used_styles(document, facts).colors)
            ranked = [{"color": color, "uses": int(uses)} for color, uses in merged[:PALETTE_SIZE]]
        palette = [str(row["color"]) for row in ranked]
        return AuditResult(
            None,
            " ".join(palette[:6]) or "No colours found",
            {
                "palette": ranked,
                "theme_color": theme_hex,
                "distinct_colors": len(merged),
                "source": source,
            },
            # No colour found is no measurement, not a palette of none.
            metrics={"distinct_colors": len(merged)} if merged else {},
            facts={"palette": palette, "theme_color": theme_hex},
        )
