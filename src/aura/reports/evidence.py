"""The audits behind each site's scores, for the exports: what failed, with its evidence.

Failed audits (and audits that could not run) come first with their details as typed blocks
(``aura.audit.details``); passed, informative and not-applicable audits fold away as names,
as in Lighthouse's report. Each export renders the blocks for its medium.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urljoin

from aura.audit.details import DetailBlock, present
from aura.formatting import CATEGORY_NAMES, format_value
from aura.reports.model import Report

#: A scored audit below this fails (as in the comparison's matrix: pass at 0.9 and above).
PASS_SCORE = 0.9


@dataclass(frozen=True)
class AuditEvidence:
    id: str
    title: str
    display_value: str
    description: str
    error: str | None
    blocks: list[DetailBlock]


@dataclass(frozen=True)
class CategoryEvidence:
    category: str
    title: str
    failed: list[AuditEvidence] = field(default_factory=list)
    passed: list[str] = field(default_factory=list)
    not_applicable: list[str] = field(default_factory=list)
    informative: list[AuditEvidence] = field(default_factory=list)


@dataclass(frozen=True)
class SiteEvidence:
    url: str
    #: The page's address after redirects: relative URLs in the details resolve against it.
    base_url: str
    categories: list[CategoryEvidence]


def _text(value: object) -> str:
    return value if isinstance(value, str) else ""


def _evidence(audit: Mapping[str, Any]) -> AuditEvidence:
    details = audit.get("details")
    return AuditEvidence(
        id=_text(audit.get("id")),
        title=_text(audit.get("title")) or _text(audit.get("id")),
        display_value=_text(audit.get("display_value")),
        description=_text(audit.get("description")),
        error=_text(audit.get("error")) or None,
        blocks=present(details if isinstance(details, Mapping) else None).blocks,
    )


def _category(name: str, body: Mapping[str, Any]) -> CategoryEvidence:
    evidence = CategoryEvidence(
        category=name, title=_text(body.get("title")) or CATEGORY_NAMES.get(name, name)
    )
    audits = body.get("audits")
    for audit in audits if isinstance(audits, list) else []:
        if not isinstance(audit, Mapping):
            continue
        score = audit.get("score")
        mode = audit.get("score_display_mode")
        title = _text(audit.get("title")) or _text(audit.get("id"))
        if audit.get("error") or mode == "error":
            evidence.failed.append(_evidence(audit))
        elif mode == "notApplicable":
            evidence.not_applicable.append(title)
        elif isinstance(score, int | float):
            if score >= PASS_SCORE:
                evidence.passed.append(title)
            else:
                evidence.failed.append(_evidence(audit))
        else:
            evidence.informative.append(_evidence(audit))
    return evidence


def site_evidence(report: Report) -> list[SiteEvidence]:
    """Each compared site's audits by category, in the batch's order."""
    sites: list[SiteEvidence] = []
    for site in report.comparison.sites:
        analysis = report.analysis(site.url)
        if not site.compared or analysis is None or not analysis.result:
            continue
        categories = analysis.result.get("categories")
        if not isinstance(categories, Mapping):
            continue
        base = _text(analysis.result.get("final_url")) or site.url
        sites.append(
            SiteEvidence(
                url=site.url,
                base_url=base,
                categories=[
                    _category(name, body)
                    for name, body in categories.items()
                    if isinstance(body, Mapping)
                ],
            )
        )
    return sites


_UNITS = {"bytes": "bytes", "ms": "ms", "seconds": "seconds", "ratio": "ratio", "numeric": "count"}


def value_text(value: object, kind: str) -> str:
    """A detail value as plain text (numbers in their unit); markup is the renderer's job."""
    if value is None:
        return "none"
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, int | float) and kind in _UNITS:
        return format_value(value, _UNITS[kind])
    return str(value)


def link_target(value: str, base_url: str) -> str | None:
    """Where a URL in the details points, resolved against the page; None unless http(s)."""
    try:
        target = urljoin(base_url, value.strip())
    except ValueError:
        return None
    return target if target.lower().startswith(("http://", "https://")) else None
