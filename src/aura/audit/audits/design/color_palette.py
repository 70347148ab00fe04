from __future__ import annotations

from typing import ClassVar

from aura.audit import css
from aura.audit.artifacts import Artifacts, Document, Stylesheets
from aura.audit.base import Audit, AuditResult


class ColorPalette(Audit):
    id = "color-palette"
    title = "Colour palette"
    failure_title = "Colour palette"
    description = (
        "The colours the page's CSS uses, ranked by how often they are declared, and the "
        "`theme-color` the browser paints its interface with."
    )
    category = "design"
    requires: ClassVar[tuple[type[object], ...]] = (Document, Stylesheets)
    informative = True

    def audit(self, artifacts: Artifacts) -> AuditResult:
        facts = artifacts.get(Stylesheets).facts
        theme = artifacts.get(Document).meta("theme-color")
        theme_hex = css.parse_color(theme) if theme else None
        ranked = [{"color": color, "uses": uses} for color, uses in facts.colors.most_common(12)]
        palette = [row["color"] for row in ranked]
        return AuditResult(
            None,
            " ".join(str(color) for color in palette[:6]) or "No colours found",
            {"palette": ranked, "theme_color": theme_hex, "distinct_colors": len(facts.colors)},
            metrics={"distinct_colors": len(facts.colors)},
            facts={"palette": palette, "theme_color": theme_hex},
        )
