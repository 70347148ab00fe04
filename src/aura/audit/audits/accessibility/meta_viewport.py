from __future__ import annotations

from typing import ClassVar

from aura.audit.artifacts import Artifacts, Document
from aura.audit.audits.seo.viewport import viewport_properties
from aura.audit.base import Audit, AuditResult

#: Users must be able to zoom to at least this factor (WCAG 1.4.4).
MIN_MAXIMUM_SCALE = 5


class MetaViewport(Audit):
    id = "meta-viewport"
    title = "Zooming and scaling are not disabled"
    failure_title = '`[user-scalable="no"]` is used or `[maximum-scale]` is less than 5'
    description = "People with low vision zoom to read; a viewport that forbids zoom stops them."
    category = "accessibility"
    requires: ClassVar[tuple[type[object], ...]] = (Document,)
    reads_rendered_dom = True

    def audit(self, artifacts: Artifacts) -> AuditResult:
        content = artifacts.get(Document).meta("viewport")
        if content is None:
            return AuditResult.not_applicable_because("no viewport meta tag")
        properties = viewport_properties(content)
        problems = []
        if properties.get("user-scalable") in ("no", "0"):
            problems.append("user-scalable=no")
        try:
            maximum = float(properties.get("maximum-scale", "10"))
        except ValueError:
            maximum = 10.0
        if maximum < MIN_MAXIMUM_SCALE:
            problems.append(f"maximum-scale={maximum:g}")
        return AuditResult.binary(not problems, ", ".join(problems), content=content)
