"""Helpers shared by the image audits (not an audit)."""

from __future__ import annotations

from dataclasses import dataclass

from selectolax.lexbor import LexborNode

from aura.audit.artifacts import Document, Subresource, Subresources


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
