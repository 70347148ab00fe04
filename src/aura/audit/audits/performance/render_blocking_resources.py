from __future__ import annotations

from typing import ClassVar

from aura.audit.artifacts import Artifacts, Document
from aura.audit.base import Audit, AuditResult, linear_score, plural

NON_BLOCKING_MEDIA = frozenset({"print", "speech", "none"})


class RenderBlockingResources(Audit):
    id = "render-blocking-resources"
    title = "No render-blocking resources in the head"
    failure_title = "Eliminate render-blocking resources"
    description = (
        "Stylesheets and synchronous scripts in the `<head>` hold back the first paint until "
        "they are downloaded. Inline critical CSS, defer scripts (`defer`, `async`, "
        "`type=module`) and load the rest later."
    )
    category = "performance"
    requires: ClassVar[tuple[type[object], ...]] = (Document,)

    def audit(self, artifacts: Artifacts) -> AuditResult:
        document = artifacts.get(Document)
        blocking: list[dict[str, str]] = []
        for node in document.css("head link[rel~=stylesheet][href]"):
            media = (node.attributes.get("media") or "all").strip().lower()
            if media not in NON_BLOCKING_MEDIA and "disabled" not in node.attributes:
                href = node.attributes.get("href") or ""
                blocking.append({"url": document.resolve(href), "type": "stylesheet"})
        for node in document.css("head script[src]"):
            attributes = node.attributes
            kind = (attributes.get("type") or "").strip().lower()
            if "async" in attributes or "defer" in attributes or kind == "module":
                continue
            if kind and kind not in ("text/javascript", "application/javascript"):
                continue
            blocking.append(
                {"url": document.resolve(attributes.get("src") or ""), "type": "script"}
            )
        score = linear_score(len(blocking), good=1, poor=8)
        return AuditResult(score, plural(len(blocking), "blocking resource"), {"items": blocking})
