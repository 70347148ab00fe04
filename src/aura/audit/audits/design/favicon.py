from __future__ import annotations

from typing import ClassVar

from aura.audit.artifacts import Artifacts, Document
from aura.audit.base import Audit, AuditResult


class Favicon(Audit):
    id = "favicon"
    title = "Declares a favicon"
    failure_title = "Declares no favicon"
    description = (
        "A favicon identifies the site in tabs and bookmarks. An apple-touch-icon and a web "
        "app manifest do the same on phone home screens; they are listed, and their absence "
        "noted, but the verdict is the favicon's. A `/favicon.ico` the page does not "
        "declare is not looked for."
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
        present = [
            name
            for name, ok in (("favicon", icons), ("touch icon", touch), ("manifest", manifest))
            if ok
        ]
        missing = [name for name in ("touch icon", "manifest") if name not in present]
        if icons:
            shown = ", ".join(present) + (f"; no {' or '.join(missing)}" if missing else "")
        else:
            shown = "No favicon" + (f" ({', '.join(present)} only)" if present else "")
        return AuditResult(
            1.0 if icons else 0.0,
            shown,
            {"icons": icons, "touch_icons": touch, "manifest": manifest},
        )
