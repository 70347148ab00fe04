from __future__ import annotations

from typing import ClassVar

from aura.audit.artifacts import Artifacts, Document
from aura.audit.audits.seo.hreflang import valid_language_tag
from aura.audit.base import Audit, AuditResult


class HtmlLangValid(Audit):
    id = "html-lang-valid"
    title = "<html> element has a valid value for its [lang] attribute"
    failure_title = "<html> element does not have a valid value for its [lang] attribute"
    description = "The lang attribute must be a valid BCP 47 language tag such as `en` or `pt-BR`."
    category = "accessibility"
    requires: ClassVar[tuple[type[object], ...]] = (Document,)
    reads_rendered_dom = True

    def audit(self, artifacts: Artifacts) -> AuditResult:
        lang = artifacts.get(Document).lang
        if not lang:
            return AuditResult.not_applicable_because("no lang attribute")
        ok = valid_language_tag(lang) and lang.lower() != "x-default"
        return AuditResult.binary(ok, lang, lang=lang)
