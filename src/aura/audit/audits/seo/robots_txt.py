from __future__ import annotations

import re
from typing import ClassVar

from aura.audit.artifacts import Artifacts, RobotsTxt
from aura.audit.base import Audit, AuditResult, plural

KNOWN_DIRECTIVES = frozenset(
    {
        "user-agent",
        "allow",
        "disallow",
        "sitemap",
        "crawl-delay",
        "clean-param",
        "host",
        "request-rate",
        "visit-time",
        "noindex",
    }
)
_LINE = re.compile(r"^\s*([A-Za-z-]+)\s*:\s*(.*)$")


def robots_errors(text: str) -> list[dict[str, object]]:
    """Lines of a robots.txt that crawlers cannot understand."""
    errors: list[dict[str, object]] = []
    seen_agent = False
    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.split("#", 1)[0].strip()
        if not line:
            continue
        match = _LINE.match(line)
        if match is None:
            errors.append(
                {"line": number, "content": raw[:200], "message": "Syntax not understood"}
            )
            continue
        directive = match.group(1).lower()
        if directive not in KNOWN_DIRECTIVES:
            errors.append({"line": number, "content": raw[:200], "message": "Unknown directive"})
        elif directive == "user-agent":
            seen_agent = True
        elif directive in ("allow", "disallow") and not seen_agent:
            errors.append(
                {"line": number, "content": raw[:200], "message": "No user-agent specified"}
            )
        elif directive == "sitemap" and not match.group(2).strip().startswith(
            ("http://", "https://")
        ):
            errors.append({"line": number, "content": raw[:200], "message": "Invalid sitemap URL"})
    return errors


class RobotsTxtAudit(Audit):
    id = "robots-txt"
    title = "robots.txt is valid"
    failure_title = "robots.txt is not valid"
    description = (
        "A malformed robots.txt can keep crawlers from understanding how the site wants to be "
        "crawled. No robots.txt at all is fine: everything may be crawled."
    )
    category = "seo"
    requires: ClassVar[tuple[type[object], ...]] = (RobotsTxt,)

    def audit(self, artifacts: Artifacts) -> AuditResult:
        robots = artifacts.get(RobotsTxt)
        if robots.status_code is None:
            return AuditResult.not_applicable_because(
                f"robots.txt could not be fetched: {robots.error}"
            )
        if robots.status_code >= 500:
            return AuditResult.failed(f"robots.txt answered HTTP {robots.status_code}")
        if not robots.found:
            return AuditResult.passed("No robots.txt", found=False)
        errors = robots_errors(robots.text)
        if errors:
            return AuditResult.failed(plural(len(errors), "error"), found=True, errors=errors[:50])
        return AuditResult.passed(found=True, sitemaps=robots.sitemaps, errors=[])
