from __future__ import annotations

from typing import ClassVar

from aura.audit.artifacts import Artifacts, Document
from aura.audit.base import Audit, AuditResult


class Bypass(Audit):
    id = "bypass"
    title = "The page has a main landmark or a skip link"
    failure_title = "The page has no main landmark or skip link"
    description = (
        'A `<main>` landmark or a "skip to content" link lets keyboard and screen reader '
        "users jump past repeated navigation."
    )
    category = "accessibility"
    requires: ClassVar[tuple[type[object], ...]] = (Document,)
    reads_rendered_dom = True

    def audit(self, artifacts: Artifacts) -> AuditResult:
        document = artifacts.get(Document)
        has_main = document.first("main, [role=main]") is not None
        skip_link = None
        for node in document.css("a[href^='#']")[:10]:
            target = (node.attributes.get("href") or "")[1:]
            if target and target in document.ids:
                skip_link = target
                break
        ok = has_main or skip_link is not None
        shown = "main landmark" if has_main else (f"skip link to #{skip_link}" if skip_link else "")
        return AuditResult.binary(ok, shown, main_landmark=has_main, skip_link=skip_link)
