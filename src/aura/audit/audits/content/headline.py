from __future__ import annotations

from collections.abc import Iterable
from typing import ClassVar

from selectolax.lexbor import LexborNode

from aura.audit.artifacts import Artifacts, Document
from aura.audit.base import Audit, AuditResult
from aura.audit.dom import text_of
from aura.audit.text import hidden

#: The most words a headline has before it reads as a paragraph.
LONGEST = 30


class Headline(Audit):
    id = "headline"
    title = "Page states its headline"
    failure_title = "Page has no clear headline"
    description = (
        "The main headline (the first visible H1) and the hero text under it are what "
        "visitors read first: they should say what the page offers or reports. A headline "
        f"of one word, or of more than {LONGEST} words, is not a clear one."
    )
    category = "content"
    requires: ClassVar[tuple[type[object], ...]] = (Document,)

    def audit(self, artifacts: Artifacts) -> AuditResult:
        node = first_headline(artifacts.get(Document).css("h1"))
        headline = text_of(node) if node is not None else ""
        if not headline:
            return AuditResult(0.0, "No H1", {"headline": None}, facts={"headline": None})
        hero = ""
        sibling = node.next if node is not None else None
        while sibling is not None and not hero:
            # A hidden sibling (pkgdown's <div class="hidden name">mutate.Rd</div>) is no
            # text a visitor reads under the headline.
            if sibling.tag in ("p", "h2", "div", "span") and not hidden(sibling):
                hero = text_of(sibling)[:300]
            sibling = sibling.next
        length = len(headline.split())
        # A news headline runs to 20 words and more; past LONGEST it is a paragraph.
        score = 1.0 if 2 <= length <= LONGEST else 0.7
        shown = headline[:80]
        if length < 2:
            shown = f"The only H1 is one word: “{shown}”"
        elif length > LONGEST:
            shown = f"The H1 is a paragraph of {length} words: “{shown}…”"
        return AuditResult(
            score,
            shown,
            # Page text is untrusted: a headline is kept to a readable length.
            {"headline": headline[:300], "hero_text": hero or None, "words": length},
            facts={"headline": headline[:300], "hero_text": hero or None},
        )


def first_headline(h1s: Iterable[LexborNode]) -> LexborNode | None:
    """The page's headline: its first H1 with text that markup does not hide (the content
    snapshot uses it too)."""
    return next((h1 for h1 in h1s if text_of(h1) and not hidden(h1)), None)
