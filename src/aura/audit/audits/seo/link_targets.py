from __future__ import annotations

import re
from typing import ClassVar

from selectolax.lexbor import LexborNode

from aura.audit.artifacts import Artifacts, Document
from aura.audit.base import Audit, AuditResult, plural
from aura.audit.dom import describe, is_hidden, text_of
from aura.audit.gatherers.links import LinkTargets

_PLACEHOLDER_HREF = re.compile(r"^(?:#!?|javascript:\s*(?:void\s*\(?\s*0\s*\)?|;?)\s*;?)$", re.I)
#: Signs that a script gives the "link" its behaviour (a menu toggle, a carousel control).
_SCRIPT_HOOKS = ("onclick", "role", "aria-controls", "aria-expanded", "aria-haspopup")
_BACK_TO_TOP = re.compile(r"\b(?:top|up)\b|^[\u2191\u25b2^]$", re.I)


def placeholder_link(node: LexborNode) -> bool:
    """A link that leads nowhere (``#``, ``#!``, ``javascript:void(0)``) and that no script
    visibly takes over: a template's "Privacy" or "Terms" never filled in. "Back to top"
    links to ``#`` are left alone: they do what they say."""
    href = (node.attributes.get("href") or "").strip()
    if not _PLACEHOLDER_HREF.match(href):
        return False
    attributes = node.attributes
    if any(name in attributes for name in _SCRIPT_HOOKS):
        return False
    if any(name.startswith("data-") and "toggle" in name for name in attributes):
        return False
    return not (href == "#" and _BACK_TO_TOP.search(text_of(node)))


class LinkTargetsAudit(Audit):
    id = "link-targets"
    title = "Links lead somewhere"
    failure_title = "Links are placeholders or lead to error pages"
    description = (
        "Links whose target is `#`, `#!` or `javascript:void(0)` without a script taking "
        "them over, and same-site links answering 4xx or 5xx, are dead ends for visitors "
        "and crawlers. Up to 20 same-site targets are requested (through the same guarded "
        "fetcher as the page); links to other sites are not."
    )
    category = "seo"
    requires: ClassVar[tuple[type[object], ...]] = (Document, LinkTargets)
    reads_rendered_dom = True

    def audit(self, artifacts: Artifacts) -> AuditResult:
        document = artifacts.get(Document)
        targets = artifacts.get(LinkTargets)
        links = [node for node in document.css("a[href]") if not is_hidden(node)]
        if not links:
            return AuditResult.not_applicable_because("no links")
        placeholders = [
            {"link": describe(node), "text": text_of(node)[:80]}
            for node in links
            if placeholder_link(node)
        ]
        broken = [
            {"url": check.url, "status_code": check.status_code}
            for check in targets.checked
            if check.broken
        ]
        details = {
            "placeholders": placeholders[:50],
            "broken": broken,
            "checked": len(targets.checked),
            "not_checked": targets.unchecked,
            "unreachable": [
                {"url": check.url, "error": check.error}
                for check in targets.checked
                if check.error is not None
            ][:20],
        }
        parts = []
        if broken:
            parts.append(plural(len(broken), "broken link"))
        if placeholders:
            parts.append(plural(len(placeholders), "placeholder link"))
        if broken:
            return AuditResult(0.0, ", ".join(parts), details)
        if placeholders:
            return AuditResult(0.5, ", ".join(parts), details)
        return AuditResult(
            1.0, f"{plural(len(targets.checked), 'same-site link')} checked", details
        )
