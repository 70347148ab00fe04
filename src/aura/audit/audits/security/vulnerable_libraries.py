from __future__ import annotations

from typing import Any, ClassVar

from aura.audit.artifacts import Artifacts
from aura.audit.base import Audit, AuditResult, plural
from aura.audit.technology import TechnologyReport
from aura.audit.technology.vulnerable import SOURCE, advisories_for, tracked_libraries


class VulnerableLibraries(Audit):
    id = "vulnerable-libraries"
    title = "No front-end library with known vulnerabilities"
    failure_title = "Front-end libraries with known vulnerabilities"
    description = (
        "Old versions of jQuery, Bootstrap, AngularJS, Lodash and similar libraries have "
        "published vulnerabilities that attackers look for. Versions come from technology "
        f"detection; advisories from {SOURCE}."
    )
    category = "security"
    requires: ClassVar[tuple[type[object], ...]] = (TechnologyReport,)

    def audit(self, artifacts: Artifacts) -> AuditResult:
        report = artifacts.get(TechnologyReport)
        if report.unavailable is not None:
            return AuditResult.not_applicable_because(report.unavailable)
        tracked = tracked_libraries()
        libraries = [d for d in report.detections if d.name in tracked]
        if not libraries:
            return AuditResult.not_applicable_because("No tracked library detected")
        vulnerable: list[dict[str, Any]] = []
        unknown: list[str] = []
        checked: list[dict[str, Any]] = []
        for detection in libraries:
            if not detection.version:
                unknown.append(detection.name)
                continue
            found = advisories_for(detection.name, detection.version)
            checked.append({"library": detection.name, "version": detection.version})
            if found:
                vulnerable.append(
                    {
                        "library": detection.name,
                        "version": detection.version,
                        "severity": max((a.severity for a in found), key=_severity_rank),
                        "fixed_in": max(
                            (a.fixed for a in found if a.fixed), key=_version_rank, default=None
                        ),
                        "advisories": [
                            {"ids": list(a.identifiers), "summary": a.summary} for a in found
                        ],
                    }
                )
        details = {"items": vulnerable, "checked": checked, "version_unknown": unknown}
        if vulnerable:
            names = ", ".join(f"{v['library']} {v['version']}" for v in vulnerable)
            return AuditResult(
                0.0, f"{plural(len(vulnerable), 'library', 'libraries')}: {names}", details
            )
        if not checked:
            return AuditResult.not_applicable_because(
                "Version unknown for " + ", ".join(unknown), **details
            )
        return AuditResult(1.0, f"{plural(len(checked), 'library', 'libraries')} checked", details)


def _severity_rank(severity: str) -> int:
    return {"low": 0, "medium": 1, "high": 2}.get(severity, 1)


def _version_rank(version: str) -> tuple[int, ...]:
    return tuple(int(part) for part in version.split(".") if part.isdigit())
