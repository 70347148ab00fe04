from __future__ import annotations

from typing import ClassVar

from aura.audit.aria import ROLES
from aura.audit.artifacts import Artifacts, Document
from aura.audit.base import Audit, AuditResult, plural
from aura.audit.dom import describe


class AriaRoles(Audit):
    id = "aria-roles"
    title = "[role] values are valid"
    failure_title = "[role] values are not valid"
    description = "ARIA roles must be ones the specification defines, or they are ignored."
    category = "accessibility"
    requires: ClassVar[tuple[type[object], ...]] = (Document,)
    reads_rendered_dom = True

    def audit(self, artifacts: Artifacts) -> AuditResult:
        nodes = artifacts.get(Document).css("[role]")
        if not nodes:
            return AuditResult.not_applicable_because("no role attributes")
        invalid = []
        for node in nodes:
            roles = (node.attributes.get("role") or "").lower().split()
            # A list of roles is a fallback chain: valid when the first known one exists.
            if roles and not any(role in ROLES for role in roles):
                invalid.append(describe(node))
        if invalid:
            return AuditResult.failed(plural(len(invalid), "element"), items=invalid[:50])
        return AuditResult.passed(items=[], checked=len(nodes))
