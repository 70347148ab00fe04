"""Running the analysis of one URL.

This is the minimal, real analysis of the spine: it fetches the page through the guarded
fetcher and records what a person would check first (status, final URL, response time,
size, title). The full gatherer → artifact → audit pipeline replaces its body.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from typing import Any

from selectolax.lexbor import LexborHTMLParser

from aura.audit.fetch import Fetcher, FetchError, FetchLimits, NetworkPolicy
from aura.audit.html import decode_html

#: Bumped whenever what an analysis measures changes; comparisons never mix versions.
ANALYSIS_VERSION = "0.1"

HTML_TYPES = frozenset({"text/html", "application/xhtml+xml", ""})


class AnalysisError(Exception):
    """The URL could not be analysed; the message says why, for the user."""


@dataclass(frozen=True)
class AnalysisOptions:
    limits: FetchLimits
    policy: NetworkPolicy
    mode: str = "static"


async def analyze_url(url: str, options: AnalysisOptions) -> dict[str, Any]:
    """Analyse ``url`` and return the result document (JSON-ready)."""
    started = time.perf_counter()
    async with Fetcher(options.limits, options.policy) as fetcher:
        try:
            response = await fetcher.fetch(url)
        except FetchError as error:
            raise AnalysisError(str(error)) from None
    if response.status_code >= 400:
        raise AnalysisError(f"the server answered HTTP {response.status_code}")
    if response.content_type not in HTML_TYPES:
        raise AnalysisError(f"not an HTML page (Content-Type: {response.content_type})")

    text, charset = decode_html(response.body, response.charset)
    tree = LexborHTMLParser(text)
    title_node = tree.css_first("title")
    title = title_node.text(strip=True) if title_node is not None else None

    metrics: dict[str, float | int | None] = {
        "status_code": response.status_code,
        "response_time_ms": _round(response.timings.total_ms),
        "ttfb_ms": response.timings.ttfb_ms,
        "html_bytes": len(response.body),
        "redirect_count": len(response.redirects),
    }
    return {
        "url": url,
        "final_url": response.final_url,
        "status_code": response.status_code,
        "mode": options.mode,
        "analysis_version": ANALYSIS_VERSION,
        "title": title or None,
        "charset": charset,
        "http_version": response.http_version,
        "content_type": response.content_type,
        "redirects": [
            {"url": hop.url, "status_code": hop.status_code, "location": hop.location}
            for hop in response.redirects
        ],
        "timings": {
            "dns_ms": response.timings.dns_ms,
            "connect_ms": response.timings.connect_ms,
            "tls_ms": response.timings.tls_ms,
            "ttfb_ms": response.timings.ttfb_ms,
            "download_ms": response.timings.download_ms,
            "total_ms": response.timings.total_ms,
        },
        "metrics": metrics,
        "duration_ms": round((time.perf_counter() - started) * 1000, 2),
    }


def _round(value: float | None) -> float | None:
    return None if value is None else round(value, 2)
