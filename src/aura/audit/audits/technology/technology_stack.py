from __future__ import annotations

from typing import Any, ClassVar

from aura.audit.artifacts import Artifacts
from aura.audit.base import Audit, AuditResult, plural
from aura.audit.technology import TechnologyReport


class TechnologyStack(Audit):
    id = "technology-stack"
    title = "Technology stack"
    failure_title = "Technology stack"
    description = (
        "The CMS, frameworks, libraries, analytics, tag managers, CDNs and other software "
        "the page shows signs of, matched against the open Wappalyzer-format fingerprints, "
        "with the evidence for each."
    )
    category = "technology"
    informative = True
    requires: ClassVar[tuple[type[object], ...]] = (TechnologyReport,)

    def audit(self, artifacts: Artifacts) -> AuditResult:
        report = artifacts.get(TechnologyReport)
        if report.unavailable is not None:
            return AuditResult(
                None,
                report.unavailable,
                {"status": "unavailable", "reason": report.unavailable},
                facts={
                    "technologies": None,
                    "technology_detection": {"status": "unavailable", "reason": report.unavailable},
                },
            )
        items = [detection.as_dict() for detection in report.detections]
        versioned = sum(1 for d in report.detections if d.version)
        shown = ", ".join(
            f"{d.name} {d.version}" if d.version else d.name for d in report.detections[:8]
        )
        display = plural(len(items), "technology", "technologies") + (
            f": {shown}" + ("…" if len(items) > 8 else "") if items else " detected"
        )
        summary: list[dict[str, Any]] = [
            {
                "name": d.name,
                "version": d.version,
                "categories": [c.name for c in d.categories],
                "confidence": d.confidence,
            }
            for d in report.detections
        ]
        return AuditResult(
            None,
            display,
            {
                "status": "ok",
                "items": items,
                "fingerprints": dict(report.fingerprints),
                "dns": report.dns_error or "looked up",
                "elapsed_ms": report.elapsed_ms,
            },
            metrics={"technology_count": len(items), "technology_versioned_count": versioned},
            facts={
                "technologies": summary,
                "technology_detection": {
                    "status": "ok",
                    "fingerprints": dict(report.fingerprints),
                },
            },
        )
