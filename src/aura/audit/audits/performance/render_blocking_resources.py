from __future__ import annotations

from typing import ClassVar

from aura.audit.artifacts import Artifacts, Document
from aura.audit.base import Audit, AuditResult, linear_score, plural

#: Media types a screen matches; any other type (``print``, ``speech``, the retired ``tv``
#: or ``handheld``, a made-up ``x``) never applies to it, so the browser loads the sheet
#: without holding the first paint for it.
SCREEN_MEDIA_TYPES = frozenset({"all", "screen"})


def applies_to_screen(media: str | None) -> bool:
    """Whether a stylesheet's ``media`` list can match a screen (then the sheet blocks).

    Each comma-separated query counts: ``only`` is ignored, ``not all`` matches nothing,
    ``not print`` matches a screen, and a query of conditions alone (``(min-width: …)``)
    is taken as possibly matching, since it depends on the viewport.
    """
    text = (media or "").strip().lower()
    if not text:
        return True
    for query in text.split(","):
        words = query.split()
        if not words:
            continue
        negated = words[0] == "not"
        if words[0] in ("only", "not"):
            words = words[1:]
        media_type = words[0] if words and not words[0].startswith("(") else "all"
        matches = media_type in SCREEN_MEDIA_TYPES
        if matches != negated or (negated and len(words) > 1):
            return True
    return False


class RenderBlockingResources(Audit):
    id = "render-blocking-resources"
    title = "No render-blocking resources in the head"
    failure_title = "Eliminate render-blocking resources"
    description = (
        "Stylesheets and synchronous scripts in the `<head>` hold back the first paint until "
        "they are downloaded, one round trip or more each on a mobile network. Inline "
        "critical CSS, defer scripts (`defer`, `async`, `type=module`) and load the rest "
        "later. Stylesheets whose `media` cannot match a screen (`print`) do not block."
    )
    category = "performance"
    requires: ClassVar[tuple[type[object], ...]] = (Document,)

    def audit(self, artifacts: Artifacts) -> AuditResult:
        document = artifacts.get(Document)
        blocking: list[dict[str, str]] = []
        for node in document.css("head link[rel~=stylesheet][href]"):
            rel = (node.attributes.get("rel") or "").lower().split()
            if "alternate" in rel or "disabled" in node.attributes:
                continue
            if applies_to_screen(node.attributes.get("media")):
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
        # Like Lighthouse, one blocking request already fails: it delays the first paint
        # by at least a round trip on a mobile connection.
        score = linear_score(len(blocking), good=0, poor=6)
        return AuditResult(score, plural(len(blocking), "blocking resource"), {"items": blocking})
