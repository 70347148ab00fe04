from __future__ import annotations

from typing import ClassVar

from aura.audit.artifacts import Artifacts, Document
from aura.audit.base import Audit, AuditResult

#: The four properties the Open Graph protocol requires, and the description every sharing
#: preview shows under the title.
OPEN_GRAPH_REQUIRED = ("og:title", "og:type", "og:image", "og:url", "og:description")


class SocialTags(Audit):
    id = "social-tags"
    title = "Page has Open Graph and Twitter card tags"
    failure_title = "Page lacks Open Graph or Twitter card tags"
    description = (
        "Open Graph (`og:title`, `og:type`, `og:image`, `og:url`, `og:description`) and "
        "Twitter card tags control how the page looks when shared on social networks and "
        "in chat apps. A tag whose content is empty counts as missing."
    )
    category = "seo"
    requires: ClassVar[tuple[type[object], ...]] = (Document,)
    reads_rendered_dom = True

    def audit(self, artifacts: Artifacts) -> AuditResult:
        document = artifacts.get(Document)
        open_graph = {
            (node.attributes.get("property") or node.attributes.get("name") or "").lower(): (
                node.attributes.get("content") or ""
            ).strip()
            for node in document.css("meta[property^='og:'], meta[name^='og:']")
        }
        twitter = document.meta("twitter:card")
        missing = [key for key in OPEN_GRAPH_REQUIRED if key not in open_graph]
        empty = [key for key in OPEN_GRAPH_REQUIRED if key in open_graph and not open_graph[key]]
        lacking = missing + empty
        og_score = 1 - len(lacking) / len(OPEN_GRAPH_REQUIRED)
        score = round(0.7 * og_score + 0.3 * (1.0 if twitter else 0.0), 3)
        parts = []
        if not lacking:
            parts.append("Open Graph complete")
        if missing:
            parts.append(f"Open Graph missing {', '.join(missing)}")
        if empty:
            parts.append(f"Open Graph empty {', '.join(empty)}")
        parts.append(f"Twitter card: {twitter}" if twitter else "no Twitter card")
        return AuditResult(
            score,
            "; ".join(parts),
            {
                "open_graph": open_graph,
                "twitter_card": twitter,
                "missing": missing,
                "empty": empty,
            },
        )
