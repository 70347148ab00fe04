from __future__ import annotations

from typing import Any, ClassVar

from aura.audit.artifacts import Artifacts, Document, Stylesheets, Subresources
from aura.audit.base import Audit, AuditResult
from aura.audit.browser.artifacts import RenderedDom
from aura.audit.health import linked_stylesheets

#: Sub-pixel rounding: a document this much wider than the screen still fits it.
TOLERANCE_PX = 1


class ResponsiveDesign(Audit):
    id = "responsive-design"
    title = "Adapts to screen sizes"
    failure_title = "Does not adapt to screen sizes"
    description = (
        "A responsive page has a device-width viewport and a layout that reflows to the "
        "screen. In browser mode this is read from the phone's render: the layout viewport "
        "is the screen's width and nothing makes the page scroll sideways, whether the "
        "layout comes from CSS media queries or from a script's breakpoints. Without a "
        "browser, from the markup: a device-width viewport, width media queries and "
        "responsive images; when linked stylesheets failed to load and the CSS that did load "
        "has no width media query, whether the page adapts cannot be told."
    )
    category = "design"
    requires: ClassVar[tuple[type[object], ...]] = (Document, Stylesheets)
    optional: ClassVar[tuple[type[object], ...]] = (RenderedDom, Subresources)
    # A script may add the viewport (skel.js does, below some width).
    reads_rendered_dom = True

    def audit(self, artifacts: Artifacts) -> AuditResult:
        document = artifacts.get(Document)
        facts = artifacts.get(Stylesheets).facts
        viewport = "device-width" in (document.meta("viewport") or "").lower()
        width_queries = [q for q in facts.media_queries if "width" in q]
        srcset = document.first("img[srcset], source[srcset]") is not None
        details: dict[str, Any] = {
            "viewport_device_width": viewport,
            "media_queries": sorted(width_queries)[:30],
            "responsive_images": srcset,
        }
        rendered = artifacts.find(RenderedDom)
        if rendered is not None:
            judged = _from_the_render(rendered, viewport, details)
            if judged is not None:
                return judged
        subresources = artifacts.find(Subresources)
        linked, loaded = linked_stylesheets(subresources) if subresources else (0, 0)
        if viewport and not width_queries and loaded < linked:
            # The media queries may well be in the stylesheets that did not arrive (a CDN's
            # Bootstrap): absent is not the same as missing.
            return AuditResult.not_applicable_because(
                f"cannot tell: {linked - loaded} of {linked} linked stylesheets failed to "
                "load, and the CSS that loaded has no width media query"
            )
        score = (
            (0.5 if viewport else 0.0) + (0.4 if width_queries else 0.0) + (0.1 if srcset else 0.0)
        )
        return AuditResult(
            round(score, 3),
            f"{len(width_queries)} width media queries"
            + ("" if viewport else ", no device-width viewport"),
            details,
        )


def _from_the_render(
    rendered: RenderedDom, viewport: bool, details: dict[str, Any]
) -> AuditResult | None:
    """The verdict of the phone's render, or None when its layout was not measured."""
    screen, layout, width = rendered.screen_width, rendered.layout_width, rendered.document_width
    if screen is None or layout is None or width is None:
        return None
    at_screen_width = layout <= screen + TOLERANCE_PX
    # What a page clips sideways (an off-canvas menu waiting to slide in) never scrolls.
    fits = at_screen_width and (width <= screen + TOLERANCE_PX or rendered.sideways_clipped)
    details.update(
        {
            "judged_on": f"{rendered.profile} render",
            "screen_width_px": screen,
            "layout_width_px": layout,
            "document_width_px": width,
            "sideways_clipped": rendered.sideways_clipped,
            "fits_screen": fits,
        }
    )
    score = (0.5 if viewport else 0.0) + (0.5 if fits else 0.0)
    if fits:
        shown = f"fits a {screen} px screen without sideways scrolling"
    elif not at_screen_width:
        shown = f"laid out {layout:.0f} px wide on a {screen} px screen"
    else:
        shown = f"{width:.0f} px wide on a {screen} px screen: scrolls sideways"
    if not viewport:
        shown += ", no device-width viewport"
    return AuditResult(score, shown, details)
