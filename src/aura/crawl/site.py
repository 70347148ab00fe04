"""Site-level audits over all the pages of a crawl, and the site's scores. (Skeleton, minimal
body from the crawl-jobs branch; the site-audits branch replaces it.)"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from aura.crawl.records import PageRecord
from aura.crawl.rules import SiteRules


def site_report(
    pages: Sequence[PageRecord], rules: SiteRules | None, start_url: str
) -> dict[str, Any]:
    """The site's findings (each with the pages behind it), headline figures (pages, templates,
    link graph, click depth) and per-category site scores. JSON-ready."""
    return {"start_url": start_url, "pages": len(pages)}
