"""Reading axe-core's verdicts (browser mode); shared by the axe-backed audits (not an audit)."""

from __future__ import annotations

from typing import Any

from aura.audit.base import AuditResult, plural
from aura.audit.browser.artifacts import AxeReport, AxeRule

#: How much a rule counts by the impact axe-core gives it (the harm to the people affected).
IMPACT_WEIGHTS = {"critical": 10, "serious": 7, "moderate": 3, "minor": 1}
#: Rules with an audit of their own.
OWN_AUDITS = frozenset({"color-contrast", "target-size"})


def rule_details(rule: AxeRule) -> dict[str, Any]:
    return {
        "id": rule.id,
        "impact": rule.impact,
        "help": rule.help,
        "help_url": rule.help_url,
        "elements": rule.node_count,
        "items": [
            {"target": node.target, "html": node.html, "summary": node.summary}
            for node in rule.nodes
        ],
    }


def rule_result(report: AxeReport, rule_id: str, noun: str) -> AuditResult:
    """Binary like axe-core: any failing element fails; a rule that did not apply is N/A."""
    violation = report.violation(rule_id)
    if violation is not None:
        return AuditResult(
            0.0,
            f"{plural(violation.node_count, noun)} failing",
            {**rule_details(violation), "axe_core": report.version},
        )
    if report.ran(rule_id):
        return AuditResult.passed(impact=None, items=[], axe_core=report.version)
    if rule_id in report.incomplete:
        return AuditResult.not_applicable_because(
            "axe-core could not decide (needs a manual check)", axe_core=report.version
        )
    return AuditResult.not_applicable_because(
        f"nothing on the page for this rule to check ({noun}s)", axe_core=report.version
    )
