from __future__ import annotations

from typing import ClassVar

from aura.audit.artifacts import Artifacts, Document
from aura.audit.base import Audit, AuditResult, linear_score
from aura.audit.readability import measure

#: Readability is measured on the first words only: enough for a stable figure, and cheap.
MAX_WORDS = 2500
MIN_WORDS = 50


class Readability(Audit):
    id = "readability"
    title = "Text is easy to read"
    failure_title = "Text is hard to read"
    description = (
        "Flesch reading ease of the visible text (English formulas, syllables from the CMU "
        "Pronouncing Dictionary): 60 and above reads easily for most adults; under 30 is "
        "academic."
    )
    category = "content"
    requires: ClassVar[tuple[type[object], ...]] = (Document,)

    def audit(self, artifacts: Artifacts) -> AuditResult:
        text = artifacts.get(Document).visible_text
        sample = " ".join(text.split()[:MAX_WORDS])
        measured = measure(sample)
        if measured is None or measured.words < MIN_WORDS:
            return AuditResult.not_applicable_because("too little text to measure")
        ease, grade = round(measured.reading_ease, 1), round(measured.grade, 1)
        return AuditResult(
            linear_score(-ease, good=-60, poor=-20),
            f"Reading ease {ease:g} (grade {grade:g})",
            {"flesch_reading_ease": ease, "flesch_kincaid_grade": grade},
            metrics={"reading_ease": ease},
        )
