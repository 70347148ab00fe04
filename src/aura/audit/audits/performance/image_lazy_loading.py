from __future__ import annotations

from typing import ClassVar

from aura.audit.artifacts import Artifacts, Document
from aura.audit.base import Audit, AuditResult, plural
from aura.audit.dom import describe

#: Images this early in the document are likely above the fold and should load eagerly.
EAGER_IMAGES = 3


class ImageLazyLoading(Audit):
    id = "image-lazy-loading"
    title = "Images further down the page load lazily"
    failure_title = "Defer offscreen images"
    description = (
        'Images below the fold can wait: `loading="lazy"` lets the browser fetch them only '
        "when they come near the viewport. Without rendering, images after the first few in "
        "the document are taken to be below the fold."
    )
    category = "performance"
    requires: ClassVar[tuple[type[object], ...]] = (Document,)
    reads_rendered_dom = True

    def audit(self, artifacts: Artifacts) -> AuditResult:
        images = [
            node
            for node in artifacts.get(Document).css("img[src], img[srcset]")
            if not (node.attributes.get("src") or "").startswith("data:")
        ]
        later = images[EAGER_IMAGES:]
        if not later:
            return AuditResult.not_applicable_because(
                f"{plural(len(images), 'image')}: none far down the page"
            )
        eager = [
            describe(node)
            for node in later
            if (node.attributes.get("loading") or "").strip().lower() != "lazy"
        ]
        score = round(1 - len(eager) / len(later), 3)
        return AuditResult(
            score,
            f"{plural(len(eager), 'image')} could load lazily" if eager else "",
            {"items": eager[:50], "candidates": len(later)},
        )
