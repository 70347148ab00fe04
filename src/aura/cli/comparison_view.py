"""The comparison in the terminal: summary, ranking, the category grid, recommendations.

Text from the analysed pages never goes through Rich markup: it is put in ``Text`` objects,
which show it as it is.
"""

from __future__ import annotations

from rich.console import Console, Group, RenderableType
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from aura.competitive.schemas import BatchRead
from aura.reports import Report
from aura.reports.common import (
    MISSING,
    category_grid,
    compared_sites,
    naming_sites,
    score_text,
    site_label,
)
from aura.reports.svg import band

#: Recommendations shown in the terminal.
TERMINAL_RECOMMENDATIONS = 5
BAND_STYLES = {"good": "green", "average": "yellow", "poor": "red", "none": "dim"}


def _score(score: float | None, *, lead: bool = False) -> Text:
    text = Text(score_text(score), style=BAND_STYLES[band(score)])
    if lead:
        text = Text("★ ", style="bold") + text
        text.stylize("bold reverse" if score is not None else "")
    return text


def _bar(score: float | None, width: int = 24) -> Text:
    filled = round(width * max(0.0, min(100.0, score or 0.0)) / 100)
    return Text("█" * filled + "░" * (width - filled), style=BAND_STYLES[band(score)])


def _site(url: str, primary_url: str | None) -> Text:
    text = Text(site_label(url))
    if url == primary_url:
        text.append(" (you)", style="bold cyan")
    return text


def summary_panel(report: Report) -> RenderableType:
    document = report.comparison
    lines = Text()
    for index, finding in enumerate(document.summary):
        if index:
            lines.append("\n")
        style = "yellow" if finding.kind == "partial" else ""
        lines.append("• ")
        lines.append(finding.text, style=style)
    if not document.summary:
        lines.append("Nothing to summarise.")
    title = report.batch.name or "Competitive analysis"
    subtitle = f"{document.compared} of {document.total} sites compared · batch {report.batch.id}"
    return Panel(lines, title=Text(title, style="bold"), subtitle=subtitle, expand=True)


def ranking_table(report: Report) -> RenderableType:
    document = report.comparison
    table = Table(title="Ranking", title_justify="left", expand=False)
    table.add_column("#", justify="right")
    table.add_column("Site")
    table.add_column("Overall", justify="right")
    table.add_column("")
    for entry in document.rankings.overall.entries:
        table.add_row(
            str(entry.rank),
            _site(entry.url, document.primary_url),
            _score(entry.score),
            _bar(entry.score),
        )
    if not document.rankings.overall.entries:
        table.add_row("", Text("No site could be ranked."), "", "")
    return table


def grid_table(report: Report) -> RenderableType:
    document = report.comparison
    grid = category_grid(document)
    table = Table(title="Scores by category (★ leader)", title_justify="left", expand=False)
    table.add_column("Category")
    for site in compared_sites(document):
        table.add_column(_site(site.url, document.primary_url), justify="right")
    for row in grid:
        table.add_row(
            Text(row.title, style="bold" if row.category == "overall" else ""),
            *(_score(score, lead=url in row.leaders) for url, score in row.scores.items()),
        )
    return table


def recommendations_table(report: Report, limit: int = TERMINAL_RECOMMENDATIONS) -> RenderableType:
    document = report.comparison
    parts: list[RenderableType] = []
    for entry in document.recommendations:
        if not entry.items:
            continue
        title = "Top recommendations"
        if document.primary_url is None or entry.url != document.primary_url:
            title += f" for {site_label(entry.url)}"
        table = Table(title=title, title_justify="left", expand=False)
        table.add_column("#", justify="right")
        table.add_column("What to do")
        table.add_column("Area")
        table.add_column("Severity")
        table.add_column("Competitors passing", justify="right")
        table.add_column("Gain", justify="right")
        for number, item in enumerate(entry.items[:limit], 1):
            passing = (
                f"{len(item.competitors_passing)}/{item.competitors_total}"
                if item.competitors_total
                else MISSING
            )
            table.add_row(
                str(number),
                Text(item.action),
                Text(", ".join(item.categories)),
                item.severity,
                passing,
                f"{item.impact:g}",
            )
        parts.append(table)
        parts.append(Text(document.recommendations_order, style="dim"))
    if not parts:
        parts.append(Text("No recommendations: nothing to catch up on.", style="green"))
    return Group(*parts)


def left_out_table(report: Report) -> RenderableType | None:
    left = [site for site in report.comparison.sites if not site.compared]
    if not left:
        return None
    table = Table(title="Not compared", title_justify="left", expand=False)
    table.add_column("Site")
    table.add_column("Status")
    table.add_column("Reason", overflow="fold")
    for site in left:
        table.add_row(Text(site.url), Text(site.status, style="red"), Text(site.error or ""))
    return table


@naming_sites
def print_report(report: Report, console: Console) -> None:
    console.print(summary_panel(report))
    console.print(ranking_table(report))
    console.print(grid_table(report))
    console.print(recommendations_table(report))
    left = left_out_table(report)
    if left is not None:
        console.print(left)


def batch_table(batch: BatchRead) -> RenderableType:
    """A batch and its URLs, with each URL's state and error."""
    table = Table(
        title=Text(f"{batch.name or 'Batch'} · {batch.id}", style="bold"),
        title_justify="left",
        caption=f"{batch.status} · {batch.completed_urls} done, {batch.failed_urls} failed "
        f"of {batch.total_urls} · mode {batch.mode} · created {batch.created_at:%Y-%m-%d %H:%M}",
        caption_justify="left",
        expand=False,
    )
    table.add_column("Site")
    table.add_column("Status")
    table.add_column("Final URL / error", overflow="fold")
    for item in batch.urls:
        label = _site(item.url, batch.primary_url)
        style = {"completed": "green", "failed": "red"}.get(item.status, "")
        detail = item.error if item.status == "failed" else item.final_url
        table.add_row(label, Text(item.status, style=style), Text(detail or ""))
    return table
