"""The Markdown export, for tickets and wikis: GitHub-flavoured tables, everything escaped.

Text taken from the analysed pages (headlines, calls to action, keywords, fonts) and the
URLs themselves are escaped, so a page cannot inject links, HTML or table cells.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from urllib.parse import quote

from aura.audit.details import DetailBlock, ListBlock, Node, TableBlock
from aura.comparison.document import ComparisonDocument, Recommendation
from aura.formatting import format_value
from aura.neutralise import for_markdown
from aura.reports.common import (
    MISSING,
    category_grid,
    compared_sites,
    metric_text,
    naming_sites,
    possible_technologies,
    render_health_rows,
    score_text,
    site_label,
    title_of,
    top_recommendations,
)
from aura.reports.evidence import (
    AuditEvidence,
    SiteEvidence,
    link_target,
    site_evidence,
    value_text,
)
from aura.reports.model import Report
from aura.reports.recommendation_text import (
    example_text,
    gain_text,
    item_facts,
    items_heading,
    now_text,
    severity_text,
    standing_text,
)
from aura.reports.site_section import pages_tables, site_findings, site_tables

#: Page text as literal Markdown (one helper for the medium: ``aura.neutralise``).
md = for_markdown


def link(url: str, label: str | None = None) -> str:
    target = "".join(
        char if char.isprintable() and char not in "<> " else quote(char, safe="") for char in url
    )
    return f"[{md(label or site_label(url))}](<{target}>)"


def table(header: Sequence[str], rows: Iterable[Sequence[str]]) -> list[str]:
    lines = ["| " + " | ".join(header) + " |", "|" + "|".join(" --- " for _ in header) + "|"]
    lines.extend("| " + " | ".join(row) + " |" for row in rows)
    return [*lines, ""]


def _site_header(document: ComparisonDocument) -> list[str]:
    return [
        md(site_label(site.url)) + (" (you)" if site.is_primary else "")
        for site in compared_sites(document)
    ]


def _summary(report: Report) -> list[str]:
    document = report.comparison
    lines = ["## Summary", ""]
    lines.extend(f"- {md(finding.text)}" for finding in document.summary)
    if not document.summary:
        lines.append("- Nothing to summarise.")
    lines.extend(f"- *Note:* {md(note)}" for note in document.notes)
    return [*lines, ""]


def _render_health(document: ComparisonDocument) -> list[str]:
    rows = render_health_rows(document)
    if not rows:
        return []
    table_rows = [
        [link(row.url), md(row.status), md(row.failed), md(row.reasons), md(row.unreliable)]
        for row in rows
    ]
    legend = (
        "Stylesheets, scripts, fonts and images that failed to load. The categories of a "
        "degraded render are shown but are not reliable and lead nothing."
    )
    header = ["Site", "Render", "Failed resources", "Why degraded", "Not reliable"]
    return ["## Render health", "", legend, "", *table(header, table_rows)]


def _ranking(document: ComparisonDocument) -> list[str]:
    entries = document.rankings.overall.entries
    if not entries:
        return ["## Ranking", "", "No site could be ranked.", ""]
    primary = document.primary_url
    rows = [
        [
            str(entry.rank),
            link(entry.url) + (" (you)" if entry.url == primary else ""),
            score_text(entry.score),
        ]
        for entry in entries
    ]
    return ["## Ranking", "", *table(["Rank", "Site", "Overall score"], rows)]


def _grid(document: ComparisonDocument) -> list[str]:
    grid = category_grid(document)
    if not grid:
        return []
    rows = []
    for row in grid:
        cells = []
        for url, score in row.scores.items():
            text = score_text(score)
            cells.append(f"**{text}**" if url in row.leaders else text)
        rows.append([md(row.title), *cells])
    legend = "Scores 0-100; the leader of each row is in **bold**."
    return ["## Scores by category", "", legend, "", *table(["", *_site_header(document)], rows)]


def _gaps(document: ComparisonDocument) -> list[str]:
    gaps = document.gaps
    if gaps is None or not (gaps.categories or gaps.metrics):
        return []
    rows = [
        [
            md(gap.title),
            score_text(gap.score),
            score_text(gap.best_score),
            f"{gap.gap:g} points",
            ", ".join(md(site_label(url)) for url in gap.best_urls),
        ]
        for gap in gaps.categories
    ]
    rows.extend(
        [
            md(gap.label),
            format_value(gap.value, gap.unit),
            format_value(gap.best_value, gap.unit),
            format_value(gap.gap, gap.unit),
            ", ".join(md(site_label(url)) for url in gap.best_urls),
        ]
        for gap in gaps.metrics
    )
    header = ["Where you trail", "You", "Best competitor", "Gap", "Best"]
    return ["## Gaps to the best competitor", "", *table(header, rows)]


def _metrics(document: ComparisonDocument) -> list[str]:
    if not document.metrics:
        return []
    sites = compared_sites(document)
    rows = []
    for metric in document.metrics:
        cells = []
        for site in sites:
            text = metric_text(metric, site.url)
            cells.append(f"**{text}**" if site.url in metric.leaders else text)
        better = "lower" if metric.direction == "lower" else "higher"
        rows.append([md(metric.label), *cells, better])
    return ["## Metrics", "", *table(["Metric", *_site_header(document), "Better"], rows)]


def _recommendations(document: ComparisonDocument) -> list[str]:
    groups = top_recommendations(document)
    if not groups:
        return ["## Recommendations", "", "No recommendations: nothing to catch up on.", ""]
    lines = ["## Recommendations", "", md(document.recommendations_order), ""]
    for url, items in groups:
        if len(groups) > 1 or document.primary_url is None:
            lines.extend([f"### For {link(url)}", ""])
        for number, item in enumerate(items, 1):
            lines.extend(_recommendation(number, item))
        lines.append("")
    return lines


def _recommendation(number: int, item: Recommendation) -> list[str]:
    """One numbered recommendation: the action, why, where, how, and who does better."""
    lines = [
        f"{number}. **{md(item.action)}** ({md(gain_text(item))}; "
        f"{md(', '.join(item.categories))})",
        f"   - {md(severity_text(item))}.",
    ]
    lines.append(f"   - {md(now_text(item))}. {md(standing_text(item))}.")
    if item.competitors:
        better = ", ".join(example_text(example) for example in item.competitors[:3])
        lines.append(f"   - Doing better: {md(better)}")
    if item.items:
        lines.append(f"   - {md(items_heading(item))}")
        for failing in item.items:
            facts = item_facts(failing)
            lines.append(f"     - {md(failing.label)}" + (f" — {md(facts)}" if facts else ""))
    if item.fix:
        lines.append("   - How:")
        # Aura's own words from the advice table (their `code` spans kept), not the page's.
        lines.extend(f"     - {step}" for step in item.fix)
    for snippet in item.snippets:
        # Aura's own configuration text, never the page's: safe in a fenced block.
        lines.extend([f"     - {md(snippet.server)}:", "", "       ```"])
        lines.extend(f"       {line}" for line in snippet.code.splitlines())
        lines.extend(["       ```", ""])
    return lines


def _standings(document: ComparisonDocument) -> list[str]:
    entries = [entry for entry in document.strengths if entry.strengths or entry.weaknesses]
    if not entries:
        return []
    lines = ["## Strengths and weaknesses", ""]
    for entry in entries:
        lines.extend([f"### {link(entry.url)}", ""])
        lines.extend(f"- ✓ {md(item.text)}" for item in entry.strengths[:5])
        lines.extend(f"- ✗ {md(item.text)}" for item in entry.weaknesses[:5])
        lines.append("")
    return lines


def _technology(document: ComparisonDocument) -> list[str]:
    section = document.technology
    if not section.available:
        return ["## Technology", "", "No technology data for these sites.", ""]
    sites = section.sites_with_data
    rows = []
    for group in section.groups:
        for tech in group.technologies:
            cells = []
            for url in sites:
                use = tech.sites.get(url)
                cells.append(MISSING if use is None else md(use.version) if use.version else "✓")
            rows.append([md(tech.name), md(group.category), *cells])
    header = ["Technology", "Category", *(md(site_label(url)) for url in sites)]
    lines = ["## Technology", "", *table(header, rows)]
    if section.sites_without_data:
        missing = ", ".join(md(site_label(url)) for url in section.sites_without_data)
        lines.extend([f"No technology data for {missing}.", ""])
    possible = possible_technologies(document)
    if possible:
        lines.extend(
            [
                "Possibly also used (hints below the detection's confidence floor, "
                "not established):",
                "",
                *(f"- {md(site_label(url))}: {md(names)}" for url, names in possible),
                "",
            ]
        )
    return lines


def _content(document: ComparisonDocument) -> list[str]:
    sites = document.content.sites
    if not sites:
        return []
    rows = [
        [
            md(site_label(site.url)),
            md(site.headline) if site.headline else MISSING,
            "; ".join(md(cta) for cta in site.ctas[:4]) or MISSING,
            score_text(site.word_count),
            score_text(site.reading_ease),
            ", ".join(md(keyword) for keyword in site.keywords[:6]) or MISSING,
        ]
        for site in sites
    ]
    header = ["Site", "Headline", "Calls to action", "Words", "Reading ease", "Keywords"]
    lines = ["## Content", "", *table(header, rows)]
    if document.content.shared_keywords:
        shared = ", ".join(md(word) for word in document.content.shared_keywords[:12])
        lines.extend([f"Keywords every site uses: {shared}.", ""])
    return lines


def _design(document: ComparisonDocument) -> list[str]:
    sites = document.design.sites
    if not sites:
        return []

    def yes_no(value: bool | None) -> str:
        return MISSING if value is None else "yes" if value else "no"

    rows = [
        [
            md(site_label(site.url)),
            ", ".join(md(color) for color in site.palette[:6]) or MISSING,
            md(
                "; ".join(
                    f"{role}: {font}"
                    for role, font in (("headings", site.heading_font), ("body", site.body_font))
                    if font
                )
                or ", ".join(site.fonts[:4])
            )
            or MISSING,
            yes_no(site.has_logo),
            yes_no(site.dark_mode),
        ]
        for site in sites
    ]
    header = ["Site", "Palette", "Typography", "Logo", "Dark mode"]
    return ["## Design", "", *table(header, rows)]


def _left_out(document: ComparisonDocument) -> list[str]:
    left = [site for site in document.sites if not site.compared]
    if not left:
        return []
    rows = [[link(site.url), md(site.status), md(site.error or "")] for site in left]
    return ["## Not compared", "", *table(["Site", "Status", "Reason"], rows)]


def _value_md(value: object, kind: str, base_url: str) -> str:
    """A detail value as literal Markdown; URLs of http(s) pages become links."""
    if isinstance(value, Node | dict):
        node = value if isinstance(value, Node) else Node.model_validate(value)
        return " ".join(md(part) for part in (node.selector, node.snippet) if part) or MISSING
    if kind == "url" and isinstance(value, str):
        target = link_target(value, base_url)
        return link(target, value) if target else md(value)
    return md(value_text(value, kind))


def _more(shown: int, total: int) -> list[str]:
    return [f"{shown} of {total} shown.", ""] if total > shown else []


def _block_md(block: DetailBlock, base_url: str) -> list[str]:
    lines = [f"*{md(block.title)}*", ""] if block.title else []
    if isinstance(block, TableBlock):
        rows = [
            [_value_md(row.get(column.key), column.type, base_url) for column in block.columns]
            for row in block.rows
        ]
        header = [md(column.label) for column in block.columns]
        return [*lines, *table(header, rows), *_more(len(block.rows), block.total)]
    if isinstance(block, ListBlock):
        items = [f"- {_value_md(item, block.item_type, base_url)}" for item in block.items]
        return [*lines, *items, "", *_more(len(block.items), block.total)]
    items = [
        f"- {md(item.label)}: {_value_md(item.value, item.type, base_url)}" for item in block.items
    ]
    return [*lines, *items, ""]


def _audit_md(audit: AuditEvidence, base_url: str) -> list[str]:
    value = audit.error or audit.display_value
    heading = f"- **{md(audit.title)}**" + (f": {md(value)}" if value else "")
    lines = [heading, ""]
    for block in audit.blocks:
        lines.extend("  " + line if line else "" for line in _block_md(block, base_url))
    return lines


def _site_evidence_md(site: SiteEvidence) -> list[str]:
    lines = [f"### {link(site.url)}", ""]
    for category in site.categories:
        if not (category.failed or category.passed or category.not_applicable):
            continue
        lines.extend([f"#### {md(category.title)}", ""])
        for audit in category.failed:
            lines.extend(_audit_md(audit, site.base_url))
        if not category.failed:
            lines.extend(["No failed audits.", ""])
        for label, names in (
            ("Passed", category.passed),
            ("Not applicable", category.not_applicable),
        ):
            if names:
                lines.extend([f"{label} ({len(names)}): {'; '.join(md(n) for n in names)}.", ""])
    return lines


def _pages(report: Report) -> list[str]:
    """Each crawled site's pages table."""
    lines: list[str] = []
    for pages in pages_tables(report.crawls):
        lines.extend([f"### Pages of {link(pages.url)} ({pages.total:,})", ""])
        lines.extend(table([md(c) for c in pages.header], [[md(c) for c in r] for r in pages.rows]))
        if pages.note:
            lines.extend([md(pages.note), ""])
    return lines


def _site(report: Report) -> list[str]:
    """The crawled sites: figures, scores, site audits, templates, structured data, topics,
    each site's findings with the pages behind them, and its pages."""
    document = report.comparison
    section = document.site
    if section is None:
        return []
    lines = ["## Site", ""]
    if section.without_crawl:
        names = ", ".join(md(site_label(url)) for url in section.without_crawl)
        lines.extend([f"Analysed as one page (no crawl): {names}.", ""])
    lines.extend(f"- {md(statement)}" for statement in section.statements)
    if section.statements:
        lines.append("")
    for site_table in site_tables(document):
        lines.extend([f"### {md(site_table.title)}", ""])
        rows = [
            [f"**{md(cell.text)}**" if cell.lead else md(cell.text) for cell in row]
            for row in site_table.rows
        ]
        lines.extend(table([md(cell) for cell in site_table.header], rows))
        if site_table.note:
            lines.extend([md(site_table.note), ""])
    for url, findings in site_findings(document):
        lines.extend([f"### Site audits of {link(url)}", ""])
        if not findings:
            lines.extend(["Nothing found.", ""])
            continue
        for finding in findings:
            said = ". ".join(md(part) for part in (finding.count, finding.note) if part)
            lines.append(f"- **{md(finding.title)}** ({md(finding.severity)}): {said}")
            lines.extend(f"  - {md(example)}" for example in finding.examples)
        lines.append("")
    return [*lines, *_pages(report)]


def _evidence(report: Report) -> list[str]:
    sites = site_evidence(report)
    if not sites:
        return []
    lines = ["## Audit details", "", "The audits each site failed, with what they found.", ""]
    for site in sites:
        lines.extend(_site_evidence_md(site))
    return lines


@naming_sites
def render_markdown(report: Report) -> bytes:
    document = report.comparison
    batch = report.batch
    meta = (
        f"Batch `{batch.id}` · {md(batch.status)} · compared {document.compared} of "
        f"{document.total} sites · analysis version {md(document.analysis_version or MISSING)}"
    )
    if report.compared_at is not None:
        meta += f" · {report.compared_at:%Y-%m-%d %H:%M} UTC"
    lines = [f"# {md(title_of(report))}", "", meta, ""]
    for section in (
        _summary(report),
        _render_health(document),
        _ranking(document),
        _grid(document),
        _recommendations(document),
        _gaps(document),
        _metrics(document),
        _standings(document),
        _technology(document),
        _content(document),
        _design(document),
        _left_out(document),
        _site(report),
        _evidence(report),
    ):
        lines.extend(section)
    return ("\n".join(lines).rstrip() + "\n").encode("utf-8")
