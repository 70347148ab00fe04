from __future__ import annotations

from typing import ClassVar

from aura.audit.artifacts import Artifacts, Document, HttpExchange, RobotsTxt
from aura.audit.base import Audit, AuditResult

BLOCKING_DIRECTIVES = frozenset({"noindex", "none"})


def _blocking(value: str | None) -> list[str]:
    """The indexing-blocking directives of a robots meta tag or X-Robots-Tag value."""
    found = []
    for part in (value or "").lower().replace(";", ",").split(","):
        directive = part.strip()
        # "googlebot: noindex" targets one crawler; it still blocks that crawler.
        directive = directive.rsplit(":", 1)[-1].strip()
        if directive in BLOCKING_DIRECTIVES or directive == "unavailable_after":
            found.append(directive)
    return found


class Crawlability(Audit):
    id = "crawlability"
    title = "Page isn't blocked from indexing"
    failure_title = "Page is blocked from indexing"
    description = (
        "Search engines skip pages marked `noindex` (robots meta tag or X-Robots-Tag "
        "header) and pages disallowed by robots.txt."
    )
    category = "seo"
    requires: ClassVar[tuple[type[object], ...]] = (HttpExchange, Document, RobotsTxt)

    def audit(self, artifacts: Artifacts) -> AuditResult:
        exchange = artifacts.get(HttpExchange)
        document = artifacts.get(Document)
        robots = artifacts.get(RobotsTxt)
        blockers: list[dict[str, str]] = []
        for value in exchange.headers.get_all("x-robots-tag"):
            for directive in _blocking(value):
                blockers.append({"source": "X-Robots-Tag header", "directive": directive})
        for name in ("robots", "googlebot", "bingbot"):
            for directive in _blocking(document.meta(name)):
                blockers.append({"source": f'<meta name="{name}">', "directive": directive})
        if not robots.allows(exchange.final_url):
            blockers.append({"source": "robots.txt", "directive": "Disallow"})
        if blockers:
            sources = ", ".join(sorted({blocker["source"] for blocker in blockers}))
            return AuditResult.failed(f"Blocked by {sources}", blockers=blockers)
        return AuditResult.passed(blockers=[])
