from __future__ import annotations

from typing import ClassVar

from selectolax.lexbor import LexborNode

from aura.audit.artifacts import Artifacts, Document
from aura.audit.base import Audit, AuditResult
from aura.audit.dom import describe, heading_level


class HeadingOrder(Audit):
    id = "heading-order"
    title = "Heading elements appear in a sequentially-descending order"
    failure_title = "Heading elements are not in a sequentially-descending order"
    description = (
        "Headings that skip levels (an H1 followed by an H3) break the outline that screen "
        "reader users navigate by."
    )
    category = "accessibility"
    requires: ClassVar[tuple[type[object], ...]] = (Document,)
    reads_rendered_dom = True

    def audit(self, artifacts: Artifacts) -> AuditResult:
        headings: list[LexborNode] = artifacts.get(Document).css("h1, h2, h3, h4, h5, h6")
        if not headings:
            return AuditResult.not_applicable_because("no headings")
        skips = []
        previous = 0
        for node in headings:
            level = heading_level(node)
            if previous and level > previous + 1:
                skips.append(describe(node))
            previous = level
        if skips:
            return AuditResult.failed(f"{len(skips)} skipped levels", items=skips[:50])
        return AuditResult.passed(items=[])
