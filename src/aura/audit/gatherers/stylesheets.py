"""All CSS of the page, in cascade order: linked sheets, ``<style>`` blocks, inline styles."""

from __future__ import annotations

from typing import ClassVar

from aura.audit import cpu
from aura.audit.artifacts import Document, Stylesheets, Subresources, exclusive
from aura.audit.gatherers.base import GatherContext


class StylesheetsGatherer:
    produces: ClassVar[type[Stylesheets]] = Stylesheets
    depends: ClassVar[tuple[type[object], ...]] = (Document, Subresources)

    async def gather(self, context: GatherContext) -> Stylesheets:
        # In a thread, holding the tree (see the subresources gatherer).
        document = context.artifacts.get(Document)
        return await cpu.to_thread(
            exclusive,
            document,
            collect_stylesheets,
            document,
            context.artifacts.get(Subresources),
        )


def collect_stylesheets(document: Document, subresources: Subresources) -> Stylesheets:
    sheets: list[tuple[str, str]] = [
        (item.url, item.text) for item in subresources.of_kind("stylesheet") if item.ok
    ]
    for node in document.css("style"):
        sheets.append(("inline", node.text(deep=True)))
    inline = [
        f"[style]{{{node.attributes.get('style') or ''}}}" for node in document.css("[style]")
    ]
    if inline:
        sheets.append(("style-attributes", "\n".join(inline)))
    return Stylesheets(tuple(sheets))
