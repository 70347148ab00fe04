"""Comparison sets in the terminal: the list, one set with its runs, rules and alerts.

Set names, URLs, alert messages (which quote page text) and webhook errors go into
``Text`` objects, never through Rich markup.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence

from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text

from aura.reports.common import MISSING, score_text, site_label
from aura.sets.schemas import AlertRead, AlertRuleList, RunList, SetList, SetRead

STATUS_STYLES = {"completed": "green", "partial": "yellow", "failed": "red", "cancelled": "dim"}
DELIVERY_STYLES = {"delivered": "green", "failed": "red", "pending": "yellow", "sending": "cyan"}


def when(moment: dt.datetime | None) -> str:
    return MISSING if moment is None else f"{moment:%Y-%m-%d %H:%M %Z}".strip()


def _schedule_text(found: SetRead) -> Text:
    schedule = found.schedule
    if schedule is None:
        return Text("manual", style="dim")
    text = Text(schedule.description)
    if not schedule.enabled:
        text.append(" (paused)", style="yellow")
    return text


def _sites_text(
    urls: Sequence[str], primary: str | None, labels: Mapping[str, str] | None = None
) -> Text:
    text = Text()
    for index, url in enumerate(urls):
        text.append(", " if index else "")
        label = (labels or {}).get(url)
        text.append(f"{label} ({site_label(url)})" if label else site_label(url))
        if url == primary:
            text.append(" (you)", style="bold cyan")
    return text


def sets_table(sets: SetList) -> RenderableType:
    table = Table(title="Comparison sets", title_justify="left")
    table.add_column("Name")
    table.add_column("Sites", overflow="fold")
    table.add_column("Schedule")
    table.add_column("Next run", no_wrap=True)
    table.add_column("Runs", justify="right")
    table.add_column("Last run")
    for found in sets.items:
        last = found.last_run
        last_text = Text(MISSING, style="dim")
        if last is not None:
            last_text = Text(last.status, style=STATUS_STYLES.get(last.status, ""))
            last_text.append(f" {last.created_at:%Y-%m-%d %H:%M}")
            if last.change_count is not None:
                last_text.append(f" · {last.change_count} changes", style="dim")
        table.add_row(
            Text(found.name, style="bold"),
            _sites_text(found.urls, found.primary_url, found.labels),
            _schedule_text(found),
            when(found.schedule.next_run_at if found.schedule else None),
            str(found.run_count),
            last_text,
        )
    return table


def set_renderable(found: SetRead, runs: RunList) -> RenderableType:
    details = Table.grid(padding=(0, 2))
    details.add_column(style="bold")
    details.add_column(overflow="fold")
    details.add_row("Set", Text(f"{found.name} · {found.id}"))
    details.add_row("Sites", _sites_text(found.urls, found.primary_url, found.labels))
    details.add_row("Mode", Text(found.mode or "default"))
    schedule = _schedule_text(found)
    if found.schedule is not None and found.schedule.next_run_at is not None:
        schedule.append(f" · next {when(found.schedule.next_run_at)}", style="dim")
    details.add_row("Schedule", schedule)
    details.add_row("Crawl", _crawl_text(found))
    for url, selectors in found.ignore_selectors.items():
        details.add_row("Ignored", Text(f"{site_label(url)}: {', '.join(selectors)}"))
    return Group(details, runs_table(found, runs))


def _crawl_text(found: SetRead) -> Text:
    """The crawl of each run in words, e.g. 'up to 40 pages per site, depth 3, only /blog/*'."""
    crawl = found.crawl
    if crawl is None or crawl.pages <= 1:
        return Text("start pages only")
    parts = [f"up to {crawl.pages} pages per site", f"depth {crawl.depth}"]
    if crawl.include:
        parts.append(f"only {', '.join(crawl.include)}")
    if crawl.exclude:
        parts.append(f"skipping {', '.join(crawl.exclude)}")
    if crawl.subdomains:
        parts.append("subdomains followed")
    return Text(", ".join(parts))


def runs_table(found: SetRead, runs: RunList) -> RenderableType:
    table = Table(title="Runs (newest first)", title_justify="left")
    table.add_column("#", justify="right")
    table.add_column("Run", no_wrap=True)
    table.add_column("Status")
    table.add_column("Trigger")
    table.add_column("Started", no_wrap=True)
    table.add_column("Overall scores", overflow="fold")
    table.add_column("Changes", justify="right")
    for run in runs.items:
        scores = Text()
        for index, (url, score) in enumerate(run.scores.items()):
            scores.append(" · " if index else "")
            scores.append(site_label(url), style="bold cyan" if url == found.primary_url else "")
            scores.append(f" {score_text(score)}")
        table.add_row(
            str(run.number),
            str(run.batch_id),
            Text(run.status, style=STATUS_STYLES.get(run.status, "")),
            run.trigger,
            f"{run.created_at:%Y-%m-%d %H:%M}",
            scores,
            MISSING if run.change_count is None else str(run.change_count),
        )
    if not runs.items:
        table.add_row("", "", Text(f"No runs yet: `aura sets run {found.name}`"), "", "", "", "")
    return table


def rules_table(found: SetRead, rules: AlertRuleList) -> RenderableType:
    table = Table(title=Text(f"Alert rules of {found.name}", style="bold"), title_justify="left")
    table.add_column("Rule", no_wrap=True)
    table.add_column("Fires when")
    table.add_column("Webhook", overflow="fold")
    table.add_column("Enabled")
    for rule in rules.items:
        webhook = Text(rule.webhook_url or "none (listed only)")
        if rule.webhook_url and rule.has_secret:
            webhook.append(" · signed", style="dim")
        table.add_row(
            str(rule.id),
            Text(rule.description),
            webhook,
            Text("yes", style="green") if rule.enabled else Text("no", style="yellow"),
        )
    if not rules.items:
        table.add_row("", Text(f"No rules: `aura sets rules add {found.name} --kind …`"), "", "")
    return table


def alerts_table(found: SetRead, alerts: Sequence[AlertRead]) -> RenderableType:
    table = Table(title=Text(f"Alerts of {found.name}", style="bold"), title_justify="left")
    table.add_column("When", no_wrap=True)
    table.add_column("Kind")
    table.add_column("Site")
    table.add_column("Alert", overflow="fold")
    table.add_column("Delivery", overflow="fold")
    for alert in alerts:
        table.add_row(
            f"{alert.created_at:%Y-%m-%d %H:%M}",
            alert.kind,
            Text(site_label(alert.site) if alert.site else MISSING),
            Text(alert.message),
            _delivery(alert),
        )
    if not alerts:
        table.add_row("", "", "", Text("No alerts yet."), "")
    return table


def _delivery(alert: AlertRead) -> Text:
    delivery = alert.delivery
    if delivery.status == "none":
        return Text("no webhook", style="dim")
    text = Text(delivery.status, style=DELIVERY_STYLES.get(delivery.status, ""))
    if delivery.attempts:
        plural = "" if delivery.attempts == 1 else "s"
        text.append(f" ({delivery.attempts} attempt{plural})", style="dim")
    if delivery.last_error and delivery.status != "delivered":
        text.append(f": {delivery.last_error}", style="red")
    return text
