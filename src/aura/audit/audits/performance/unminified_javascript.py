from __future__ import annotations

from typing import ClassVar

from aura.audit.artifacts import Artifacts, Document, Subresources
from aura.audit.audits.performance.unminified_css import unminified
from aura.audit.base import Audit, AuditResult


class UnminifiedJavascript(Audit):
    id = "unminified-javascript"
    title = "JavaScript is minified"
    failure_title = "Minify JavaScript"
    description = (
        "Minifying JavaScript removes comments and whitespace and shrinks scripts; "
        "linked scripts and the page's inline <script> blocks are checked."
    )
    category = "performance"
    requires: ClassVar[tuple[type[object], ...]] = (Subresources, Document)
    # In browser mode the blocks scripts insert count too (the rendered DOM).
    reads_rendered_dom = True

    def audit(self, artifacts: Artifacts) -> AuditResult:
        return unminified(artifacts, "script")
