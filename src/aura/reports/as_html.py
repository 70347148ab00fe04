"""The HTML export: one self-contained, printable file.

Everything is inline: the CSS, the charts (SVG) and the screenshots (data: URIs). A
Content-Security-Policy in the page forbids any other request, so even a reference that
slipped through would not be fetched. Every string that came from an analysed page, and
every URL, goes through ``escape``; colours are used in markup only after checking that they
are plain colour values. Links are http(s) only (the analysed sites and the URLs their audits
name), with ``rel="noopener noreferrer nofollow"``.
"""

from __future__ import annotations

import base64
import re
from collections.abc import Iterable
from html import escape

from aura import __version__
from aura.audit.details import DetailBlock, ListBlock, Node, TableBlock
from aura.comparison.document import ComparisonDocument, Recommendation, Site
from aura.formatting import format_value
from aura.reports.common import (
    MISSING,
    category_grid,
    category_titles,
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
from aura.reports.model import Report, Screenshot, SiteCrawl
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
from aura.reports.svg import Bar, band, bar_chart, score_ring, swatches

_SAFE_COLOR = re.compile(r"^(#[0-9a-fA-F]{3,8}|(rgb|rgba|hsl|hsla)\(\s*[0-9.,%\s/deg]+\))$")
_SCREENSHOT_ORDER = ("desktop.png", "mobile.png", "full-page.png")

CSS = """
:root { --ink:#111827; --muted:#6b7280; --line:#e5e7eb; --good:#0c9d58; --average:#e8a600;
  --poor:#e0452b; --lead:#e6f4ea; --accent:#1d4ed8; }
* { box-sizing:border-box; }
body { font:15px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif; color:var(--ink);
  margin:0 auto; max-width:1100px; padding:32px 24px; }
h1 { font-size:28px; margin:0 0 4px; }
h2 { font-size:20px; margin:36px 0 12px; border-bottom:2px solid var(--line); padding-bottom:4px; }
h3 { font-size:16px; margin:16px 0 6px; }
.meta, .muted { color:var(--muted); font-size:13px; }
a { color:var(--accent); word-break:break-all; }
table { border-collapse:collapse; width:100%; font-size:13px; margin:8px 0 16px; }
th, td { border:1px solid var(--line); padding:5px 8px; text-align:left; vertical-align:top; }
th { background:#f9fafb; } td.num { text-align:right; font-variant-numeric:tabular-nums; }
td.lead { background:var(--lead); font-weight:700; }
.score.good { color:var(--good); } .score.average { color:#a16207; }
.score.poor { color:var(--poor); }
.chart .axis, .chart .value { font-size:12px; fill:var(--ink); }
.chart .track { fill:#f3f4f6; }
.bar.good, .ring-value.good { fill:var(--good); stroke:var(--good); }
.bar.average, .ring-value.average { fill:var(--average); stroke:var(--average); }
.bar.poor, .ring-value.poor { fill:var(--poor); stroke:var(--poor); }
.bar.none { fill:#d1d5db; } .chart .bar { stroke:none; } .chart .bar[stroke] { stroke:#1f2937; }
.ring-track { fill:none; stroke:#f3f4f6; stroke-width:8; }
.ring-value { fill:none !important; stroke-width:8; }
.ring-text { font-size:18px; font-weight:700; fill:var(--ink); }
.findings li { margin:4px 0; } .finding-partial { color:#92400e; }
.cards { display:grid; grid-template-columns:repeat(auto-fill,minmax(320px,1fr)); gap:16px; }
.card { border:1px solid var(--line); border-radius:8px; padding:14px; break-inside:avoid; }
.card.primary { border-color:var(--accent); box-shadow:0 0 0 1px var(--accent); }
.card header { display:flex; gap:12px; align-items:center; }
.card img { width:100%; border:1px solid var(--line); border-radius:4px; margin:8px 0; }
.tag { display:inline-block; font-size:11px; padding:1px 6px; border-radius:9px;
  background:#eef2ff; color:#3730a3; margin-right:4px; }
.tag.failed, .tag.excluded { background:#fee2e2; color:#991b1b; }
ul.plus li::marker { content:"+ "; color:var(--good); }
ul.minus li::marker { content:"\\2212  "; color:var(--poor); }
ol.recs > li { margin:0 0 14px; } .recs .why { color:var(--muted); font-size:13px; }
.recs .gain { font-weight:700; color:var(--accent); font-size:13px; }
.recs code { font-size:12px; background:#f3f4f6; padding:0 3px; border-radius:3px;
  word-break:break-all; }
.recs .where, .recs .how { font-size:13px; } .recs ul { margin:2px 0; padding-left:20px; }
.recs .severity.critical, .recs .severity.high { color:#991b1b; font-weight:600; }
.recs figure { margin:4px 0; } .recs figcaption { font-size:12px; color:var(--muted); }
.recs pre { background:#f3f4f6; padding:6px 8px; margin:0; overflow-x:auto; font-size:12px; }
.recs pre code { padding:0; background:none; }
.swatches { vertical-align:middle; }
.evidence details { margin:6px 0; } .evidence summary { cursor:pointer; }
.evidence .audit { border-left:3px solid var(--poor); padding:2px 0 2px 10px; margin:10px 0;
  break-inside:avoid-page; }
.evidence .audit h4 { margin:0; font-size:14px; } .evidence .value { color:var(--muted); }
.evidence code { font-size:12px; background:#f3f4f6; padding:0 3px; border-radius:3px;
  white-space:pre-wrap; word-break:break-all; }
.evidence .selector { color:#1e40af; } .evidence dl { margin:4px 0; display:grid;
  grid-template-columns:max-content 1fr; gap:2px 12px; font-size:13px; }
.evidence dt { color:var(--muted); } .evidence dd { margin:0; }
.swatch { display:inline-block; width:12px; height:12px; border:1px solid #9ca3af;
  vertical-align:middle; margin-right:4px; }
footer { margin-top:40px; color:var(--muted); font-size:12px; }
@page { margin:14mm 12mm; }
@media print { body { max-width:none; padding:0; font-size:12px; }
  h2, h3, h4 { break-after:avoid; } table, .card, svg { break-inside:avoid; }
  tr, td, th { break-inside:avoid; } thead { display:table-header-group; }
  #sites, #evidence { break-before:page; }
  a { color:inherit; text-decoration:none; } }
"""

CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:"


def e(value: object) -> str:
    return escape(str(value), quote=True)


def safe_color(value: str) -> str | None:
    text = value.strip()
    return text if _SAFE_COLOR.match(text) else None


def site_link(url: str, label: str | None = None) -> str:
    """A link to an analysed site (only http and https URLs become links)."""
    shown = e(label or site_label(url))
    if not url.lower().startswith(("http://", "https://")):
        return shown
    return f'<a href="{e(url)}" rel="noopener noreferrer nofollow">{shown}</a>'


def score_cell(score: float | None, *, lead: bool = False) -> str:
    classes = ["num", "score", band(score)] + (["lead"] if lead else [])
    return f'<td class="{" ".join(classes)}">{e(score_text(score))}</td>'


def _table(header: Iterable[str], rows: Iterable[str]) -> str:
    head = "".join(f"<th>{cell}</th>" for cell in header)
    return f"<table><thead><tr>{head}</tr></thead><tbody>{''.join(rows)}</tbody></table>"


def _site_heads(document: ComparisonDocument) -> list[str]:
    return [
        e(site_label(site.url)) + (" <span class='tag'>you</span>" if site.is_primary else "")
        for site in compared_sites(document)
    ]


def _summary(report: Report) -> str:
    document = report.comparison
    items = "".join(
        f'<li class="finding-{e(finding.kind)}">{e(finding.text)}</li>'
        for finding in document.summary
    )
    notes = "".join(f'<li class="muted">{e(note)}</li>' for note in document.notes)
    body = (
        f'<ul class="findings">{items}{notes}</ul>'
        if items or notes
        else "<p>Nothing to summarise.</p>"
    )
    return f'<section id="summary"><h2>Summary</h2>{body}</section>'


def _render_health(document: ComparisonDocument) -> str:
    rows = render_health_rows(document)
    if not rows:
        return ""
    body = "".join(
        f"<tr><td>{site_link(row.url)}</td><td class='health-{e(row.status)}'>{e(row.status)}"
        f"</td><td>{e(row.failed)}</td><td>{e(row.reasons)}</td><td>{e(row.unreliable)}</td></tr>"
        for row in rows
    )
    header = ("Site", "Render", "Failed resources", "Why degraded", "Not reliable")
    return (
        '<section id="render-health"><h2>Render health</h2><p class="muted">Stylesheets, '
        "scripts, fonts and images that failed to load. The categories of a degraded render "
        "are shown but are not reliable and lead nothing.</p>"
        f"{_table(header, [body])}</section>"
    )


def _ranking(document: ComparisonDocument) -> str:
    ranking = document.rankings.overall
    if not ranking.entries:
        return '<section id="ranking"><h2>Ranking</h2><p>No site could be ranked.</p></section>'
    bars = [
        Bar(
            label=f"{entry.rank}. {site_label(entry.url)}",
            value=entry.score,
            highlight=entry.url == document.primary_url,
        )
        for entry in ranking.entries
    ]
    categories = ", ".join(document.rankings.overall_categories) or MISSING
    return (
        '<section id="ranking"><h2>Ranking</h2>'
        + bar_chart(bars, title="Overall score by site")
        + f'<p class="muted">The overall score averages: {e(categories)}.'
        + (" Your site is outlined." if document.primary_url else "")
        + "</p></section>"
    )


def _grid(document: ComparisonDocument) -> str:
    grid = category_grid(document)
    if not grid:
        return ""
    rows = [
        f"<tr><th>{e(row.title)}</th>"
        + "".join(score_cell(score, lead=url in row.leaders) for url, score in row.scores.items())
        + "</tr>"
        for row in grid
    ]
    return (
        '<section id="grid"><h2>Scores by category</h2>'
        '<p class="muted">Scores 0-100; the leader of each row is highlighted.</p>'
        + _table(["Category", *_site_heads(document)], rows)
        + "</section>"
    )


def _screenshot(shots: tuple[Screenshot, ...]) -> str:
    by_name = {shot.name: shot for shot in shots if shot.media_type == "image/png"}
    shot = next((by_name[name] for name in _SCREENSHOT_ORDER if name in by_name), None)
    if shot is None:
        return ""
    data = base64.b64encode(shot.data).decode("ascii")
    return f'<img alt="screenshot ({e(shot.name)})" src="data:image/png;base64,{data}">'


def _card(report: Report, site: Site) -> str:
    document = report.comparison
    analysis = report.analysis(site.url)
    standings = next((entry for entry in document.strengths if entry.url == site.url), None)
    tags = [f'<span class="tag {e(site.status)}">{e(site.status)}</span>']
    if site.is_primary:
        tags.insert(0, '<span class="tag">your site</span>')
    if site.security_grade:
        tags.append(f'<span class="tag">security {e(site.security_grade)}</span>')
    rank = f"rank {site.overall_rank} of {document.compared}" if site.overall_rank else "not ranked"
    parts = [
        f'<article class="card{" primary" if site.is_primary else ""}">',
        f"<header>{score_ring(site.overall_score)}<div><h3>{site_link(site.url)}</h3>",
        f'<div>{"".join(tags)}</div><div class="muted">{e(rank)}</div></div></header>',
    ]
    if site.title:
        parts.append(f'<p><span class="muted">Title:</span> {e(site.title)}</p>')
    if site.error:
        parts.append(f'<p class="finding-partial">{e(site.error)}</p>')
    if analysis is not None:
        parts.append(_screenshot(analysis.screenshots))
    if site.scores:
        titles = category_titles(document)
        bars = [
            Bar(label=titles.get(name, name), value=score) for name, score in site.scores.items()
        ]
        parts.append(bar_chart(bars, label_width=120, width=420, title="Scores by category"))
    if standings is not None:
        if standings.strengths:
            items = "".join(f"<li>{e(item.text)}</li>" for item in standings.strengths[:4])
            parts.append(f'<ul class="plus">{items}</ul>')
        if standings.weaknesses:
            items = "".join(f"<li>{e(item.text)}</li>" for item in standings.weaknesses[:4])
            parts.append(f'<ul class="minus">{items}</ul>')
    parts.append("</article>")
    return "".join(parts)


def _cards(report: Report) -> str:
    cards = "".join(_card(report, site) for site in report.comparison.sites)
    return f'<section id="sites"><h2>Sites</h2><div class="cards">{cards}</div></section>'


def _recommendations(document: ComparisonDocument) -> str:
    groups = top_recommendations(document)
    if not groups:
        return (
            '<section id="recommendations"><h2>Recommendations</h2>'
            "<p>Nothing to catch up on.</p></section>"
        )
    parts = [
        '<section id="recommendations"><h2>Recommendations</h2>',
        f'<p class="muted order">{e(document.recommendations_order)}</p>',
    ]
    for url, items in groups:
        if len(groups) > 1 or document.primary_url is None:
            parts.append(f"<h3>For {site_link(url)}</h3>")
        entries = "".join(_recommendation(item) for item in items)
        parts.append(f'<ol class="recs">{entries}</ol>')
    parts.append("</section>")
    return "".join(parts)


_CODE_SPAN = re.compile(r"`([^`]+)`")


def _aura_text(text: str) -> str:
    """Aura's own advice text, escaped, its `code` spans shown as code."""
    return _CODE_SPAN.sub(r"<code>\1</code>", e(text))


def _recommendation(item: Recommendation) -> str:
    """One recommendation: the action, why, where (the failing items), how, who does better."""
    tags = "".join(f'<span class="tag">{e(category)}</span>' for category in item.categories)
    parts = [
        f'<li class="rec"><strong class="action">{e(item.action)}</strong> '
        f'<span class="gain">{e(gain_text(item))}</span> {tags}',
        f'<div class="why"><span class="severity {e(item.severity)}">'
        f"{e(severity_text(item))}</span>. {e(now_text(item))}. {e(standing_text(item))}.</div>",
    ]
    if item.competitors:
        better = ", ".join(example_text(example) for example in item.competitors[:3])
        parts.append(f'<div class="why">Doing better: {e(better)}</div>')
    if item.items:
        rows = "".join(
            f"<li><code>{e(failing.label)}</code>"
            + (f" — {e(facts)}" if (facts := item_facts(failing)) else "")
            + "</li>"
            for failing in item.items
        )
        parts.append(f'<div class="where">{e(items_heading(item))}<ul>{rows}</ul></div>')
    if item.fix:
        steps = "".join(f"<li>{_aura_text(step)}</li>" for step in item.fix)
        parts.append(f'<div class="how">How:<ul>{steps}</ul></div>')
    if item.snippets:
        blocks = "".join(
            f"<figure><figcaption>{e(snippet.server)}</figcaption>"
            f"<pre><code>{e(snippet.code)}</code></pre></figure>"
            for snippet in item.snippets
        )
        parts.append(f'<div class="snippets">{blocks}</div>')
    parts.append("</li>")
    return "".join(parts)


def _gaps(document: ComparisonDocument) -> str:
    gaps = document.gaps
    if gaps is None or not (gaps.categories or gaps.metrics):
        return ""
    rows = [
        f"<tr><th>{e(gap.title)}</th><td class='num'>{e(score_text(gap.score))}</td>"
        f"<td class='num'>{e(score_text(gap.best_score))}</td>"
        f"<td class='num'>{e(f'{gap.gap:g}')}</td><td>{e(gap.rank)} of {e(gap.of)}</td>"
        f"<td>{e(', '.join(site_label(url) for url in gap.best_urls))}</td></tr>"
        for gap in gaps.categories
    ]
    rows.extend(
        f"<tr><th>{e(gap.label)}</th><td class='num'>{e(format_value(gap.value, gap.unit))}</td>"
        f"<td class='num'>{e(format_value(gap.best_value, gap.unit))}</td>"
        f"<td class='num'>{e(format_value(gap.gap, gap.unit))}</td><td>{MISSING}</td>"
        f"<td>{e(', '.join(site_label(url) for url in gap.best_urls))}</td></tr>"
        for gap in gaps.metrics
    )
    header = ["Where you trail", "You", "Best competitor", "Gap", "Rank", "Best"]
    return (
        '<section id="gaps"><h2>Gaps to the best competitor</h2>'
        + _table(header, rows)
        + "</section>"
    )


def _matrix(document: ComparisonDocument) -> str:
    """The audits on which the compared sites differ: someone passes, someone fails."""
    sites = document.matrix.sites
    marks = {"pass": ("✓", "good"), "fail": ("✗", "poor")}
    rows = []
    for group in document.matrix.categories:
        for audit in group.audits:
            if not (audit.passing and audit.failing):
                continue
            cells = []
            for url in sites:
                cell = audit.cells.get(url)
                mark, band_name = marks.get(cell.status if cell else "", (MISSING, "none"))
                detail = f' title="{e(cell.display_value)}"' if cell and cell.display_value else ""
                cells.append(f'<td class="score {band_name}"{detail}>{mark}</td>')
            rows.append(
                f"<tr><th>{e(audit.title)}</th><td>{e(group.title)}</td>{''.join(cells)}</tr>"
            )
    if not rows:
        return ""
    header = ["Audit", "Category", *(e(site_label(url)) for url in sites)]
    return (
        '<section id="audits"><h2>Audits where the sites differ</h2>'
        + _table(header, rows)
        + "</section>"
    )


def _metrics(document: ComparisonDocument) -> str:
    if not document.metrics:
        return ""
    sites = compared_sites(document)
    rows = [
        f"<tr><th>{e(metric.label)}</th>"
        + "".join(
            f'<td class="num{" lead" if site.url in metric.leaders else ""}">'
            f"{e(metric_text(metric, site.url))}</td>"
            for site in sites
        )
        + f"<td>{e(metric.direction)}</td></tr>"
        for metric in document.metrics
    ]
    return (
        '<section id="metrics"><h2>Metrics</h2>'
        + _table(["Metric", *_site_heads(document), "Better"], rows)
        + "</section>"
    )


def _technology(document: ComparisonDocument) -> str:
    section = document.technology
    if not section.available:
        return (
            '<section id="technology"><h2>Technology</h2>'
            '<p class="muted">No technology data for these sites.</p></section>'
        )
    sites = section.sites_with_data
    rows = []
    for group in section.groups:
        for tech in group.technologies:
            cells = []
            for url in sites:
                use = tech.sites.get(url)
                shown = MISSING if use is None else (use.version or "✓")
                cells.append(f'<td class="{"lead" if use else ""}">{e(shown)}</td>')
            rows.append(
                f"<tr><th>{e(tech.name)}</th><td>{e(group.category)}</td>{''.join(cells)}</tr>"
            )
    header = ["Technology", "Category", *(e(site_label(url)) for url in sites)]
    missing = ""
    if section.sites_without_data:
        names = ", ".join(site_label(url) for url in section.sites_without_data)
        missing = f'<p class="muted">No technology data for {e(names)}.</p>'
    possible = "".join(
        f"<li>{e(site_label(url))}: {e(names)}</li>"
        for url, names in possible_technologies(document)
    )
    if possible:
        possible = (
            "<h3>Possibly also used</h3><p class='muted'>Hints in the page below the detection's "
            f"confidence floor: possible, not established.</p><ul>{possible}</ul>"
        )
    return (
        '<section id="technology"><h2>Technology</h2>'
        + _table(header, rows)
        + missing
        + possible
        + "</section>"
    )


def _content(document: ComparisonDocument) -> str:
    content = document.content
    if not content.sites:
        return ""
    rows = []
    for site in content.sites:
        ctas = "".join(f'<span class="tag">{e(cta)}</span>' for cta in site.ctas[:6]) or MISSING
        keywords = e(", ".join(site.keywords[:8])) or MISSING
        headline = e(site.headline) if site.headline else MISSING
        hero = f'<div class="muted">{e(site.hero_text[:240])}</div>' if site.hero_text else ""
        rows.append(
            f"<tr><th>{e(site_label(site.url))}</th><td>{headline}{hero}</td><td>{ctas}</td>"
            f'<td class="num">{e(score_text(site.word_count))}</td>'
            f'<td class="num">{e(score_text(site.reading_ease))}</td><td>{keywords}</td></tr>'
        )
    header = ["Site", "Headline", "Calls to action", "Words", "Reading ease", "Keywords"]
    extra = ""
    if content.shared_keywords:
        extra += (
            f'<p><span class="muted">Keywords every site uses:</span> '
            f"{e(', '.join(content.shared_keywords[:15]))}</p>"
        )
    overlap = sorted(content.overlap, key=lambda pair: -pair.similarity)[:6]
    if overlap:
        items = "".join(
            f"<li>{e(site_label(pair.a))} ↔ {e(site_label(pair.b))}: "
            f"{pair.similarity:.0%} shared vocabulary</li>"
            for pair in overlap
        )
        extra += f"<ul>{items}</ul>"
    return (
        '<section id="content"><h2>Content and messaging</h2>'
        + _table(header, rows)
        + extra
        + "</section>"
    )


def _design(document: ComparisonDocument) -> str:
    design = document.design
    if not design.sites:
        return ""

    def yes_no(value: bool | None) -> str:
        return MISSING if value is None else "yes" if value else "no"

    def chips(values: Iterable[str | None]) -> str:
        colors = [color for color in map(safe_color, filter(None, values)) if color is not None]
        return swatches(colors) or MISSING

    rows = []
    for site in design.sites:
        typography = [
            f"{role}: {font}"
            for role, font in (("headings", site.heading_font), ("body", site.body_font))
            if font
        ]
        fonts = e("; ".join(typography) or ", ".join(site.fonts[:5])) or MISSING
        brand = chips([site.brand_color, site.accent_color, site.theme_color])
        rows.append(
            f"<tr><th>{e(site_label(site.url))}</th><td>{brand}</td>"
            f"<td>{chips(site.palette[:10])}</td><td>{fonts}</td>"
            f"<td>{e(yes_no(site.has_logo))}</td><td>{e(yes_no(site.dark_mode))}</td></tr>"
        )
    header = ["Site", "Brand colours", "Palette", "Typography", "Logo", "Dark mode"]
    shared = ""
    if design.shared_fonts:
        fonts_in_common = e(", ".join(design.shared_fonts))
        shared = f'<p><span class="muted">Fonts in common:</span> {fonts_in_common}</p>'
    return '<section id="design"><h2>Design</h2>' + _table(header, rows) + shared + "</section>"


def _value_html(value: object, kind: str, base_url: str) -> str:
    if value is None:
        return '<span class="muted">none</span>'
    if isinstance(value, Node | dict):
        node = value if isinstance(value, Node) else Node.model_validate(value)
        parts = []
        if node.selector:
            parts.append(f'<code class="selector">{e(node.selector)}</code>')
        if node.snippet:
            parts.append(f"<code>{e(node.snippet)}</code>")
        return "<br>".join(parts) or MISSING
    if kind == "url" and isinstance(value, str):
        target = link_target(value, base_url)
        if target is None:
            return e(value)
        return f'<a href="{e(target)}" rel="noopener noreferrer nofollow">{e(value)}</a>'
    if kind == "code":
        return f"<code>{e(value)}</code>"
    if kind == "color" and isinstance(value, str) and (colour := safe_color(value)):
        return f'<span class="swatch" style="background:{colour}"></span><code>{e(value)}</code>'
    return e(value_text(value, kind))


_NUMERIC = frozenset({"bytes", "ms", "seconds", "numeric", "ratio"})


def _more(shown: int, total: int) -> str:
    return f'<p class="muted">{shown} of {total} shown.</p>' if total > shown else ""


def _block_html(block: DetailBlock, base_url: str) -> str:
    title = f"<h5>{e(block.title)}</h5>" if block.title else ""
    if isinstance(block, TableBlock):
        header = [e(column.label) for column in block.columns]
        rows = [
            "<tr>"
            + "".join(
                f"<td{' class=num' if column.type in _NUMERIC else ''}>"
                f"{_value_html(row.get(column.key), column.type, base_url)}</td>"
                for column in block.columns
            )
            + "</tr>"
            for row in block.rows
        ]
        return title + _table(header, rows) + _more(len(block.rows), block.total)
    if isinstance(block, ListBlock):
        items = "".join(
            f"<li>{_value_html(item, block.item_type, base_url)}</li>" for item in block.items
        )
        return f"{title}<ul>{items}</ul>" + _more(len(block.items), block.total)
    pairs = "".join(
        f"<dt>{e(item.label)}</dt><dd>{_value_html(item.value, item.type, base_url)}</dd>"
        for item in block.items
    )
    return f"{title}<dl>{pairs}</dl>"


def _audit_html(audit: AuditEvidence, base_url: str) -> str:
    value = audit.error or audit.display_value
    parts = [
        f'<div class="audit"><h4>{e(audit.title)}',
        f' <span class="value">{e(value)}</span>' if value else "",
        "</h4>",
        *(_block_html(block, base_url) for block in audit.blocks),
        "</div>",
    ]
    return "".join(parts)


def _folded(label: str, names: list[str], *, opened: bool) -> str:
    if not names:
        return ""
    items = "".join(f"<li>{e(name)}</li>" for name in names)
    state = " open" if opened else ""
    return f"<details{state}><summary>{e(label)} ({len(names)})</summary><ul>{items}</ul></details>"


def _site_evidence_html(site: SiteEvidence, *, opened: bool) -> str:
    parts = [f"<h3>{site_link(site.url)}</h3>"]
    for category in site.categories:
        if not (category.failed or category.passed or category.not_applicable):
            continue
        parts.append(f"<h4>{e(category.title)}</h4>")
        if category.failed:
            parts.extend(_audit_html(audit, site.base_url) for audit in category.failed)
        else:
            parts.append('<p class="muted">No failed audits.</p>')
        parts.append(_folded("Passed audits", category.passed, opened=opened))
        parts.append(_folded("Not applicable", category.not_applicable, opened=opened))
    return "".join(parts)


def _pages(crawls: tuple[SiteCrawl, ...], *, opened: bool) -> str:
    """Each crawled site's pages table (page URLs and titles as text, not links)."""
    state = " open" if opened else ""
    parts: list[str] = []
    for table in pages_tables(crawls):
        rows = [
            "<tr>"
            + "".join(
                f'<td class="num">{e(cell)}</td>' if index in (3, 5) else f"<td>{e(cell)}</td>"
                for index, cell in enumerate(row)
            )
            + "</tr>"
            for row in table.rows
        ]
        shown = f"{len(table.rows):,} of {table.total:,}" if table.note else f"{table.total:,}"
        parts.append(
            f"<details{state} class='pages'><summary><strong>Pages of "
            f"{e(site_label(table.url))}</strong> ({shown})</summary>"
            + _table([e(cell) for cell in table.header], rows)
            + (f'<p class="muted">{e(table.note)}</p>' if table.note else "")
            + "</details>"
        )
    return "".join(parts)


def _site(report: Report, *, opened: bool) -> str:
    """The crawled sites: figures, scores, site audits, templates, structured data, topics,
    each site's findings with the pages behind them, and its pages (page URLs as text, not
    links)."""
    document = report.comparison
    section = document.site
    if section is None:
        return ""
    parts = ['<section id="site"><h2>Site</h2>']
    if section.without_crawl:
        names = ", ".join(site_link(url) for url in section.without_crawl)
        parts.append(f'<p class="muted">Analysed as one page (no crawl): {names}.</p>')
    if section.statements:
        items = "".join(f"<li>{e(statement)}</li>" for statement in section.statements)
        parts.append(f"<ul class='statements'>{items}</ul>")
    for site_table in site_tables(document):
        rows = [
            "<tr>"
            + "".join(
                f'<td class="lead">{e(cell.text)}</td>' if cell.lead else f"<td>{e(cell.text)}</td>"
                for cell in row
            )
            + "</tr>"
            for row in site_table.rows
        ]
        parts.append(f"<h3>{e(site_table.title)}</h3>")
        parts.append(_table([e(cell) for cell in site_table.header], rows))
        if site_table.note:
            parts.append(f'<p class="muted">{e(site_table.note)}</p>')
    state = " open" if opened else ""
    for url, findings in site_findings(document):
        parts.append(f"<h3>Site audits of {site_link(url)}</h3>")
        if not findings:
            parts.append('<p class="muted">Nothing found.</p>')
            continue
        for finding in findings:
            note = f' <span class="muted">{e(finding.note)}</span>' if finding.note else ""
            examples = "".join(f"<li>{e(example)}</li>" for example in finding.examples)
            parts.append(
                f"<details{state}><summary><strong>{e(finding.title)}</strong> "
                f'<span class="tag">{e(finding.severity)}</span> {e(finding.count)}</summary>'
                f"{note}<ul>{examples}</ul></details>"
            )
    if report.crawls:
        parts.append("<h3>Pages</h3>")
        parts.append(_pages(report.crawls, opened=opened))
    parts.append("</section>")
    return "".join(parts)


def _evidence(report: Report, *, opened: bool) -> str:
    sites = site_evidence(report)
    if not sites:
        return ""
    intro = (
        "<p class='muted'>The audits each site failed, with what the audit found on the page. "
        "Passed and not-applicable audits are folded away.</p>"
    )
    body = "".join(_site_evidence_html(site, opened=opened) for site in sites)
    return f'<section id="evidence" class="evidence"><h2>Audit details</h2>{intro}{body}</section>'


@naming_sites
def render_html(report: Report, *, for_print: bool = False) -> bytes:
    """The report as one HTML file; ``for_print`` opens the folded lists (PDF)."""
    document = report.comparison
    batch = report.batch
    title = title_of(report)
    meta = [
        f"Batch {batch.id}",
        f"status {batch.status}",
        f"{document.compared} of {document.total} sites compared",
        f"analysis version {document.analysis_version or MISSING}",
    ]
    if report.compared_at is not None:
        meta.append(f"{report.compared_at:%Y-%m-%d %H:%M} UTC")
    body = "".join(
        (
            f"<header><h1>{e(title)}</h1><div class='meta'>{e(' · '.join(meta))}</div></header>",
            _summary(report),
            _render_health(document),
            _ranking(document),
            _grid(document),
            _cards(report),
            _recommendations(document),
            _gaps(document),
            _metrics(document),
            _matrix(document),
            _technology(document),
            _content(document),
            _design(document),
            _site(report, opened=for_print),
            _evidence(report, opened=for_print),
            f"<footer>Made with Aura {e(__version__)}. Every page was fetched and audited "
            "under the same conditions.</footer>",
        )
    )
    page = (
        "<!DOCTYPE html>\n"
        '<html lang="en"><head><meta charset="utf-8">'
        f'<meta http-equiv="Content-Security-Policy" content="{CSP}">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        '<meta name="referrer" content="no-referrer">'
        f"<title>{e(title)} · Aura</title><style>{CSS}</style></head>"
        f"<body>{body}</body></html>\n"
    )
    return page.encode("utf-8")
