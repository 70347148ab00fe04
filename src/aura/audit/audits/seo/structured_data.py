from __future__ import annotations

from typing import ClassVar

from aura.audit.artifacts import Artifacts, Document
from aura.audit.base import Audit, AuditResult, plural
from aura.audit.structured import REQUIRED_PROPERTIES, extract, validate


class StructuredDataAudit(Audit):
    id = "structured-data"
    title = "Page has valid structured data"
    failure_title = "Page has no valid structured data"
    description = (
        "Structured data (JSON-LD, microdata or RDFa with schema.org types) lets search "
        "engines show rich results: products, reviews, articles, organisations. JSON-LD "
        "items are checked for the properties their type needs ("
        + ", ".join(sorted(REQUIRED_PROPERTIES)[:8])
        + ", …); microdata and RDFa only for their types."
    )
    category = "seo"
    requires: ClassVar[tuple[type[object], ...]] = (Document,)
    reads_rendered_dom = True

    def audit(self, artifacts: Artifacts) -> AuditResult:
        data = extract(artifacts.get(Document))
        types = data.types
        problems = validate(data)
        details = {
            "formats": data.formats,
            "types": types,
            "errors": data.json_ld_errors,
            "missing_properties": problems[:30],
        }
        facts = {"structured_data_types": types}
        if data.json_ld_errors and not types:
            return AuditResult(0.0, "Invalid JSON-LD", details, facts=facts)
        if not types:
            return AuditResult(0.0, "None found", details, facts=facts)
        if problems:
            shown = f"{', '.join(types[:4])}; {plural(len(problems), 'missing property')}"
            return AuditResult(0.5, shown, details, facts=facts)
        score = 0.75 if data.json_ld_errors else 1.0
        return AuditResult(score, ", ".join(types[:6]), details, facts=facts)
