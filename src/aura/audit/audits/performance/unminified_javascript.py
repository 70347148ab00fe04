from __future__ import annotations

from typing import ClassVar

from aura.audit.artifacts import Artifacts, Subresources
from aura.audit.audits.performance.unminified_css import unminified
from aura.audit.base import Audit, AuditResult


class UnminifiedJavascript(Audit):
    id = "unminified-javascript"
    title = "JavaScript is minified"
    failure_title = "Minify JavaScript"
    description = "Minifying JavaScript removes comments and whitespace and shrinks scripts."
    category = "performance"
    requires: ClassVar[tuple[type[object], ...]] = (Subresources,)

    def audit(self, artifacts: Artifacts) -> AuditResult:
        return unminified(artifacts, "script")
