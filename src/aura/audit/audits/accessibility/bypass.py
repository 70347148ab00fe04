from __future__ import annotations

import re
from typing import ClassVar

from selectolax.lexbor import LexborNode

from aura.audit.artifacts import Artifacts, Document
from aura.audit.base import Audit, AuditResult
from aura.audit.dom import accessible_name

#: A skip link comes before the navigation it skips: among the first links of the page.
SKIP_LINK_POSITION = 3
_SKIP_WORDS = re.compile(
    r"\b(?:skip|jump|main|content|inhalt|contenu|contenido|conteúdo|contenuto)\b", re.I
)
_MAIN_ID = re.compile(r"^(?:main|content|main-?content|primary|page-?content|maincontent)$", re.I)


def skip_link_target(link: LexborNode, document: Document) -> str | None:
    """The id a skip link leads to, or None when ``link`` is not one: it must point into the
    page at an element that exists, and say so ("Skip to content") or lead to the main
    content. "Sign up" pointing at ``#signup`` is a call to action, not a way past the
    navigation."""
    href = (link.attributes.get("href") or "").strip()
    if not href.startswith("#") or len(href) < 2:
        return None
    target_id = href[1:]
    target = document.ids.get(target_id)
    if target is None:
        return None
    says_skip = bool(_SKIP_WORDS.search(accessible_name(link, document)))
    role = (target.attributes.get("role") or "").lower()
    leads_to_main = target.tag == "main" or role == "main" or bool(_MAIN_ID.match(target_id))
    return target_id if says_skip or leads_to_main else None


class Bypass(Audit):
    id = "bypass"
    title = "The page has a main landmark or a skip link"
    failure_title = "The page has no main landmark or skip link"
    description = (
        'A `<main>` landmark or a "skip to content" link lets keyboard and screen reader '
        "users jump past repeated navigation. A skip link is one of the first links of the "
        "page, points at an element of the page and says it skips, or leads to the main "
        "content."
    )
    category = "accessibility"
    requires: ClassVar[tuple[type[object], ...]] = (Document,)
    reads_rendered_dom = True

    def audit(self, artifacts: Artifacts) -> AuditResult:
        document = artifacts.get(Document)
        has_main = document.first("main, [role=main]") is not None
        skip_link = None
        for node in document.css("a[href]")[:SKIP_LINK_POSITION]:
            skip_link = skip_link_target(node, document)
            if skip_link is not None:
                break
        ok = has_main or skip_link is not None
        shown = "main landmark" if has_main else (f"skip link to #{skip_link}" if skip_link else "")
        return AuditResult.binary(ok, shown, main_landmark=has_main, skip_link=skip_link)
