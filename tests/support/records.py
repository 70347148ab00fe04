"""Crawl page records built by hand, for the site report and what shows it."""

from __future__ import annotations

from typing import Any

from aura.crawl.records import PageRecord


def html_page(origin: str, path: str, **values: Any) -> PageRecord:
    """A page at ``origin`` + ``path`` that answered 200 with HTML, one click from the start
    page; ``values`` set any other field (or override these)."""
    url = origin.rstrip("/") + path
    fields: dict[str, Any] = {
        "url": url,
        "depth": 1,
        "final_url": url,
        "status": 200,
        "content_type": "text/html",
    }
    fields.update(values)
    return PageRecord(**fields)
