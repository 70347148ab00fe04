from __future__ import annotations

from typing import ClassVar
from urllib.parse import urlsplit

from aura.audit.artifacts import Artifacts, Document, HttpExchange
from aura.audit.base import Audit, AuditResult
from aura.audit.urls import site_of


class Canonical(Audit):
    id = "canonical"
    title = "Document has a valid rel=canonical"
    failure_title = "Document does not have a valid rel=canonical"
    description = (
        "A canonical link names the preferred URL of a page so search engines merge "
        "duplicates. It must be a single absolute URL on the same site."
    )
    category = "seo"
    requires: ClassVar[tuple[type[object], ...]] = (HttpExchange, Document)
    reads_rendered_dom = True

    def audit(self, artifacts: Artifacts) -> AuditResult:
        document = artifacts.get(Document)
        exchange = artifacts.get(HttpExchange)
        hrefs = [
            (node.attributes.get("href") or "").strip()
            for node in document.css("link[rel~=canonical]")
        ]
        for value in exchange.headers.get_all("link"):
            if 'rel="canonical"' in value or "rel=canonical" in value:
                hrefs.append(value.split(">", 1)[0].lstrip(" <"))
        if not hrefs:
            return AuditResult.not_applicable_because("no canonical link")
        distinct = sorted(set(hrefs))
        if len(distinct) > 1:
            return AuditResult.failed("Multiple conflicting URLs", urls=distinct)
        href = distinct[0]
        if not href or urlsplit(href).scheme not in ("http", "https"):
            return AuditResult.failed(f"Not an absolute URL: {href[:80]!r}", url=href)
        if site_of(href) != site_of(exchange.final_url):
            return AuditResult.failed("Points to another site", url=href)
        return AuditResult.passed(href, url=href)
