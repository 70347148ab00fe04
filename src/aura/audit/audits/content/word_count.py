from __future__ import annotations

from typing import ClassVar

from aura.audit.artifacts import Artifacts, Document
from aura.audit.base import Audit, AuditResult, linear_score
from aura.audit.text import main_text, reading_minutes, words

#: Pages with less text than this are "thin" to search engines and visitors alike.
THIN = 300


class WordCount(Audit):
    id = "word-count"
    title = "Page has substantial text"
    failure_title = "Page has little text"
    description = (
        f"Words of the visible main content (navigation, footers, form options and hidden "
        f"elements left out) and the time to read them. Under {THIN} words gives visitors "
        "and search engines little to go on."
    )
    category = "content"
    requires: ClassVar[tuple[type[object], ...]] = (Document,)

    def audit(self, artifacts: Artifacts) -> AuditResult:
        count = len(words(main_text(artifacts.get(Document))))
        minutes = reading_minutes(count)
        return AuditResult(
            linear_score(-count, good=-THIN, poor=0),
            f"{count:,} words • {minutes:g} min read",
            {"words": count, "reading_minutes": minutes},
            metrics={"word_count": count, "reading_minutes": minutes},
        )
