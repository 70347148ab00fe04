from __future__ import annotations

from typing import ClassVar

from aura.audit.artifacts import Artifacts, Document, HttpExchange, HttpRedirection
from aura.audit.audits.security._shared import observatory_input
from aura.audit.base import Audit, AuditResult
from aura.audit.observatory import evaluate


class ObservatoryGrade(Audit):
    id = "observatory-grade"
    title = "HTTP Observatory-style grade"
    failure_title = "HTTP Observatory-style grade is low"
    description = (
        "The score and letter grade (A+ to F) of the twelve Observatory tests: 100 to start, "
        "plus each test's modifier, bonuses only for sites already at 90 or more."
    )
    category = "security"
    requires: ClassVar[tuple[type[object], ...]] = (HttpExchange, Document, HttpRedirection)

    def audit(self, artifacts: Artifacts) -> AuditResult:
        report = evaluate(observatory_input(artifacts))
        tests = [
            {
                "test": outcome.test,
                "result": outcome.result,
                "modifier": outcome.modifier,
                "passed": outcome.passed,
                "description": outcome.description,
            }
            for outcome in report.outcomes
        ]
        return AuditResult(
            min(report.score, 100) / 100,
            f"{report.grade} ({report.score}/100)",
            {"score": report.score, "grade": report.grade, "passed": report.passed, "tests": tests},
            metrics={"observatory_score": report.score},
            facts={"security_grade": report.grade, "observatory_score": report.score},
        )
