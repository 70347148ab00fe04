"""The web app manifest the page declares: is it there? (One request, through the guard.)"""

from __future__ import annotations

from typing import ClassVar
from urllib.parse import urlsplit

from aura.audit import cpu
from aura.audit.artifacts import Document, WebManifest, exclusive
from aura.audit.fetch import FetchError
from aura.audit.gatherers.base import GatherContext


def declared_manifest(document: Document) -> str | None:
    """The absolute http(s) URL of the page's first ``<link rel=manifest>``, if any."""
    for node in document.css("link[rel][href]"):
        if "manifest" in (node.attributes.get("rel") or "").lower().split():
            url = document.resolve((node.attributes.get("href") or "").strip())
            return url if urlsplit(url).scheme in ("http", "https") else None
    return None


class WebManifestGatherer:
    produces: ClassVar[type[WebManifest]] = WebManifest
    depends: ClassVar[tuple[type[object], ...]] = (Document,)

    async def gather(self, context: GatherContext) -> WebManifest:
        document = context.artifacts.get(Document)
        # Off the event loop, as every reader of the tree: the first one parses the page.
        url = await cpu.to_thread(exclusive, document, declared_manifest, document)
        if url is None:
            return WebManifest()
        try:
            response = await context.aux_fetcher.fetch(url)
        except FetchError as error:
            return WebManifest(url, None, str(error))
        return WebManifest(url, response.status_code)
