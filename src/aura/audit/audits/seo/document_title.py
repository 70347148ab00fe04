from __future__ import annotations

from typing import ClassVar

from aura.audit.artifacts import Artifacts, Document
from aura.audit.base import Audit, AuditResult
from aura.audit.dom import clean


def page_title(document: Document) -> str:
    node = document.first("title")
    return clean(node.text()) if node is not None else ""


class DocumentTitle(Audit):
    id = "document-title"
    title = "Document has a `<title>` element"
    failure_title = "Document does not have a `<title>` element"
    description = (
        "The title is what search results, tabs and screen readers announce first (WCAG "
        "2.4.2 asks for a title that describes the page). Its length is a search matter, "
        "judged by `title-length`."
    )
    category = "seo"
    requires: ClassVar[tuple[type[object], ...]] = (Document,)
    reads_rendered_dom = True

    def audit(self, artifacts: Artifacts) -> AuditResult:
        text = page_title(artifacts.get(Document))
        if not text:
            return AuditResult.failed("No title", title="", length=0)
        return AuditResult(
            1.0,
            f"{len(text)} characters",
            {"title": text, "length": len(text)},
            metrics={"title_length": len(text)},
        )
