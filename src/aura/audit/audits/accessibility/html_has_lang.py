from __future__ import annotations

from typing import ClassVar

from aura.audit.artifacts import Artifacts, Document
from aura.audit.base import Audit, AuditResult


class HtmlHasLang(Audit):
    id = "html-has-lang"
    title = "<html> element has a [lang] attribute"
    failure_title = "<html> element does not have a [lang] attribute"
    description = (
        "The page language lets screen readers pronounce text correctly and helps search "
        "engines and translators."
    )
    category = "accessibility"
    requires: ClassVar[tuple[type[object], ...]] = (Document,)
    reads_rendered_dom = True

    def audit(self, artifacts: Artifacts) -> AuditResult:
        lang = artifacts.get(Document).lang
        return AuditResult(
            1.0 if lang else 0.0,
            lang or "No lang attribute",
            {"lang": lang},
            facts={"language": lang},
        )
