from __future__ import annotations

from typing import ClassVar

from aura.audit.artifacts import Artifacts, Document, Stylesheets
from aura.audit.base import Audit, AuditResult


class DarkMode(Audit):
    id = "dark-mode"
    title = "Supports dark mode"
    failure_title = "Does not support dark mode"
    description = (
        "Honouring `prefers-color-scheme: dark` (or declaring `color-scheme`) lets the page "
        "follow the visitor's system theme."
    )
    category = "design"
    requires: ClassVar[tuple[type[object], ...]] = (Document, Stylesheets)

    def audit(self, artifacts: Artifacts) -> AuditResult:
        facts = artifacts.get(Stylesheets).facts
        meta = "dark" in (artifacts.get(Document).meta("color-scheme") or "").lower()
        ok = facts.has_dark_mode or meta
        return AuditResult.binary(ok, "" if ok else "No dark theme", color_scheme_meta=meta)
