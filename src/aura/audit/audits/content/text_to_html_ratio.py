from __future__ import annotations

from typing import ClassVar

from aura.audit.artifacts import Artifacts, Document
from aura.audit.base import Audit, AuditResult, linear_score


class TextToHtmlRatio(Audit):
    id = "text-to-html-ratio"
    title = "Text-to-HTML ratio is healthy"
    failure_title = "Text-to-HTML ratio is low"
    description = (
        "Share of the HTML that is visible text. Very low ratios mean heavy markup or inline "
        "code around little content."
    )
    category = "content"
    requires: ClassVar[tuple[type[object], ...]] = (Document,)

    def audit(self, artifacts: Artifacts) -> AuditResult:
        document = artifacts.get(Document)
        html_size = len(document.html)
        if not html_size:
            return AuditResult.not_applicable_because("empty document")
        ratio = round(len(document.visible_text) / html_size, 3)
        return AuditResult(
            linear_score(-ratio, good=-0.15, poor=-0.02),
            f"{ratio:.1%}",
            {"ratio": ratio, "text_chars": len(document.visible_text), "html_chars": html_size},
            metrics={"text_to_html_ratio": ratio},
        )
