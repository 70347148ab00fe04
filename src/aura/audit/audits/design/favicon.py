from __future__ import annotations

from typing import ClassVar

from aura.audit.artifacts import Artifacts, Document
from aura.audit.base import Audit, AuditResult


class Favicon(Audit):
    id = "favicon"
    title = "Declares a favicon and touch icons"
    failure_title = "Declares no favicon or touch icon"
    description = (
        "A favicon identifies the site in tabs and bookmarks; an apple-touch-icon and a web "
        "app manifest do the same on phone home screens."
    )
    category = "design"
    requires: ClassVar[tuple[type[object], ...]] = (Document,)

    def audit(self, artifacts: Artifacts) -> AuditResult:
        document = artifacts.get(Document)
        icons, touch = [], []
        for node in document.css("link[rel][href]"):
            rel = (node.attributes.get("rel") or "").lower().split()
            href = document.resolve(node.attributes.get("href") or "")
            if "icon" in rel:
                icons.append(href)
            if "apple-touch-icon" in rel or "apple-touch-icon-precomposed" in rel:
                touch.append(href)
        manifest = document.first("link[rel=manifest]") is not None
        score = (0.6 if icons else 0.0) + (0.2 if touch else 0.0) + (0.2 if manifest else 0.0)
        parts = [
            name
            for name, ok in (("favicon", icons), ("touch icon", touch), ("manifest", manifest))
            if ok
        ]
        return AuditResult(
            round(score, 3),
            ", ".join(parts) or "None declared",
            {"icons": icons, "touch_icons": touch, "manifest": manifest},
        )
