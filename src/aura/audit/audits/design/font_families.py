from __future__ import annotations

from typing import ClassVar
from urllib.parse import urlsplit

from aura.audit.artifacts import Artifacts, Document, Stylesheets
from aura.audit.base import Audit, AuditResult
from aura.audit.browser.artifacts import RenderedDesign
from aura.audit.used_styles import rendered_fonts, used_styles

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
        "The typefaces the visible text asks for: the first family of each font stack "
        "that styles visible elements (CSS variables resolved). Fallbacks, generic "
        "families, emoji and icon fonts are not counted. Two or three families keep a "
        "design coherent and limit font downloads. Without a browser the cascade is not "
        "resolved, so a family overridden everywhere can still count; browser mode reads "
        "the rendered text instead: the first family of the font stack of each visible "
        "text, whether or not the web font could be loaded (those that could not are "
        "listed)."
    )
    category = "design"
    requires: ClassVar[tuple[type[object], ...]] = (Document, Stylesheets)
    optional: ClassVar[tuple[type[object], ...]] = (RenderedDesign,)

    def audit(self, artifacts: Artifacts) -> AuditResult:
        facts = artifacts.get(Stylesheets).facts
        document = artifacts.get(Document)
        hosts = {
            urlsplit(document.resolve(node.attributes.get("href") or "")).hostname or ""
            for node in document.css("link[href]")
        }
        hosts |= {urlsplit(url).hostname or "" for face in facts.font_faces for url in face.sources}
        services = sorted({FONT_SERVICES[host] for host in hosts if host in FONT_SERVICES})
        rendered = artifacts.find(RenderedDesign)
        shown = rendered_fonts(rendered, facts) if rendered is not None else None
        if rendered is not None and shown is not None:
            families, system_font, source = shown, rendered.system_font, "rendered text"
        else:
            used = used_styles(document, facts)
            families = [family for family, _ in used.fonts.most_common()]
            system_font, source = used.system_font, "CSS of visible elements"
        details = {
            "families": families[:20],
            "services": services,
            "system_font": system_font,
            "source": source,
            "unloaded": list(rendered.unloaded_fonts) if rendered is not None else [],
        }
        if not families:
            if system_font:
                return AuditResult(
                    1.0,
                    "The visitor's system font",
                    details,
                    metrics={"font_family_count": 1},
                    facts={"fonts": [], "font_services": services},
                )
            if source == "rendered text":
                return AuditResult.not_applicable_because(
                    "the rendered text uses only the browser's default font", **details
                )
            return AuditResult.not_applicable_because(
                "no font family styles visible text", **details
            )
        count = len(families)
        score = 1.0 if count <= 3 else (0.5 if count <= 5 else 0.0)
        return AuditResult(
            score,
            ", ".join(families[:4]) + (f" and {count - 4} more" if count > 4 else ""),
            details,
            metrics={"font_family_count": count},
            facts={"fonts": families[:8], "font_services": services},
        )
