from __future__ import annotations

from typing import ClassVar
from urllib.parse import urlsplit

from aura.audit.artifacts import Artifacts, HttpExchange, Subresources
from aura.audit.base import Audit, AuditResult


class HttpVersion(Audit):
    id = "http-version"
    title = "Uses HTTP/2 or newer"
    failure_title = "Use HTTP/2 or newer"
    description = (
        "HTTP/2 and HTTP/3 multiplex requests over one connection and compress headers, "
        "which loads pages with many resources faster than HTTP/1.1."
    )
    category = "performance"
    requires: ClassVar[tuple[type[object], ...]] = (HttpExchange, Subresources)

    def audit(self, artifacts: Artifacts) -> AuditResult:
        exchange = artifacts.get(HttpExchange)
        own = [
            item
            for item in artifacts.get(Subresources).items
            if item.ok and item.http_version and _same_host(item.url, exchange.final_url)
        ]
        legacy = [item.url for item in own if not _modern(item.http_version or "")]
        modern_page = _modern(exchange.http_version)
        score = 1.0 if modern_page and not legacy else 0.0
        return AuditResult(
            score,
            exchange.http_version,
            {"document": exchange.http_version, "legacy_subresources": legacy[:20]},
            metrics={"http2": 1 if modern_page else 0},
        )


def _modern(version: str) -> bool:
    return version.upper().startswith(("HTTP/2", "HTTP/3"))


def _same_host(url: str, page: str) -> bool:
    return urlsplit(url).netloc == urlsplit(page).netloc
