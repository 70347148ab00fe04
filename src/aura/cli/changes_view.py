"""What changed between two runs of a set, and its trends: in the terminal and in Markdown.

Everything taken from the analysed pages (titles, headlines, calls to action, plan names,
technology names, summaries quoting them) goes into ``Text`` objects, which Rich shows as
they are, and through ``md()`` in Markdown: a page cannot inject markup into either view.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path

from rich.console import Group, RenderableType
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from aura.comparison.metrics import format_value
from aura.history.document import (
    Delta,
    Overtake,
    PricingChange,
    RankChange,
    RunChanges,
    RunRef,
    SiteChanges,
    TechnologyChange,
    TextChange,
    Trends,
    VisualChange,
)
from aura.reports.as_markdown import md, table
from aura.reports.common import MISSING, score_text, site_label, sites_named

#: Lines of a list or of the main text shown per change; the JSON output has them all.
SHOWN_LINES = 8
#: Runs shown as columns of the trends table; the sparkline covers every run.
TREND_COLUMNS = 8
VERDICT_STYLES = {
    "better": "green",
    "worse": "red",
    "up": "green",
    "down": "red",
    "new": "cyan",
    "gone": "yellow",
    "unchanged": "dim",
    "unmeasured": "dim",
}
STATUS_STYLES = {"changed": "bold yellow", "new": "cyan", "gone": "yellow", "failed": "red"}
SHORT_FIELDS = ("title", "meta_description", "headline")
SPARKS = "▁▂▃▄▅▆▇█"


# Shared wording


def _value(value: float | None, delta: Delta) -> str:
    if value is None:
        return MISSING
    return f"{value:g}" if delta.unit == "score" else format_value(value, delta.unit)


def _change(delta: Delta) -> str:
    if delta.change is None:
        return delta.verdict
    sign = "+" if delta.change > 0 else ""
    return sign + _value(delta.change, delta)


def _noticed(deltas: Sequence[Delta]) -> list[Delta]:
    """Deltas worth a line: not those within the noise, nor measurement gaps."""
    return [delta for delta in deltas if delta.verdict not in ("unchanged", "unmeasured")]


def _not_compared(sites: Sequence[SiteChanges]) -> list[str]:
    """A line per site and reason for the values both runs measured but not alike (timings
    taken another way, or on a busy host): not changes, and not silently left out."""
    lines: list[str] = []
    for site in sites:
        by_note: dict[str, list[str]] = {}
        for delta in (*site.scores, *site.metrics):
            if delta.verdict == "unmeasured" and delta.note:
                by_note.setdefault(delta.note, []).append(delta.label)
        lines.extend(
            f"Not compared for {site_label(site.url)}: {', '.join(labels)} ({note})"
            for note, labels in by_note.items()
        )
    return lines


def _rank(rank: int | None) -> str:
    return MISSING if rank is None else f"#{rank}"


def _technology_line(tech: TechnologyChange) -> str:
    if tech.change == "version":
        return f"{tech.name} {tech.before_version or '?'} → {tech.after_version or '?'}"
    version = tech.after_version if tech.change == "added" else tech.before_version
    return f"{tech.name} {version}" if version else tech.name


def _overtake_line(overtake: Overtake) -> str:
    return (
        f"{site_label(overtake.site)} overtook {site_label(overtake.overtaken)} in "
        f"{overtake.label}: {score_text(overtake.site_before)} → {score_text(overtake.site_after)} "
        f"against {score_text(overtake.overtaken_before)} → {score_text(overtake.overtaken_after)}"
    )


def _run(ref: RunRef) -> str:
    return f"{ref.created_at:%Y-%m-%d %H:%M} ({str(ref.batch_id)[:8]}, {ref.status})"


def _visual_line(visual: VisualChange) -> str:
    return f"{visual.screenshot}: {visual.changed_percent:.1f}% of the screenshot changed"


def _shown(lines: Sequence[str]) -> tuple[list[str], int]:
    return list(lines[:SHOWN_LINES]), max(0, len(lines) - SHOWN_LINES)


def _listed(sites: Sequence[SiteChanges]) -> list[SiteChanges]:
    return [site for site in sites if site.status != "unchanged"]


def _site_title(site: SiteChanges) -> str:
    title = site_label(site.url) + (" (you)" if site.is_primary else "")
    count = f"{site.change_count} change" + ("" if site.change_count == 1 else "s")
    return f"{title} · {site.status}" + (f" · {count}" if site.status == "changed" else "")


# The terminal


def changes_renderable(
    changes: RunChanges, set_name: str, overlays: Mapping[str, Path] | None = None
) -> RenderableType:
    """``_changes_renderable`` with the sites called by their names."""
    with sites_named(_names(changes)):
        return _changes_renderable(changes, set_name, overlays)


def _names(changes: RunChanges) -> dict[str, str]:
    return {site.url: site.name for site in changes.sites if site.name}


def _changes_renderable(
    changes: RunChanges, set_name: str, overlays: Mapping[str, Path] | None = None
) -> RenderableType:
    """The whole document: the summary, overtakes, then every site that changed.

    ``overlays`` maps a site's URL to the overlay image of its visual change, when the
    file exists on this machine.
    """
    summary = Text()
    for index, sentence in enumerate(changes.summary or ["Nothing changed."]):
        summary.append(("\n" if index else "") + "• " + sentence)
    subtitle = Text(f"{_run(changes.before)} → {_run(changes.after)}")
    parts: list[RenderableType] = [
        Panel(summary, title=Text(f"{set_name}: changes", style="bold"), subtitle=subtitle)
    ]
    if changes.overtakes:
        lines = Text("Overtakes", style="bold")
        for overtake in changes.overtakes:
            lines.append("\n  ⇅ " + _overtake_line(overtake), style="")
        parts.append(lines)
    for site in _listed(changes.sites):
        parts.append(_site_renderable(site, (overlays or {}).get(site.url)))
    unchanged = [site_label(site.url) for site in changes.sites if site.status == "unchanged"]
    if unchanged:
        parts.append(Text("Unchanged: " + ", ".join(unchanged), style="dim"))
    parts.extend(Text(line, style="dim") for line in _not_compared(changes.sites))
    return Group(*parts)


def _site_renderable(site: SiteChanges, overlay: Path | None) -> RenderableType:
    parts: list[RenderableType] = [
        Text("\n" + _site_title(site), style=STATUS_STYLES.get(site.status, "bold"))
    ]
    if site.error:
        parts.append(Text("  " + site.error, style="red"))
    deltas = _noticed([*site.scores, *site.metrics])
    if deltas:
        parts.append(_deltas_table(deltas))
    ranks = [rank for rank in site.ranks if rank.verdict != "unchanged"]
    if ranks:
        parts.append(_ranks_text(ranks))
    if site.technology:
        parts.append(_technology_text(site.technology))
    for change in site.content:
        parts.append(_content_text(change))
    if site.pricing is not None:
        parts.append(_pricing_text(site.pricing))
    if site.visual is not None:
        lines = Text("  Visual: ", style="bold")
        lines.append(_visual_line(site.visual), style="")
        if overlay is not None:
            lines.append(f"\n    overlay: {overlay}", style="dim")
        parts.append(lines)
    return Group(*parts)


def _pricing_text(pricing: PricingChange) -> Text:
    text = Text("  Pricing", style="bold")
    if pricing.before_url != pricing.after_url:
        text.append(f" page {pricing.before_url or MISSING} → {pricing.after_url or MISSING}")
    elif pricing.after_url:
        text.append(f" ({pricing.after_url})", style="dim")
    for plan in pricing.changes:
        text.append("\n    " + plan.summary)
    return text


def _deltas_table(deltas: Sequence[Delta]) -> RenderableType:
    grid = Table(box=None, padding=(0, 2), show_edge=False, pad_edge=False)
    grid.add_column("  Score or metric")
    grid.add_column("Before", justify="right")
    grid.add_column("After", justify="right")
    grid.add_column("Change", justify="right")
    for delta in deltas:
        grid.add_row(
            Text("  " + delta.label),
            Text(_value(delta.before, delta)),
            Text(_value(delta.after, delta)),
            Text(_change(delta), style=VERDICT_STYLES[delta.verdict]),
        )
    return grid


def _ranks_text(ranks: Sequence[RankChange]) -> Text:
    text = Text("  Rank ", style="bold")
    for index, rank in enumerate(ranks):
        text.append(", " if index else "")
        text.append(f"{rank.label} {_rank(rank.before)} → {_rank(rank.after)}")
        text.append(f" ({rank.verdict})", style=VERDICT_STYLES[rank.verdict])
    return text


def _technology_text(changes: Sequence[TechnologyChange]) -> Text:
    marks = {"added": ("+ ", "green"), "removed": ("- ", "red"), "version": ("~ ", "yellow")}
    text = Text("  Technology", style="bold")
    for tech in changes:
        mark, style = marks[tech.change]
        text.append("\n    " + mark, style=style)
        text.append(_technology_line(tech))
        if tech.categories:
            text.append(f" ({', '.join(tech.categories)})", style="dim")
    return text


def _content_text(change: TextChange) -> Text:
    text = Text("  " + change.label, style="bold")
    rest = change.summary.removeprefix(change.label)
    text.append(rest if rest != change.summary else ": " + change.summary)
    if change.field in SHORT_FIELDS and change.diff:
        text.append("\n   ")
        for segment in change.diff:
            style = {"insert": "bold green", "delete": "red strike"}.get(segment.op, "")
            text.append(" ")
            text.append(segment.text, style=style)
        return text
    if change.added or change.removed:
        for lines, mark, style in ((change.removed, "- ", "red"), (change.added, "+ ", "green")):
            shown, more = _shown(lines)
            for line in shown:
                text.append("\n    " + mark + line, style=style)
            if more:
                text.append(f"\n    … and {more} more", style="dim")
        return text
    text.append("\n    - " + (change.before or MISSING), style="red")
    text.append("\n    + " + (change.after or MISSING), style="green")
    return text


def trends_renderable(trends: Trends, set_name: str, category: str) -> RenderableType:
    """One row per site: its ``category`` score in the latest runs and a line of every run."""
    runs = trends.runs[-TREND_COLUMNS:]
    first = len(trends.runs) - len(runs)
    grid = Table(
        title=Text(f"{set_name}: {category} score per run", style="bold"),
        title_justify="left",
        caption=f"{len(trends.runs)} finished runs"
        + (f"; the last {len(runs)} shown as columns" if first else "")
        + f" · categories: {', '.join(trends.categories)}",
        caption_justify="left",
    )
    grid.add_column("Site")
    for run in runs:
        grid.add_column(f"{run.at:%m-%d %H:%M}", justify="right")
    grid.add_column("Trend")
    grid.add_column("Change", justify="right")
    for site in trends.sites:
        scores = site.scores.get(category, [])
        label = Text(site_label(site.url))
        if site.is_primary:
            label.append(" (you)", style="bold cyan")
        grid.add_row(
            label,
            *(Text(score_text(score)) for score in scores[first:]),
            Text(sparkline(scores), style="cyan"),
            _trend_change(scores),
        )
    return grid


def sparkline(scores: Sequence[float | None]) -> str:
    """One character per run, its height the score (0 to 100); a space where there is none."""
    top = len(SPARKS) - 1
    return "".join(
        " " if score is None else SPARKS[round(max(0.0, min(100.0, score)) / 100 * top)]
        for score in scores
    )


def _trend_change(scores: Sequence[float | None]) -> Text:
    known = [score for score in scores if score is not None]
    if len(known) < 2:
        return Text(MISSING, style="dim")
    change = known[-1] - known[0]
    style = "green" if change > 0 else "red" if change < 0 else "dim"
    return Text(f"{'+' if change > 0 else ''}{change:g}", style=style)


# Markdown


def changes_markdown(changes: RunChanges, set_name: str) -> str:
    with sites_named(_names(changes)):
        return _changes_markdown(changes, set_name)


def _changes_markdown(changes: RunChanges, set_name: str) -> str:
    lines = [
        f"# {md(set_name)}: changes",
        "",
        f"Run of {md(_run(changes.after))} against the run of {md(_run(changes.before))}.",
        "",
    ]
    lines.extend(f"- {md(sentence)}" for sentence in changes.summary or ["Nothing changed."])
    lines.append("")
    if changes.overtakes:
        lines.extend(["## Overtakes", ""])
        lines.extend(f"- {md(_overtake_line(overtake))}" for overtake in changes.overtakes)
        lines.append("")
    for site in _listed(changes.sites):
        lines.extend(_site_markdown(site))
    unchanged = [md(site_label(site.url)) for site in changes.sites if site.status == "unchanged"]
    if unchanged:
        lines.extend([f"Unchanged: {', '.join(unchanged)}.", ""])
    not_compared = _not_compared(changes.sites)
    if not_compared:
        lines.extend([*(f"- {md(line)}" for line in not_compared), ""])
    return "\n".join(lines)


def _site_markdown(site: SiteChanges) -> list[str]:
    lines = [f"## {md(_site_title(site))}", ""]
    if site.error:
        lines.extend([md(site.error), ""])
    deltas = _noticed([*site.scores, *site.metrics])
    if deltas:
        rows = [
            [md(d.label), md(_value(d.before, d)), md(_value(d.after, d)), md(_change(d))]
            for d in deltas
        ]
        lines.extend(table(["Score or metric", "Before", "After", "Change"], rows))
    ranks = [rank for rank in site.ranks if rank.verdict != "unchanged"]
    lines.extend(
        f"- Rank in {md(rank.label)}: {_rank(rank.before)} → {_rank(rank.after)} ({rank.verdict})"
        for rank in ranks
    )
    lines.extend(f"- Technology {t.change}: {md(_technology_line(t))}" for t in site.technology)
    for change in site.content:
        lines.extend(_content_markdown(change))
    if site.pricing is not None:
        pricing = site.pricing
        if pricing.before_url != pricing.after_url:
            pages = f"{pricing.before_url or MISSING} → {pricing.after_url or MISSING}"
            lines.append(f"- Pricing page: {md(pages)}")
        lines.extend(f"- Pricing: {md(plan.summary)}" for plan in pricing.changes)
    if site.visual is not None:
        lines.append(f"- Visual: {md(_visual_line(site.visual))}")
    return [*lines, ""]


def _content_markdown(change: TextChange) -> list[str]:
    # Summaries usually start with the field's label ("Headline changed"); else it is added.
    summary = change.summary
    if not summary.startswith(change.label):
        summary = f"{change.label}: {summary}"
    lines = [f"- {md(summary)}"]
    if change.field not in SHORT_FIELDS and (change.added or change.removed):
        for items, verb in ((change.removed, "Removed"), (change.added, "Added")):
            shown, more = _shown(items)
            lines.extend(f"  - {verb}: {md(line)}" for line in shown)
            if more:
                lines.append(f"  - … and {more} more")
        return lines
    lines.append(f"  - Before: {md(change.before or MISSING)}")
    lines.append(f"  - After: {md(change.after or MISSING)}")
    return lines


def trends_markdown(trends: Trends, set_name: str, category: str) -> str:
    header = ["Site", *(f"{run.at:%Y-%m-%d %H:%M}" for run in trends.runs), "Trend"]
    rows = [
        [
            md(site_label(site.url)) + (" (you)" if site.is_primary else ""),
            *(score_text(score) for score in site.scores.get(category, [])),
            sparkline(site.scores.get(category, [])).replace(" ", MISSING),
        ]
        for site in trends.sites
    ]
    title = f"# {md(set_name)}: {md(category)} score per run"
    return "\n".join([title, "", *table(header, rows)])
