"""The "Site" section of the exports, as plain text: tables and per-site finding lists that
each format writes with its own escaping (every cell and line here is user or page text)."""

from __future__ import annotations

from dataclasses import dataclass, field

from aura.comparison.document import ComparisonDocument, SiteSection
from aura.comparison.site import finding_item
from aura.formatting import format_value
from aura.reports.common import MISSING, site_label

#: Example pages listed per finding in the exports (the count says how many in all).
EXAMPLES = 5
#: Templates listed side by side (the most common first).
TEMPLATES = 25


@dataclass(frozen=True)
class Cell:
    text: str
    lead: bool = False


@dataclass(frozen=True)
class SiteTable:
    id: str
    title: str
    header: list[str]
    rows: list[list[Cell]]
    note: str | None = None


@dataclass(frozen=True)
class FindingLine:
    title: str
    severity: str
    #: "3 of 40 checked", or empty when the check could not be made (``note`` says why).
    count: str
    examples: list[str] = field(default_factory=list)
    note: str | None = None


def _heads(section: SiteSection, document: ComparisonDocument) -> list[str]:
    return [
        site_label(url) + (" (you)" if url == document.primary_url else "") for url in section.sites
    ]


def _number(value: float | None, unit: str = "count") -> str:
    if value is None:
        return MISSING
    if unit == "count":
        return f"{value:,.0f}"
    return format_value(value, unit)


def site_tables(document: ComparisonDocument) -> list[SiteTable]:
    section = document.site
    if section is None:
        return []
    heads = _heads(section, document)
    tables = [
        SiteTable(
            "site-figures",
            "Crawl figures",
            ["Figure", *heads],
            [
                [
                    Cell(row.label),
                    *(
                        Cell(_number(row.values.get(url), row.unit), url in row.leaders)
                        for url in section.sites
                    ),
                ]
                for row in section.figures
            ],
        ),
        SiteTable(
            "site-scores",
            "Site scores",
            ["Category", *heads],
            [
                [
                    Cell(row.title),
                    *(
                        Cell(_number(row.scores.get(url), "score"), url in row.leaders)
                        for url in section.sites
                    ),
                ]
                for row in section.scores
            ],
            note=section.scores_rule,
        ),
        SiteTable(
            "site-findings",
            "Site audits (pages, links or groups found; fewer is better)",
            ["Finding", "Severity", *heads],
            [
                [
                    Cell(row.title),
                    Cell(row.severity),
                    *(
                        Cell(
                            MISSING if row.counts.get(url) is None else f"{row.counts[url]:,}",
                            url in row.best,
                        )
                        for url in section.sites
                    ),
                ]
                for row in section.findings
            ],
            note=f"{MISSING}: not applicable or cannot tell (the site's findings say why).",
        ),
        SiteTable(
            "site-templates",
            "Pages per template",
            ["Template", *heads],
            [
                [Cell(row.template), *(Cell(f"{row.pages.get(url, 0):,}") for url in section.sites)]
                for row in section.templates[:TEMPLATES]
            ],
            note=(
                f"The {TEMPLATES} most common of {len(section.templates)} templates."
                if len(section.templates) > TEMPLATES
                else None
            ),
        ),
        SiteTable(
            "site-structured-data",
            "Structured data (on the template each type marks most pages of)",
            ["Type", *heads],
            [
                [
                    Cell(row.type),
                    *(
                        Cell(
                            f"{round(c.share * 100):.0f} % of {c.template} ({c.marked}/{c.pages})"
                            if (c := row.coverage.get(url)) is not None
                            else "none",
                            url in row.leaders,
                        )
                        for url in section.sites
                    ),
                ]
                for row in section.structured_data
            ],
        ),
    ]
    return [table for table in tables if table.rows]


def site_findings(document: ComparisonDocument) -> list[tuple[str, list[FindingLine]]]:
    """Per crawled site, its findings with a count (and those it cannot tell), with examples."""
    section = document.site
    if section is None:
        return []
    found: list[tuple[str, list[FindingLine]]] = []
    for url in section.sites:
        report = section.reports.get(url) or {}
        raw = report.get("findings")
        lines: list[FindingLine] = []
        for finding in raw if isinstance(raw, list) else []:
            if not isinstance(finding, dict):
                continue
            count, applicable = finding.get("count"), finding.get("applicable") is not False
            if applicable and not count:
                continue
            checked = finding.get("total_pages_checked")
            pages = finding.get("pages")
            examples = [
                item.label + (f" — {item.note}" if item.note else "")
                for example in (pages if isinstance(pages, list) else [])[:EXAMPLES]
                if isinstance(example, dict) and (item := finding_item(example, url)) is not None
            ]
            lines.append(
                FindingLine(
                    title=str(finding.get("title") or finding.get("id") or ""),
                    severity=str(finding.get("severity") or ""),
                    count=f"{count:,} of {checked:,} checked"
                    if applicable and isinstance(count, int) and isinstance(checked, int)
                    else "",
                    examples=examples,
                    note=finding.get("note") if isinstance(finding.get("note"), str) else None,
                )
            )
        found.append((url, lines))
    return found
