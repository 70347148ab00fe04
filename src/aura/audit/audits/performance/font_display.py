from __future__ import annotations

from typing import ClassVar

from aura.audit.artifacts import Artifacts, Stylesheets
from aura.audit.base import Audit, AuditResult, plural

#: Values that show text in a fallback font while the web font loads.
GOOD_VALUES = frozenset({"swap", "fallback", "optional"})


class FontDisplay(Audit):
    id = "font-display"
    title = "All text remains visible during web font loads"
    failure_title = "Ensure text remains visible during web font load"
    description = (
        "Without `font-display: swap` (or `fallback`, `optional`) text set in a web font is "
        "invisible until the font has downloaded."
    )
    category = "performance"
    requires: ClassVar[tuple[type[object], ...]] = (Stylesheets,)

    def audit(self, artifacts: Artifacts) -> AuditResult:
        faces = artifacts.get(Stylesheets).facts.font_faces
        if not faces:
            return AuditResult.not_applicable_because("no @font-face rules")
        bad = [
            {"family": face.family, "font_display": face.display}
            for face in faces
            if face.display not in GOOD_VALUES
        ]
        return AuditResult(
            round(1 - len(bad) / len(faces), 3),
            f"{plural(len(bad), 'font face')} without a swap strategy" if bad else "",
            {"items": bad, "font_faces": len(faces)},
        )
