from __future__ import annotations

from typing import Any, ClassVar

from aura.audit.artifacts import Artifacts, Document, Subresources
from aura.audit.base import Audit, AuditResult, kib
from aura.audit.css import minified_savings

#: A file is called unminified when minifying would save this share and 2 KiB at least.
MIN_RATIO = 0.1
MIN_BYTES = 2048


#: ``type`` values of a ``<script>`` that holds JavaScript (no type means JavaScript too).
SCRIPT_TYPES = frozenset(
    {"", "text/javascript", "application/javascript", "module", "text/ecmascript"}
)


def unminified(artifacts: Artifacts, kind: str) -> AuditResult:
    """Files the page loads and, as Lighthouse counts them too, the page's ``<style>`` or
    ``<script>`` blocks (of the rendered DOM in browser mode)."""
    sources = [
        (item.url, item.size, item.text)
        for item in artifacts.get(Subresources).of_kind(kind)
        if item.ok and item.body
    ]
    sources += inline_blocks(artifacts.get(Document), kind)
    if not sources:
        return AuditResult.not_applicable_because(f"no {kind} files or blocks were loaded")
    flagged: list[dict[str, Any]] = []
    for url, size, text in sources:
        savings = minified_savings(text, kind=kind)
        if savings >= MIN_BYTES and savings >= MIN_RATIO * size:
            flagged.append({"url": url, "bytes": size, "estimated_savings": savings})
    if not flagged:
        return AuditResult.passed(f"{len(sources)} checked")
    wasted = sum(row["estimated_savings"] for row in flagged)
    score = 0.5 if wasted < 20 * 1024 else 0.0
    return AuditResult(score, f"Potential savings of {kib(wasted)}", {"items": flagged})


def inline_blocks(document: Document, kind: str) -> list[tuple[str, int, str]]:
    tag = "style" if kind == "stylesheet" else "script"
    blocks: list[tuple[str, int, str]] = []
    for number, node in enumerate(document.css(tag), start=1):
        if tag == "script" and (
            "src" in node.attributes
            or (node.attributes.get("type") or "").strip().lower() not in SCRIPT_TYPES
        ):
            continue
        text = node.text(deep=True)
        if text.strip():
            blocks.append((f"inline <{tag}> #{number}", len(text.encode()), text))
    return blocks


class UnminifiedCss(Audit):
    id = "unminified-css"
    title = "CSS is minified"
    failure_title = "Minify CSS"
    description = (
        "Minifying CSS removes comments and whitespace and makes stylesheets smaller; "
        "linked stylesheets and the page's <style> blocks (in browser mode, those scripts "
        "insert too) are checked."
    )
    category = "performance"
    requires: ClassVar[tuple[type[object], ...]] = (Subresources, Document)
    # In browser mode the blocks scripts insert count too (the rendered DOM).
    reads_rendered_dom = True

    def audit(self, artifacts: Artifacts) -> AuditResult:
        return unminified(artifacts, "stylesheet")
