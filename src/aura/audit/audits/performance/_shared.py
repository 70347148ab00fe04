"""Helpers shared by the image audits (not an audit)."""

from __future__ import annotations

from dataclasses import dataclass

from selectolax.lexbor import LexborNode

from aura.audit.artifacts import Document, HttpExchange, Subresource, Subresources
from aura.audit.browser.artifacts import LabMetrics


@dataclass(frozen=True)
class PageImage:
    node: LexborNode
    url: str
    resource: Subresource | None


def page_images(document: Document, subresources: Subresources) -> list[PageImage]:
    """Every ``<img>`` with a fetchable ``src``, paired with what fetching it gave."""
    fetched = subresources.by_url()
    images = []
    for node in document.css("img[src]"):
        src = (node.attributes.get("src") or "").strip()
        if not src or src.startswith("data:"):
            continue
        url = document.resolve(src).split("#", 1)[0]
        images.append(PageImage(node, url, fetched.get(url)))
    return images


@dataclass(frozen=True)
class PageWeight:
    """The page's weight, one number for every audit that shows it, and where it comes from."""

    total_bytes: int
    basis: str


def page_weight(
    exchange: HttpExchange, subresources: Subresources, lab: LabMetrics | None
) -> PageWeight:
    """What the page costs to download: in browser mode, the bytes the phone's browser
    received (everything scripts loaded included, as Lighthouse counts); otherwise the page
    and the subresources Aura fetched from its HTML and CSS (inline-style images included)."""
    if lab is not None:
        run = next(
            (r for r in lab.runs if r.profile == "mobile"), lab.runs[0] if lab.runs else None
        )
        if run is not None and run.transfer_bytes > 0:
            return PageWeight(run.transfer_bytes, f"received by the browser ({run.profile})")
    items = [item for item in subresources.items if item.ok]
    page_bytes = exchange.transfer_bytes or exchange.body_bytes
    return PageWeight(
        page_bytes + sum(item.wire_bytes for item in items), "the page and its fetched resources"
    )
