from __future__ import annotations

import re
from typing import ClassVar
from urllib.parse import urlsplit

from aura.audit.artifacts import Artifacts, Document
from aura.audit.base import Audit, AuditResult, plural

LANGUAGE_TAG = re.compile(r"^(?:[a-z]{2,3}(?:-[a-z]{4})?(?:-(?:[a-z]{2}|\d{3}))?|x-default)$", re.I)


def valid_language_tag(value: str) -> bool:
    return bool(LANGUAGE_TAG.match(value.strip()))


class Hreflang(Audit):
    id = "hreflang"
    title = "Document has a valid hreflang"
    failure_title = "Document doesn't have a valid hreflang"
    description = (
        "hreflang links tell search engines which URL serves which language or region. Each "
        "needs a valid language code and an absolute URL."
    )
    category = "seo"
    requires: ClassVar[tuple[type[object], ...]] = (Document,)
    reads_rendered_dom = True

    def audit(self, artifacts: Artifacts) -> AuditResult:
        links = artifacts.get(Document).css("link[rel~=alternate][hreflang]")
        if not links:
            return AuditResult.not_applicable_because("no hreflang links")
        invalid = []
        for node in links:
            code = node.attributes.get("hreflang") or ""
            href = (node.attributes.get("href") or "").strip()
            if not valid_language_tag(code):
                invalid.append({"hreflang": code, "href": href, "reason": "unknown language code"})
            elif urlsplit(href).scheme not in ("http", "https"):
                invalid.append({"hreflang": code, "href": href, "reason": "relative URL"})
        if invalid:
            return AuditResult.failed(plural(len(invalid), "invalid link"), items=invalid)
        return AuditResult.passed(plural(len(links), "alternate"), items=[])
