from __future__ import annotations

from typing import ClassVar

from selectolax.lexbor import LexborNode

from aura.audit.artifacts import Artifacts, Document
from aura.audit.audits.accessibility._shared import node_check
from aura.audit.base import Audit, AuditResult
from aura.audit.dom import accessible_name, attr, is_hidden


class ButtonName(Audit):
    id = "button-name"
    title = "Buttons have an accessible name"
    failure_title = "Buttons do not have an accessible name"
    description = 'A button without a name is announced as just "button": say what it does.'
    category = "accessibility"
    requires: ClassVar[tuple[type[object], ...]] = (Document,)
    reads_rendered_dom = True

    def audit(self, artifacts: Artifacts) -> AuditResult:
        document = artifacts.get(Document)
        buttons = [
            node
            for node in document.css(
                "button, [role=button], input[type=button], input[type=submit], input[type=reset]"
            )
            if not is_hidden(node)
        ]

        def unnamed(node: LexborNode) -> bool:
            if node.tag == "input":
                kind = (attr(node, "type") or "").lower()
                if kind in ("submit", "reset") and node.attributes.get("value") is None:
                    return False  # the browser supplies "Submit" / "Reset"
                return not (attr(node, "value") or accessible_name(node, document))
            return not accessible_name(node, document)

        return node_check(buttons, unnamed, nothing="no buttons", noun="button")
