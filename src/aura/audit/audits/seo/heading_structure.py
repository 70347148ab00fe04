from __future__ import annotations

from typing import ClassVar

from aura.audit.artifacts import Artifacts, Document
from aura.audit.base import Audit, AuditResult
from aura.audit.dom import heading_level, text_of


class HeadingStructure(Audit):
    id = "heading-structure"
    title = "Page has one H1 and a sane heading outline"
    failure_title = "Heading outline needs work"
    description = (
        "One H1 states what the page is about; H2-H6 follow in order without skipping "
        "levels, so readers and crawlers can follow the outline."
    )
    category = "seo"
    requires: ClassVar[tuple[type[object], ...]] = (Document,)
    reads_rendered_dom = True

    def audit(self, artifacts: Artifacts) -> AuditResult:
        headings = artifacts.get(Document).css("h1, h2, h3, h4, h5, h6")
        outline = [{"level": heading_level(n), "text": text_of(n)[:120]} for n in headings]
        h1_count = sum(1 for entry in outline if entry["level"] == 1)
        problems = []
        if h1_count == 0:
            problems.append("no H1")
        elif h1_count > 1:
            problems.append(f"{h1_count} H1 elements")
        previous = 0
        for entry in outline:
            level = int(str(entry["level"]))
            if previous and level > previous + 1:
                problems.append(f"H{previous} followed by H{level}")
                break
            previous = level
        score = 1.0 if not problems else (0.0 if h1_count == 0 else 0.5)
        return AuditResult(
            score,
            "; ".join(problems),
            {"outline": outline[:100], "h1_count": h1_count, "problems": problems},
            metrics={"h1_count": h1_count, "heading_count": len(outline)},
        )
