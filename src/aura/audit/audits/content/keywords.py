from __future__ import annotations

from typing import ClassVar

from aura.audit.artifacts import Artifacts, Document
from aura.audit.audits.content.headline import first_headline
from aura.audit.base import Audit, AuditResult
from aura.audit.dom import text_of
from aura.audit.text import main_text, top_keywords, without_placeholder


class Keywords(Audit):
    id = "keywords"
    title = "Top keywords"
    failure_title = "Top keywords"
    description = (
        "The most frequent meaningful words of the visible main content (navigation, "
        'footers, form options such as a country list, hidden elements and "lorem ipsum" '
        "filler left out), and whether they also appear in the title and the headline."
    )
    category = "content"
    requires: ClassVar[tuple[type[object], ...]] = (Document,)
    informative = True

    def audit(self, artifacts: Artifacts) -> AuditResult:
        document = artifacts.get(Document)
        text, _placeholder_words = without_placeholder(main_text(document))
        ranked = top_keywords(text, limit=12)
        title_node = document.first("title")
        h1 = first_headline(document.css("h1"))
        prominent = " ".join(text_of(node).lower() for node in (title_node, h1) if node is not None)
        rows = [
            {"keyword": word, "count": count, "in_title_or_h1": word in prominent}
            for word, count in ranked
        ]
        return AuditResult(
            None,
            ", ".join(word for word, _ in ranked[:5]),
            {"keywords": rows},
            facts={"keywords": [word for word, _ in ranked]},
        )
