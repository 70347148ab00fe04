from __future__ import annotations

from typing import ClassVar

from aura.audit.artifacts import Artifacts, Document
from aura.audit.base import Audit, AuditResult


def viewport_properties(content: str) -> dict[str, str]:
    properties = {}
    for part in content.replace(";", ",").split(","):
        key, _, value = part.partition("=")
        if key.strip():
            properties[key.strip().lower()] = value.strip().lower()
    return properties


class Viewport(Audit):
    id = "viewport"
    title = 'Has a <meta name="viewport"> tag with width or initial-scale'
    failure_title = 'Does not have a <meta name="viewport"> tag with width or initial-scale'
    description = (
        "Without a viewport tag with `width=device-width` or `initial-scale`, mobile "
        "browsers render the page at desktop width and shrink it."
    )
    category = "seo"
    requires: ClassVar[tuple[type[object], ...]] = (Document,)
    reads_rendered_dom = True

    def audit(self, artifacts: Artifacts) -> AuditResult:
        content = artifacts.get(Document).meta("viewport")
        if content is None:
            return AuditResult.failed("No viewport meta tag", content=None)
        properties = viewport_properties(content)
        ok = "width" in properties or "initial-scale" in properties
        return AuditResult.binary(ok, "" if ok else "No width or initial-scale", content=content)
