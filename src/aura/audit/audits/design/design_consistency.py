from __future__ import annotations

from typing import ClassVar

from aura.audit import css
from aura.audit.artifacts import Artifacts, Document, Stylesheets
from aura.audit.base import Audit, AuditResult, linear_score
from aura.audit.used_styles import used_styles


class DesignConsistency(Audit):
    id = "design-consistency"
    title = "Uses a consistent design system"
    failure_title = "Uses many distinct colours and font sizes"
    description = (
        "A design system keeps to a small set of colours and type sizes. Dozens of distinct "
        "values suggest styles added ad hoc. Colours are those visible elements use, with "
        "colours that look the same merged; font sizes are every size the CSS declares."
    )
    category = "design"
    requires: ClassVar[tuple[type[object], ...]] = (Document, Stylesheets)

    def audit(self, artifacts: Artifacts) -> AuditResult:
        facts = artifacts.get(Stylesheets).facts
        used = used_styles(artifacts.get(Document), facts)
        colors, sizes = len(css.merge_similar(used.colors)), len(facts.font_sizes)
        if not colors and not sizes:
            return AuditResult.not_applicable_because("no CSS colours or font sizes")
        score = (
            linear_score(colors, good=24, poor=120) + linear_score(sizes, good=12, poor=40)
        ) / 2
        return AuditResult(
            round(score, 3),
            f"{colors} colours, {sizes} font sizes",
            {"distinct_colors": colors, "distinct_font_sizes": sizes},
            metrics={"distinct_font_sizes": sizes},
        )
