from __future__ import annotations

from typing import ClassVar

from selectolax.lexbor import LexborNode

from aura.audit.artifacts import Artifacts, Document
from aura.audit.audits.accessibility._shared import node_check
from aura.audit.base import Audit, AuditResult
from aura.audit.dom import attr


def _unnamed(node: LexborNode) -> bool:
    return not any(attr(node, name) for name in ("alt", "aria-label", "aria-labelledby"))


class AreaAlt(Audit):
    id = "area-alt"
    title = "<area> elements have alternate text"
    failure_title = "<area> elements do not have alternate text"
    description = "Each clickable region of an image map needs text saying where it leads."
    category = "accessibility"
    requires: ClassVar[tuple[type[object], ...]] = (Document,)
    reads_rendered_dom = True

    def audit(self, artifacts: Artifacts) -> AuditResult:
        areas = artifacts.get(Document).css("map area[href]")
        return node_check(areas, _unnamed, nothing="no image map areas", noun="area")
