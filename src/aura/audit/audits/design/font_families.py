from __future__ import annotations

from typing import ClassVar
from urllib.parse import urlsplit

from aura.audit.artifacts import Artifacts, Document, Stylesheets
from aura.audit.base import Audit, AuditResult

FONT_SERVICES = {
    "fonts.googleapis.com": "Google Fonts",
    "fonts.gstatic.com": "Google Fonts",
    "use.typekit.net": "Adobe Fonts",
    "p.typekit.net": "Adobe Fonts",
    "fonts.bunny.net": "Bunny Fonts",
    "use.fontawesome.com": "Font Awesome",
    "kit.fontawesome.com": "Font Awesome",
    "fast.fonts.net": "Fonts.com",
    "cloud.typography.com": "Hoefler&Co",
    "api.fontshare.com": "Fontshare",
}


class FontFamilies(Audit):
    id = "font-families"
    title = "Uses a focused set of font families"
    failure_title = "Uses many font families"
    description = (
        "Font families declared in the CSS and the web-font services used. Two or three "
        "families keep a design coherent and limit font downloads."
    )
    category = "design"
    requires: ClassVar[tuple[type[object], ...]] = (Document, Stylesheets)

    def audit(self, artifacts: Artifacts) -> AuditResult:
        facts = artifacts.get(Stylesheets).facts
        document = artifacts.get(Document)
        hosts = {
            urlsplit(document.resolve(node.attributes.get("href") or "")).hostname or ""
            for node in document.css("link[href]")
        }
        hosts |= {urlsplit(url).hostname or "" for face in facts.font_faces for url in face.sources}
        services = sorted({FONT_SERVICES[host] for host in hosts if host in FONT_SERVICES})
        families = [family for family, _ in facts.font_families.most_common()]
        count = len(families)
        score = 1.0 if count <= 3 else (0.5 if count <= 5 else 0.0)
        return AuditResult(
            score if families else None,
            ", ".join(families[:4]) or "Only generic families",
            {"families": families[:20], "services": services},
            not_applicable=not families,
            metrics={"font_family_count": count},
            facts={"fonts": families[:8], "font_services": services},
        )
