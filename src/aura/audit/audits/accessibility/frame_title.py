from __future__ import annotations

from typing import ClassVar

from aura.audit.artifacts import Artifacts, Document
from aura.audit.audits.accessibility._shared import node_check
from aura.audit.base import Audit, AuditResult
from aura.audit.dom import attr


class FrameTitle(Audit):
    id = "frame-title"
    title = "<frame> or <iframe> elements have a title"
    failure_title = "<frame> or <iframe> elements do not have a title"
    description = "A frame's title tells screen reader users what the embedded content is."
    category = "accessibility"
    requires: ClassVar[tuple[type[object], ...]] = (Document,)
    reads_rendered_dom = True

    def audit(self, artifacts: Artifacts) -> AuditResult:
        frames = artifacts.get(Document).css("iframe, frame")
        return node_check(
            frames,
            lambda node: not (attr(node, "title") or attr(node, "aria-label")),
            nothing="no frames",
            noun="frame",
        )
