from __future__ import annotations

from typing import ClassVar

from aura.audit.artifacts import Artifacts
from aura.audit.audits.performance._coverage import unused_code
from aura.audit.base import Audit, AuditResult
from aura.audit.browser.artifacts import LoadDiagnostics

#: Lighthouse lists a script when at least this much of its download went unused.
THRESHOLD_BYTES = 20 * 1024


class UnusedJavascript(Audit):
    id = "unused-javascript"
    title = "Scripts run what they download"
    failure_title = "Reduce unused JavaScript"
    description = (
        "Functions of the page's scripts that never ran while the phone loaded the page "
        "(Chromium's coverage), as a share of each script's download: code that could be "
        "left out or loaded later. Inline scripts are not counted; code needed only after a "
        "click or scroll counts as unused."
    )
    category = "performance"
    requires: ClassVar[tuple[type[object], ...]] = (LoadDiagnostics,)

    def audit(self, artifacts: Artifacts) -> AuditResult:
        diagnostics = artifacts.get(LoadDiagnostics)
        return unused_code(
            diagnostics,
            diagnostics.unused_javascript,
            "unused_javascript",
            THRESHOLD_BYTES,
            "script",
        )
