from __future__ import annotations

from typing import ClassVar

from aura.audit.artifacts import Artifacts
from aura.audit.audits.performance._coverage import unused_code
from aura.audit.base import Audit, AuditResult
from aura.audit.browser.artifacts import LoadDiagnostics

#: Lighthouse lists a stylesheet when at least this much of its download went unused.
THRESHOLD_BYTES = 10 * 1024


class UnusedCssRules(Audit):
    id = "unused-css-rules"
    title = "Stylesheets hold only rules the page uses"
    failure_title = "Reduce unused CSS"
    description = (
        "Bytes of the page's linked stylesheets that no element matched while the phone "
        "loaded the page (Chromium's rule usage; comments and whitespace count as unused), "
        "as a share of each stylesheet's download. Rules for other pages, states or screen "
        "sizes count as unused."
    )
    category = "performance"
    requires: ClassVar[tuple[type[object], ...]] = (LoadDiagnostics,)

    def audit(self, artifacts: Artifacts) -> AuditResult:
        diagnostics = artifacts.get(LoadDiagnostics)
        return unused_code(
            diagnostics, diagnostics.unused_css, "unused_css", THRESHOLD_BYTES, "stylesheet"
        )
