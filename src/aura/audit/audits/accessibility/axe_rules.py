from __future__ import annotations

from typing import ClassVar

from aura.audit.artifacts import Artifacts
from aura.audit.audits import audits_by_id
from aura.audit.audits.accessibility._axe import IMPACT_WEIGHTS, OWN_AUDITS, rule_details
from aura.audit.base import Audit, AuditResult, plural
from aura.audit.browser.artifacts import AxeReport


class AxeRules(Audit):
    id = "axe-rules"
    title = "The rendered page passes axe-core's rules"
    failure_title = "The rendered page breaks axe-core rules"
    description = (
        "axe-core's WCAG 2.2 A/AA and best-practice rules on the page as the browser shows "
        "it, scripts included. Each rule weighs by the impact axe-core gives it; rules that "
        "Aura also checks statically, or in an audit of their own, are listed but not "
        "counted twice."
    )
    category = "accessibility"
    requires: ClassVar[tuple[type[object], ...]] = (AxeReport,)

    def audit(self, artifacts: Artifacts) -> AuditResult:
        report = artifacts.get(AxeReport)
        counted_elsewhere = OWN_AUDITS | set(audits_by_id())
        earned = possible = 0.0
        for rule, passed in [(r, False) for r in report.violations] + [
            (r, True) for r in report.passes
        ]:
            if rule.id in counted_elsewhere:
                continue
            weight = IMPACT_WEIGHTS.get(rule.impact or "", IMPACT_WEIGHTS["moderate"])
            possible += weight
            earned += weight if passed else 0
        violations = [rule_details(rule) for rule in report.violations]
        by_impact = {
            impact: sum(1 for rule in report.violations if rule.impact == impact)
            for impact in IMPACT_WEIGHTS
        }
        details = {
            "axe_core": report.version,
            "violations": violations,
            "by_impact": by_impact,
            "incomplete": list(report.incomplete),
            "passed_rules": len(report.passes),
        }
        metrics: dict[str, float | int | None] = {
            "axe_violations": len(report.violations),
            "axe_critical": by_impact["critical"],
            "axe_serious": by_impact["serious"],
        }
        shown = plural(len(report.violations), "rule") + " violated" if violations else ""
        if possible == 0:
            return AuditResult(None, shown, details, not_applicable=True, metrics=metrics)
        return AuditResult(round(earned / possible, 3), shown, details, metrics=metrics)
