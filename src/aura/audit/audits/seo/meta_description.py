from __future__ import annotations

from typing import ClassVar

from aura.audit.artifacts import Artifacts, Document
from aura.audit.base import Audit, AuditResult
from aura.audit.dom import clean

MIN_LENGTH = 50
MAX_LENGTH = 160


class MetaDescription(Audit):
    id = "meta-description"
    title = "Document has a meta description"
    failure_title = "Document does not have a meta description"
    description = (
        "Search engines often show the meta description under the title in results. "
        f"Summarise the page in {MIN_LENGTH}-{MAX_LENGTH} characters."
    )
    category = "seo"
    requires: ClassVar[tuple[type[object], ...]] = (Document,)
    reads_rendered_dom = True

    def audit(self, artifacts: Artifacts) -> AuditResult:
        content = artifacts.get(Document).meta("description")
        text = clean(content)
        if content is None:
            return AuditResult.failed("No meta description", length=0)
        if not text:
            return AuditResult.failed("Description is empty", length=0)
        length = len(text)
        score = 1.0 if MIN_LENGTH <= length <= MAX_LENGTH else 0.75
        return AuditResult(
            score,
            f"{length} characters",
            {"description": text, "length": length},
            metrics={"meta_description_length": length},
        )
