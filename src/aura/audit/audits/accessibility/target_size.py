from __future__ import annotations

from typing import ClassVar

from aura.audit.artifacts import Artifacts
from aura.audit.audits.accessibility._axe import rule_result
from aura.audit.base import Audit, AuditResult
from aura.audit.browser.artifacts import AxeReport


class TargetSize(Audit):
    id = "target-size"
    title = "Touch targets are large enough or spaced apart"
    failure_title = "Touch targets are too small or too close together"
    description = (
        "Buttons and links need 24 by 24 CSS pixels, or enough space around them, to be hit "
        "reliably (WCAG 2.2 target size); measured by axe-core on the rendered layout."
    )
    category = "accessibility"
    requires: ClassVar[tuple[type[object], ...]] = (AxeReport,)

    def audit(self, artifacts: Artifacts) -> AuditResult:
        return rule_result(artifacts.get(AxeReport), "target-size", "target")
