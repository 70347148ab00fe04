from __future__ import annotations

from typing import ClassVar

from aura.audit.aria import ATTRIBUTES
from aura.audit.artifacts import Artifacts, Document
from aura.audit.base import Audit, AuditResult, plural


class AriaValidAttr(Audit):
    id = "aria-valid-attr"
    title = "[aria-*] attributes are valid and not misspelled"
    failure_title = "[aria-*] attributes are not valid or misspelled"
    description = "Misspelled or invented aria-* attributes are ignored by assistive technology."
    category = "accessibility"
    requires: ClassVar[tuple[type[object], ...]] = (Document,)
    reads_rendered_dom = True

    def audit(self, artifacts: Artifacts) -> AuditResult:
        checked = 0
        invalid: list[str] = []
        for node in artifacts.get(Document).css("*"):
            for name in node.attributes:
                if name.startswith("aria-"):
                    checked += 1
                    if name.lower() not in ATTRIBUTES:
                        invalid.append(f"<{node.tag} {name}>")
        if not checked:
            return AuditResult.not_applicable_because("no aria-* attributes")
        if invalid:
            return AuditResult.failed(plural(len(invalid), "attribute"), items=invalid[:50])
        return AuditResult.passed(items=[], checked=checked)
