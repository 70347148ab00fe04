from __future__ import annotations

import re
from collections.abc import Iterable
from typing import ClassVar

from selectolax.lexbor import LexborNode

from aura.audit.artifacts import Artifacts, Document
from aura.audit.base import Audit, AuditResult, plural
from aura.audit.dom import is_hidden, text_of

_PROMINENT_CLASS = re.compile(r"\b(?:btn|button|cta)\b|btn-|button-|-cta", re.I)

#: The elements that may be calls to action.
CANDIDATES = "a[href], button, input[type=submit], [role=button]"


class CallsToAction(Audit):
    id = "calls-to-action"
    title = "Page has calls to action"
    failure_title = "Page has no clear call to action"
    description = (
        'Buttons and button-styled links ("Start free trial", "Buy now") tell visitors '
        "what to do next."
    )
    category = "content"
    requires: ClassVar[tuple[type[object], ...]] = (Document,)

    def audit(self, artifacts: Artifacts) -> AuditResult:
        texts = calls_to_action(artifacts.get(Document).css(CANDIDATES))
        if not texts:
            return AuditResult(0.0, "None found", {"ctas": []}, facts={"ctas": []})
        return AuditResult(
            1.0,
            plural(len(texts), "call") + " to action",
            {"ctas": texts[:30]},
            metrics={"cta_count": len(texts)},
            facts={"ctas": texts[:15]},
        )


def calls_to_action(candidates: Iterable[LexborNode]) -> list[str]:
    """The distinct texts of the visible, prominent ones among ``candidates`` (elements
    matching ``CANDIDATES``): buttons, and links styled or marked as buttons."""
    texts: list[str] = []
    for node in candidates:
        if is_hidden(node):
            continue
        classes = node.attributes.get("class") or ""
        prominent = node.tag != "a" or bool(_PROMINENT_CLASS.search(classes))
        if node.tag == "a" and (node.attributes.get("role") or "") == "button":
            prominent = True
        text = text_of(node) or (node.attributes.get("value") or "").strip()
        if prominent and text and 1 <= len(text.split()) <= 8 and text not in texts:
            texts.append(text)
    return texts
