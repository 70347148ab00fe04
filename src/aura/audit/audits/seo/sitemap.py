from __future__ import annotations

from typing import ClassVar

from aura.audit.artifacts import Artifacts, Sitemap
from aura.audit.base import Audit, AuditResult


class SitemapAudit(Audit):
    id = "sitemap"
    title = "Site has an XML sitemap"
    failure_title = "No sitemap found"
    description = (
        "A sitemap (declared in robots.txt or at /sitemap.xml) tells search engines which "
        "pages exist and when they changed."
    )
    category = "seo"
    requires: ClassVar[tuple[type[object], ...]] = (Sitemap,)

    def audit(self, artifacts: Artifacts) -> AuditResult:
        sitemap = artifacts.get(Sitemap)
        if not sitemap.found:
            return AuditResult.failed("Not found", tried=list(sitemap.candidates))
        return AuditResult.passed(
            f"{sitemap.kind} with {sitemap.entry_count:,} entries",
            url=sitemap.url,
            kind=sitemap.kind,
            entries=sitemap.entry_count,
        )
