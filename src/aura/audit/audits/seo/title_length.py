from __future__ import annotations

from typing import ClassVar

from aura.audit.artifacts import Artifacts, Document
from aura.audit.audits.seo.document_title import page_title
from aura.audit.base import Audit, AuditResult

#: Search engines show about this many characters of a title.
MAX_LENGTH = 60
MIN_LENGTH = 10


class TitleLength(Audit):
    id = "title-length"
    title = f"The title is {MIN_LENGTH}-{MAX_LENGTH} characters long"
    failure_title = "The title is too short or will be cut off in search results"
    description = (
        f"Search results show about {MAX_LENGTH} characters of a title; a title of a few "
        "characters says little about the page. A search-result matter only: a long title "
        "is no accessibility problem."
    )
    category = "seo"
    requires: ClassVar[tuple[type[object], ...]] = (Document,)
    reads_rendered_dom = True

    def audit(self, artifacts: Artifacts) -> AuditResult:
        text = page_title(artifacts.get(Document))
        if not text:
            return AuditResult.not_applicable_because("no title (see document-title)")
        length = len(text)
        score = 1.0 if MIN_LENGTH <= length <= MAX_LENGTH else 0.5
        shown = f"{length} characters" + (
            "" if score == 1 else f" (aim for {MIN_LENGTH}-{MAX_LENGTH})"
        )
        return AuditResult(score, shown, {"title": text, "length": length})
