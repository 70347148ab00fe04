from __future__ import annotations

from typing import ClassVar

from aura.audit.artifacts import Artifacts
from aura.audit.audits.accessibility._axe import rule_result
from aura.audit.base import Audit, AuditResult
from aura.audit.browser.artifacts import AxeReport


class ColorContrast(Audit):
    id = "color-contrast"
    title = "Text has enough contrast with its background"
    failure_title = "Text does not have enough contrast with its background"
    description = (
        "Low-contrast text is hard or impossible to read for many people. WCAG AA asks for "
        "4.5:1 (3:1 for large text); judged by axe-core on the rendered colours."
    )
    category = "accessibility"
    requires: ClassVar[tuple[type[object], ...]] = (AxeReport,)

    def audit(self, artifacts: Artifacts) -> AuditResult:
        return rule_result(artifacts.get(AxeReport), "color-contrast", "element")
