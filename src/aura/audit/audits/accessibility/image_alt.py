from __future__ import annotations

from typing import ClassVar

from selectolax.lexbor import LexborNode

from aura.audit.artifacts import Artifacts, Document
from aura.audit.audits.accessibility._shared import node_check
from aura.audit.base import Audit, AuditResult
from aura.audit.dom import attr, is_hidden


def has_text_alternative(node: LexborNode) -> bool:
    if (attr(node, "role") or "").lower() in ("presentation", "none"):
        return True
    if node.attributes.get("alt") is not None:
        return True
    return any(attr(node, name) for name in ("aria-label", "aria-labelledby", "title"))


class ImageAlt(Audit):
    id = "image-alt"
    title = "Image elements have [alt] attributes"
    failure_title = "Image elements do not have [alt] attributes"
    description = (
        "Informative images need a short text alternative; decorative images an empty "
        '`alt=""`. Screen readers and search engines rely on it.'
    )
    category = "accessibility"
    requires: ClassVar[tuple[type[object], ...]] = (Document,)
    reads_rendered_dom = True

    def audit(self, artifacts: Artifacts) -> AuditResult:
        images = [node for node in artifacts.get(Document).css("img") if not is_hidden(node)]
        return node_check(
            images,
            lambda node: not has_text_alternative(node),
            nothing="no visible images",
            noun="image",
        )
