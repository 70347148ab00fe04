from __future__ import annotations

from typing import ClassVar

from aura.audit.artifacts import Artifacts, Document, WebManifest
from aura.audit.base import Audit, AuditResult


class Favicon(Audit):
    id = "favicon"
    title = "Declares a favicon"
    failure_title = "Declares no favicon"
    description = (
        "A favicon identifies the site in tabs and bookmarks. An apple-touch-icon and a web "
        "app manifest do the same on phone home screens; they are listed, and their absence "
        "noted, but the verdict is the favicon's. A `/favicon.ico` the page does not "
        "declare is not looked for; a declared manifest the server does not serve is no "
        "manifest."
    )
    category = "design"
    requires: ClassVar[tuple[type[object], ...]] = (Document, WebManifest)

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
        fetched = artifacts.find(WebManifest)
        unserved = None
        answered = fetched.status_code if fetched is not None else None
        if manifest and fetched is not None and answered is not None and not fetched.served:
            # pkgdown declares /site.webmanifest and ships none: a 404 is no manifest. (A
            # request that got no answer says nothing: the declaration stands.)
            manifest = False
            unserved = {"url": fetched.url, "status_code": fetched.status_code}
        present = [
            name
            for name, ok in (("favicon", icons), ("touch icon", touch), ("manifest", manifest))
            if ok
        ]
        missing = [name for name in ("touch icon", "manifest") if name not in present]
        if unserved is not None:
            missing[missing.index("manifest")] = "manifest (declared, not served)"
        if icons:
            shown = ", ".join(present) + (f"; no {' or '.join(missing)}" if missing else "")
        else:
            shown = "No favicon" + (f" ({', '.join(present)} only)" if present else "")
        return AuditResult(
            1.0 if icons else 0.0,
            shown,
            {"icons": icons, "touch_icons": touch, "manifest": manifest}
            | ({"manifest_not_served": unserved} if unserved is not None else {}),
        )
