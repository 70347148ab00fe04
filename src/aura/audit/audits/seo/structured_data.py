from __future__ import annotations

from typing import ClassVar

from aura.audit.artifacts import Artifacts, Document
from aura.audit.base import Audit, AuditResult
from aura.audit.structured import extract


class StructuredDataAudit(Audit):
    id = "structured-data"
    title = "Page has structured data"
    failure_title = "Page has no valid structured data"
    description = (
        "Structured data (JSON-LD, microdata or RDFa with schema.org types) lets search "
        "engines show rich results: products, reviews, articles, organisations."
    )
    category = "seo"
    requires: ClassVar[tuple[type[object], ...]] = (Document,)
    reads_rendered_dom = True

    def audit(self, artifacts: Artifacts) -> AuditResult:
        data = extract(artifacts.get(Document))
        types = data.types
        details = {"formats": data.formats, "types": types, "errors": data.json_ld_errors}
        facts = {"structured_data_types": types}
        if data.json_ld_errors and not types:
            return AuditResult(0.0, "Invalid JSON-LD", details, facts=facts)
        if not types:
            return AuditResult(0.0, "None found", details, facts=facts)
        score = 0.75 if data.json_ld_errors else 1.0
        return AuditResult(score, ", ".join(types[:6]), details, facts=facts)
