from __future__ import annotations

from typing import ClassVar

from selectolax.lexbor import LexborNode

from aura.audit.artifacts import Artifacts, Document
from aura.audit.base import Audit, AuditResult
from aura.audit.dom import ancestors


def _is_logo(node: LexborNode) -> bool:
    attributes = node.attributes
    text = " ".join(
        (attributes.get(name) or "") for name in ("class", "id", "alt", "src", "aria-label")
    ).lower()
    if "logo" in text:
        return True
    return any(
        "logo"
        in ((parent.attributes.get("class") or "") + (parent.attributes.get("id") or "")).lower()
        or "brand" in (parent.attributes.get("class") or "").lower()
        for parent in list(ancestors(node))[:3]
    )


class Logo(Audit):
    id = "logo"
    title = "Shows a logo"
    failure_title = "No logo found"
    description = "A logo image (or SVG) near the top, usually linking home, anchors the brand."
    category = "design"
    requires: ClassVar[tuple[type[object], ...]] = (Document,)

    def audit(self, artifacts: Artifacts) -> AuditResult:
        document = artifacts.get(Document)
        for node in document.css("img, svg, [class*=logo], [id*=logo]"):
            if _is_logo(node):
                source = node.attributes.get("src")
                return AuditResult(
                    1.0,
                    source or node.tag or "",
                    {"element": node.tag, "src": document.resolve(source) if source else None},
                    facts={"logo": document.resolve(source) if source else None},
                )
        return AuditResult(0.0, "None found", {"element": None}, facts={"logo": None})
