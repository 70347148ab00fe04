from __future__ import annotations

import re
from typing import ClassVar
from urllib.parse import urljoin

from selectolax.lexbor import LexborNode

from aura.audit.artifacts import Artifacts, Document
from aura.audit.base import Audit, AuditResult, plural
from aura.audit.dom import describe

_JAVASCRIPT_VOID = re.compile(r"javascript:void\(?0\)?", re.I)
#: Attributes that only make sense on a link with an href (HTML's rules for ``<a>``).
_HREF_ATTRIBUTES = ("target", "download", "ping", "rel", "hreflang", "type", "referrerpolicy")


def uncrawlable(node: LexborNode, base: str) -> bool:
    """Whether a crawler following hrefs cannot use this anchor, by Lighthouse's rules:
    no href at all, an empty one, ``javascript:void(0)``, ``file:`` or an unparsable URL.
    Anchors with a role, a ``name``, a bare ``id`` (a target, not a link), ``mailto:`` links
    and placeholders marked ``aria-current`` are left alone."""
    attributes = node.attributes
    raw = re.sub(r"\s", "", attributes.get("href") or "")
    if (attributes.get("role") or "").strip() or raw.lower().startswith("mailto:"):
        return False
    if not raw and (attributes.get("id") or "").strip():
        return False
    if raw.lower().startswith("file:"):
        return True
    if (attributes.get("name") or "").strip():
        return False
    if "href" not in attributes:
        placeholder = (attributes.get("aria-current") or "").strip() in ("page", "location")
        return not placeholder or any(name in attributes for name in _HREF_ATTRIBUTES)
    if _JAVASCRIPT_VOID.search(raw):
        return True
    try:
        urljoin(base, raw)
    except ValueError:
        return True
    return False


class CrawlableAnchors(Audit):
    id = "crawlable-anchors"
    title = "Links are crawlable"
    failure_title = "Links are not crawlable"
    description = (
        "Crawlers follow `<a href>` to real URLs. Anchors without an href, with "
        "`javascript:void(0)`, `file:` or unparsable URLs lead them nowhere (the rules of "
        "Lighthouse's audit of the same name)."
    )
    category = "seo"
    requires: ClassVar[tuple[type[object], ...]] = (Document,)
    reads_rendered_dom = True

    def audit(self, artifacts: Artifacts) -> AuditResult:
        document = artifacts.get(Document)
        anchors = document.css("a")
        if not anchors:
            return AuditResult.not_applicable_because("no links")
        bad = [describe(node) for node in anchors if uncrawlable(node, document.base_url)]
        if bad:
            return AuditResult.failed(plural(len(bad), "uncrawlable link"), items=bad[:50])
        return AuditResult.passed(links=len(anchors))
