from __future__ import annotations

from typing import ClassVar

from aura.audit.artifacts import Artifacts, Document
from aura.audit.base import Audit, AuditResult, log_normal_score


class DomSize(Audit):
    id = "dom-size"
    title = "Avoids an excessive DOM size"
    failure_title = "Avoid an excessive DOM size"
    description = (
        "A large DOM (many elements, deep nesting, wide parents) costs memory, slows style "
        "calculation and makes layout reflows expensive."
    )
    category = "performance"
    requires: ClassVar[tuple[type[object], ...]] = (Document,)
    reads_rendered_dom = True

    def audit(self, artifacts: Artifacts) -> AuditResult:
        root = artifacts.get(Document).tree.root
        if root is None:
            return AuditResult.not_applicable_because("empty document")
        elements, max_depth, max_children = 0, 0, 0
        stack = [(root, 1)]
        while stack:
            node, level = stack.pop()
            elements += 1
            max_depth = max(max_depth, level)
            children = [child for child in node.iter() if child.tag and child.tag[0] not in "-#"]
            max_children = max(max_children, len(children))
            stack.extend((child, level + 1) for child in children)
        return AuditResult(
            log_normal_score(elements, p10=818, median=1400),
            f"{elements:,} elements",
            {"elements": elements, "max_depth": max_depth, "max_children": max_children},
            metrics={"dom_elements": elements, "dom_depth": max_depth},
        )
