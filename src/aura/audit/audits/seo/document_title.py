from __future__ import annotations

from typing import ClassVar

from aura.audit.artifacts import Artifacts, Document
from aura.audit.base import Audit, AuditResult
from aura.audit.dom import clean

#: Search engines show about this many characters of a title.
MAX_LENGTH = 60
MIN_LENGTH = 10


class DocumentTitle(Audit):
    id = "document-title"
    title = "Document has a title element of a good length"
    failure_title = "Document does not have a good title element"
    description = (
        "The title is what search results, tabs and screen readers show first. Give every "
        f"page a unique, descriptive title of {MIN_LENGTH}-{MAX_LENGTH} characters."
    )
    category = "seo"
    requires: ClassVar[tuple[type[object], ...]] = (Document,)
    reads_rendered_dom = True

    def audit(self, artifacts: Artifacts) -> AuditResult:
        node = artifacts.get(Document).first("title")
        text = clean(node.text()) if node is not None else ""
        if not text:
            return AuditResult.failed("No title", length=0)
        length = len(text)
        score = 1.0 if MIN_LENGTH <= length <= MAX_LENGTH else 0.5
        return AuditResult(
            score,
            f"{length} characters" + ("" if score == 1 else " (aim for 10-60)"),
            {"title": text, "length": length},
            metrics={"title_length": length},
        )
