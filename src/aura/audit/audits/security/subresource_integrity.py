from __future__ import annotations

from typing import ClassVar

from aura.audit.artifacts import Artifacts, Document, HttpExchange
from aura.audit.audits.security._shared import ObservatoryTestAudit
from aura.audit.base import AuditResult, plural


class SubresourceIntegrity(ObservatoryTestAudit):
    id = "subresource-integrity"
    title = "Scripts from other origins are protected by SRI"
    failure_title = "Scripts from other origins have no SRI"
    description = (
        "The integrity attribute makes browsers refuse a third-party script that was tampered "
        "with. In browser mode the scripts that other scripts inserted are checked too."
    )
    requires: ClassVar[tuple[type[object], ...]] = (HttpExchange, Document)
    reads_rendered_dom = True

    def audit(self, artifacts: Artifacts) -> AuditResult:
        result = super().audit(artifacts)
        if result.details.get("result") != "sri-not-implemented-but-no-scripts-loaded":
            return result
        inline = [
            node
            for node in artifacts.get(Document).css("script:not([src])")
            if (node.attributes.get("type") or "text/javascript").strip().lower()
            in ("", "text/javascript", "application/javascript", "module")
            and (node.text(deep=True) or "").strip()
        ]
        if not inline:
            return AuditResult.not_applicable_because("The page has no scripts", **result.details)
        # Inline scripts often load others (tag managers, loaders): whether those come from
        # other origins, and with integrity, only the rendered page shows.
        return AuditResult.not_applicable_because(
            f"No script element loads a file; {plural(len(inline), 'inline script')} "
            "may load others (checked in browser mode)",
            inline_scripts=len(inline),
            **result.details,
        )
