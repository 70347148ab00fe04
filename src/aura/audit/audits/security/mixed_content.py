from __future__ import annotations

from typing import ClassVar

from aura.audit.artifacts import Artifacts, Document, HttpExchange
from aura.audit.base import Audit, AuditResult, plural

SOURCES = (
    ("script[src]", "src"),
    ("link[rel~=stylesheet][href]", "href"),
    ("img[src]", "src"),
    ("iframe[src]", "src"),
    ("video[src], audio[src], source[src]", "src"),
    ("form[action]", "action"),
)


class MixedContent(Audit):
    id = "mixed-content"
    title = "No mixed content"
    failure_title = "HTTPS page loads resources over HTTP"
    description = (
        "An HTTPS page that loads scripts, styles, images or frames over plain HTTP loses "
        "HTTPS's protection; browsers block or warn about it."
    )
    category = "security"
    requires: ClassVar[tuple[type[object], ...]] = (HttpExchange, Document)

    def audit(self, artifacts: Artifacts) -> AuditResult:
        if not artifacts.get(HttpExchange).is_https:
            return AuditResult.not_applicable_because("the page itself is served over HTTP")
        document = artifacts.get(Document)
        insecure = []
        for selector, attribute in SOURCES:
            for node in document.css(selector):
                url = document.resolve(node.attributes.get(attribute) or "")
                if url.startswith("http://"):
                    insecure.append({"url": url, "element": node.tag})
        if insecure:
            return AuditResult.failed(
                plural(len(insecure), "insecure resource"), items=insecure[:50]
            )
        return AuditResult.passed(items=[])
