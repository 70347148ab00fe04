from __future__ import annotations

import re
from typing import Any, ClassVar

from aura.audit.artifacts import Artifacts, Headers, Subresources
from aura.audit.base import Audit, AuditResult, kib, plural

#: A static asset cached for less than this is downloaded again too often.
GOOD_TTL = 30 * 24 * 3600
_MAX_AGE = re.compile(r"(?:^|[,\s])(?:s-)?max-age\s*=\s*\"?(\d+)", re.I)


def cache_ttl(headers: Headers) -> int | None:
    """Seconds the response may be cached; 0 for no-store/no-cache, None when unspecified."""
    control = (headers.get("cache-control") or "").lower()
    if "no-store" in control or "no-cache" in control:
        return 0
    if "immutable" in control:
        return 365 * 24 * 3600
    ages = [int(value) for value in _MAX_AGE.findall(control)]
    if ages:
        return max(ages)
    return None if not headers.get("expires") else -1


class CacheLifetime(Audit):
    id = "cache-lifetime"
    title = "Uses efficient cache policy on static assets"
    failure_title = "Serve static assets with an efficient cache policy"
    description = (
        "Stylesheets, scripts, images and fonts cached for a long time (a month or more, or "
        "`immutable`) make repeat visits fast."
    )
    category = "performance"
    requires: ClassVar[tuple[type[object], ...]] = (Subresources,)

    def audit(self, artifacts: Artifacts) -> AuditResult:
        assets = [
            item
            for item in artifacts.get(Subresources).items
            if item.ok and item.kind in ("stylesheet", "script", "image", "font")
        ]
        if not assets:
            return AuditResult.not_applicable_because("no static assets were loaded")
        short: list[dict[str, Any]] = []
        for item in assets:
            ttl = cache_ttl(item.headers)
            if ttl is None or ttl < GOOD_TTL:
                short.append({"url": item.url, "ttl_seconds": ttl, "bytes": item.wire_bytes})
        total = sum(item.wire_bytes for item in assets) or 1
        short_bytes = sum(row["bytes"] or 0 for row in short)
        score = round(1 - short_bytes / total, 3)
        return AuditResult(
            score,
            f"{plural(len(short), 'resource')} found ({kib(short_bytes)})" if short else "",
            {"short_ttl": short, "checked": len(assets)},
        )
