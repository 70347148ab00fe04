from __future__ import annotations

from collections import Counter
from typing import ClassVar

from aura.audit.artifacts import Artifacts, Document
from aura.audit.base import Audit, AuditResult, plural


class DuplicateId(Audit):
    id = "duplicate-id"
    title = "[id] attributes are unique"
    failure_title = "[id] attributes are not unique"
    description = (
        "Labels, ARIA references and in-page links find elements by id; a repeated id makes "
        "them point at the wrong element."
    )
    category = "accessibility"
    requires: ClassVar[tuple[type[object], ...]] = (Document,)
    reads_rendered_dom = True

    def audit(self, artifacts: Artifacts) -> AuditResult:
        ids = [
            (node.attributes.get("id") or "").strip()
            for node in artifacts.get(Document).css("[id]")
        ]
        ids = [value for value in ids if value]
        if not ids:
            return AuditResult.not_applicable_because("no ids")
        repeated = sorted(value for value, count in Counter(ids).items() if count > 1)
        if repeated:
            return AuditResult.failed(plural(len(repeated), "duplicate id"), items=repeated[:50])
        return AuditResult.passed(items=[])
