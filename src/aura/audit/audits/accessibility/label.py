from __future__ import annotations

from typing import ClassVar

from aura.audit.artifacts import Artifacts, Document
from aura.audit.audits.accessibility._shared import node_check
from aura.audit.base import Audit, AuditResult
from aura.audit.dom import control_label, is_hidden, text_of

UNLABELLED_TYPES = frozenset({"hidden", "submit", "reset", "button", "image"})


class Label(Audit):
    id = "label"
    title = "Form elements have associated labels"
    failure_title = "Form elements do not have associated labels"
    description = (
        "Every input, select and textarea needs a label (`<label for>`, a wrapping label or "
        "`aria-label`) so assistive technology can announce what it is for."
    )
    category = "accessibility"
    requires: ClassVar[tuple[type[object], ...]] = (Document,)
    reads_rendered_dom = True

    def audit(self, artifacts: Artifacts) -> AuditResult:
        document = artifacts.get(Document)
        labels: dict[str, str] = {}
        for node in document.css("label[for]"):
            target = (node.attributes.get("for") or "").strip()
            labels[target] = labels.get(target) or text_of(node) or "label"
        controls = [
            node
            for node in document.css("input, select, textarea")
            if (node.attributes.get("type") or "text").lower() not in UNLABELLED_TYPES
            and not is_hidden(node)
        ]
        return node_check(
            controls,
            lambda node: not control_label(node, document, labels),
            nothing="no form fields",
            noun="form field",
        )
