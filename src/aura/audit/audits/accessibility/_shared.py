"""The shape most accessibility audits share: candidates, and those that fail (not an audit)."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from selectolax.lexbor import LexborNode

from aura.audit.base import AuditResult, plural
from aura.audit.dom import describe


def node_check(
    candidates: Sequence[LexborNode],
    fails: Callable[[LexborNode], bool],
    *,
    nothing: str,
    noun: str = "element",
) -> AuditResult:
    """Binary like axe-core: one failing element fails the audit; none to check is N/A."""
    if not candidates:
        return AuditResult.not_applicable_because(nothing)
    failing = [describe(node) for node in candidates if fails(node)]
    if failing:
        return AuditResult.failed(
            f"{plural(len(failing), noun)} failing", items=failing[:50], checked=len(candidates)
        )
    return AuditResult.passed(items=[], checked=len(candidates))
