"""One Observatory test as an audit (not an audit itself)."""

from __future__ import annotations

from typing import ClassVar

from aura.audit.artifacts import Artifacts, Document, HttpExchange, HttpRedirection
from aura.audit.base import Audit, AuditResult
from aura.audit.observatory import TESTS, ObservatoryInput


def observatory_input(artifacts: Artifacts) -> ObservatoryInput:
    return ObservatoryInput(
        artifacts.get(HttpExchange), artifacts.get(Document), artifacts.find(HttpRedirection)
    )


class ObservatoryTestAudit(Audit):
    """Passes when the Observatory modifier is not negative; details carry the result."""

    category = "security"
    requires: ClassVar[tuple[type[object], ...]] = (HttpExchange, Document)

    def audit(self, artifacts: Artifacts) -> AuditResult:
        outcome = TESTS[self.id](observatory_input(artifacts))
        return AuditResult(
            1.0 if outcome.passed else 0.0,
            f"{outcome.description} ({outcome.modifier:+d})",
            {"result": outcome.result, "modifier": outcome.modifier},
        )
