from __future__ import annotations

from typing import ClassVar

from aura.audit.artifacts import Artifacts, Document
from aura.audit.base import Audit, AuditResult, plural
from aura.audit.dom import describe


class CrawlableAnchors(Audit):
    id = "crawlable-anchors"
    title = "Links are crawlable"
    failure_title = "Links are not crawlable"
    description = (
        "Crawlers follow `<a href>` to real URLs. Links without an href, with "
        "`javascript:` URLs or driven only by click handlers are invisible to them."
    )
    category = "seo"
    requires: ClassVar[tuple[type[object], ...]] = (Document,)
    reads_rendered_dom = True

    def audit(self, artifacts: Artifacts) -> AuditResult:
        anchors = artifacts.get(Document).css("a")
        if not anchors:
            return AuditResult.not_applicable_because("no links")
        bad = []
        for node in anchors:
            attributes = node.attributes
            href = attributes.get("href")
            if href is None:
                if "onclick" in attributes or (attributes.get("role") or "") == "link":
                    bad.append(describe(node))
                continue
            value = href.strip().lower()
            if value.startswith("javascript:") or (value in ("", "#") and "onclick" in attributes):
                bad.append(describe(node))
        if bad:
            return AuditResult(
                round(max(0.0, 1 - len(bad) / len(anchors)) * 0.5, 3),
                plural(len(bad), "uncrawlable link"),
                {"items": bad[:50]},
            )
        return AuditResult.passed(links=len(anchors))
