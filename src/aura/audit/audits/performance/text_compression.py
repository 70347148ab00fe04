from __future__ import annotations

from typing import Any, ClassVar

from aura.audit.artifacts import Artifacts, HttpExchange, Subresources
from aura.audit.base import Audit, AuditResult, kib, plural

TEXT_TYPES = ("text/", "application/javascript", "application/json", "image/svg+xml")
TEXT_KINDS = frozenset({"stylesheet", "script"})
#: Below this size compression saves too little to matter (Lighthouse uses 1.4 KiB).
MIN_BYTES = 1400
COMPRESSIONS = frozenset({"gzip", "br", "deflate", "zstd", "compress"})


def is_compressed(encoding: str | None) -> bool:
    return bool({part.strip().lower() for part in (encoding or "").split(",")} & COMPRESSIONS)


class TextCompression(Audit):
    id = "text-compression"
    title = "Enables text compression"
    failure_title = "Enable text compression"
    description = (
        "HTML, CSS, JavaScript and SVG should be served with gzip, Brotli or Zstandard. "
        "Compression typically removes two thirds of the bytes of text resources."
    )
    category = "performance"
    requires: ClassVar[tuple[type[object], ...]] = (HttpExchange, Subresources)

    def audit(self, artifacts: Artifacts) -> AuditResult:
        exchange = artifacts.get(HttpExchange)
        candidates = [
            (exchange.final_url, exchange.body_bytes, exchange.headers.get("content-encoding"))
        ]
        for item in artifacts.get(Subresources).items:
            textual = item.kind in TEXT_KINDS or item.content_type.startswith(TEXT_TYPES)
            if item.ok and textual:
                candidates.append((item.url, item.size, item.headers.get("content-encoding")))
        checked = [(url, size, enc) for url, size, enc in candidates if size >= MIN_BYTES]
        if not checked:
            return AuditResult.not_applicable_because("no text resources large enough to matter")
        uncompressed: list[dict[str, Any]] = [
            {"url": url, "bytes": size, "estimated_savings": int(size * 0.65)}
            for url, size, enc in checked
            if not is_compressed(enc)
        ]
        if not uncompressed:
            return AuditResult.passed(
                f"{plural(len(checked), 'text resource')} compressed", checked=len(checked)
            )
        total = sum(size for _url, size, _enc in checked)
        wasted = sum(row["estimated_savings"] for row in uncompressed)
        # Any uncompressed text resource is a failure; how much is wasted sets how badly.
        return AuditResult(
            round(min(0.5, 1 - wasted / total), 3),
            f"Potential savings of {kib(wasted)}",
            {"uncompressed": uncompressed, "checked": len(checked)},
            metrics={"uncompressed_text_resources": len(uncompressed)},
        )
