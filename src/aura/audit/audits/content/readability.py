from __future__ import annotations

from typing import ClassVar

from aura.audit.artifacts import Artifacts, Document
from aura.audit.base import Audit, AuditResult, linear_score
from aura.audit.readability import ease_label, measure
from aura.audit.text import main_text, without_placeholder

#: Readability is measured on the first words only: enough for a stable figure, and cheap.
MAX_WORDS = 2500
MIN_WORDS = 50


class Readability(Audit):
    id = "readability"
    title = "Text is easy to read"
    failure_title = "Text is hard to read"
    description = (
        "Flesch reading ease (0 to 100) of the sentences of the visible main content "
        "(English formulas, syllables from the CMU Pronouncing Dictionary): 60 and above "
        "reads easily for most adults; under 30 is academic. Headings, menus, list entries "
        "and button labels are not sentences and are left out; a page with fewer than "
        f'{MIN_WORDS} words of sentences is not measured. "Lorem ipsum" filler is no '
        "language and is left out. The formulas know only sentence and word length, not "
        "whether the text makes sense, and mean little for other languages."
    )
    category = "content"
    requires: ClassVar[tuple[type[object], ...]] = (Document,)

    def audit(self, artifacts: Artifacts) -> AuditResult:
        text, placeholder_words = without_placeholder(main_text(artifacts.get(Document)))
        measured = measure(_first_words(text, MAX_WORDS))
        if measured is None or measured.words < MIN_WORDS:
            if placeholder_words >= MIN_WORDS:
                return AuditResult.not_applicable_because(
                    f"the text is mostly lorem ipsum filler ({placeholder_words} words)"
                )
            return AuditResult.not_applicable_because("too few sentences to measure")
        ease, grade = round(measured.reading_ease), round(measured.grade, 1)
        return AuditResult(
            linear_score(-ease, good=-60, poor=-20),
            f"Reading ease {ease} of 100, {ease_label(ease)} (about US school grade {grade:g})",
            {
                "flesch_reading_ease": ease,
                "flesch_kincaid_grade": grade,
                "sentences": measured.sentences,
                "words_per_sentence": round(measured.words_per_sentence, 1),
                "syllables_per_word": round(measured.syllables_per_word, 2),
            },
            metrics={"reading_ease": ease},
        )


def _first_words(text: str, limit: int) -> str:
    """The first ``limit`` words of ``text``, its line breaks kept."""
    kept: list[str] = []
    count = 0
    for line in text.split("\n"):
        line_words = line.split()
        if count + len(line_words) > limit:
            kept.append(" ".join(line_words[: limit - count]))
            break
        kept.append(line)
        count += len(line_words)
    return "\n".join(kept)
