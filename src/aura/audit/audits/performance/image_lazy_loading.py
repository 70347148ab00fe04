from __future__ import annotations

from typing import ClassVar

from aura.audit.artifacts import Artifacts, Document
from aura.audit.base import Audit, AuditResult, plural
from aura.audit.browser.artifacts import RenderedDom
from aura.audit.dom import describe

#: Images this early in the document are likely above the fold and should load eagerly.
EAGER_IMAGES = 3
#: Below this many bytes deferring an image saves too little to mention (Lighthouse: 2 KiB).
MIN_BYTES = 2048


class ImageLazyLoading(Audit):
    id = "image-lazy-loading"
    title = "Images further down the page load lazily"
    failure_title = "Defer offscreen images"
    description = (
        'Images below the fold can wait: `loading="lazy"` lets the browser fetch them only '
        "when they come near the viewport. In browser mode the phone's render says which "
        "images that loaded lie below its first screen; without rendering, images after "
        "the first few in the document are taken to be below the fold."
    )
    category = "performance"
    requires: ClassVar[tuple[type[object], ...]] = (Document,)
    optional: ClassVar[tuple[type[object], ...]] = (RenderedDom,)
    reads_rendered_dom = True

    def audit(self, artifacts: Artifacts) -> AuditResult:
        rendered = artifacts.find(RenderedDom)
        if rendered is not None and rendered.screen_height is not None:
            placed = [i for i in rendered.images if i.kind == "img" and i.top is not None]
            if placed:
                return _below_the_first_screen(rendered, rendered.screen_height)
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


def _below_the_first_screen(rendered: RenderedDom, screen_height: int) -> AuditResult:
    """The phone's verdict: the images that loaded below its first screen, eagerly."""
    later = [
        image
        for image in rendered.images
        if image.kind == "img" and image.top is not None and image.top >= screen_height
    ]
    if not later:
        return AuditResult.not_applicable_because(
            f"no image below the phone's first screen ({screen_height} px)"
        )
    eager = [
        image
        for image in later
        if not image.lazy and (image.bytes == 0 or image.bytes >= MIN_BYTES)
    ]
    score = round(1 - len(eager) / len(later), 3)
    items = [{"url": image.url, "top_px": image.top, "bytes": image.bytes} for image in eager]
    return AuditResult(
        score,
        f"{plural(len(eager), 'image')} below the first screen could load lazily" if eager else "",
        {"items": items[:50], "candidates": len(later), "judged_on": f"{rendered.profile} render"},
    )
