from __future__ import annotations

from typing import Any, ClassVar

from aura.audit.artifacts import Artifacts
from aura.audit.base import Audit, AuditResult, plural
from aura.audit.technology import TechnologyReport
from aura.audit.technology.refine import CONFIDENCE_FLOOR


class TechnologyStack(Audit):
    id = "technology-stack"
    title = "Technology stack"
    failure_title = "Technology stack"
    description = (
        "The CMS, frameworks, libraries, analytics, tag managers, CDNs and other software "
        "the page shows signs of, matched against the open Wappalyzer-format fingerprints, "
        "with the evidence for each. A technology seen only through weak evidence (a part "
        f"of a link or class name) has a confidence below {CONFIDENCE_FLOOR} and is listed "
        "as possible, not as part of the stack."
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
        established = [d for d in report.detections if d.confidence >= CONFIDENCE_FLOOR]
        possible = [d for d in report.detections if d.confidence < CONFIDENCE_FLOOR]
        items = [detection.as_dict() for detection in established]
        versioned = sum(1 for d in established if d.version)
        shown = ", ".join(f"{d.name} {d.version}" if d.version else d.name for d in established[:8])
        display = plural(len(items), "technology", "technologies") + (
            f": {shown}" + ("…" if len(items) > 8 else "") if items else " detected"
        )
        if possible:
            display += f"; possibly {', '.join(d.name for d in possible[:4])}"

        def summary_of(found: list[Any]) -> list[dict[str, Any]]:
            return [
                {
                    "name": d.name,
                    "version": d.version,
                    "categories": [c.name for c in d.categories],
                    "confidence": d.confidence,
                }
                for d in found
            ]

        summary = summary_of(established)
        return AuditResult(
            None,
            display,
            {
                "status": "ok",
                "items": items,
                "possible": [detection.as_dict() for detection in possible],
                "confidence_floor": CONFIDENCE_FLOOR,
                "fingerprints": dict(report.fingerprints),
                "dns": report.dns_error or "looked up",
                "elapsed_ms": report.elapsed_ms,
            },
            metrics={"technology_count": len(items), "technology_versioned_count": versioned},
            facts={
                "technologies": summary,
                "technologies_possible": summary_of(possible),
                "technology_detection": {
                    "status": "ok",
                    "fingerprints": dict(report.fingerprints),
                },
            },
        )
