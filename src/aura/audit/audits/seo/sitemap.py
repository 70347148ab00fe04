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
        "pages exist and when they changed. Each entry's `<loc>` must be a full URL "
        "(`https://example.com/page`): search engines skip relative ones (`/page`)."
    )
    category = "seo"
    requires: ClassVar[tuple[type[object], ...]] = (Sitemap,)

    def audit(self, artifacts: Artifacts) -> AuditResult:
        sitemap = artifacts.get(Sitemap)
        if not sitemap.found:
            return AuditResult.failed("Not found", tried=list(sitemap.candidates))
        if sitemap.relative_entries:
            return AuditResult.failed(
                f"{sitemap.relative_entries:,} of {sitemap.entry_count:,} entries are not full "
                "URLs",
                url=sitemap.url,
                kind=sitemap.kind,
                entries=sitemap.entry_count,
                relative_entries=sitemap.relative_entries,
                example=sitemap.relative_example,
            )
        return AuditResult.passed(
            f"{sitemap.kind} with {sitemap.entry_count:,} entries",
            url=sitemap.url,
            kind=sitemap.kind,
            entries=sitemap.entry_count,
        )
