from __future__ import annotations

from typing import ClassVar

from selectolax.lexbor import LexborNode

from aura.audit.artifacts import Artifacts, Document
from aura.audit.audits.accessibility._shared import node_check
from aura.audit.base import Audit, AuditResult
from aura.audit.dom import attr


def _unnamed(node: LexborNode) -> bool:
    return not any(attr(node, name) for name in ("alt", "aria-label", "aria-labelledby", "title"))


class InputImageAlt(Audit):
    id = "input-image-alt"
    title = '<input type="image"> elements have [alt] text'
    failure_title = '<input type="image"> elements do not have [alt] text'
    description = "An image button needs alternative text that says what the button does."
    category = "accessibility"
    requires: ClassVar[tuple[type[object], ...]] = (Document,)
    reads_rendered_dom = True

    def audit(self, artifacts: Artifacts) -> AuditResult:
        inputs = artifacts.get(Document).css("input[type=image]")
        return node_check(inputs, _unnamed, nothing="no image inputs", noun="input")
