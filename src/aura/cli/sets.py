"""``aura sets …``: comparison sets, their runs, what changed, trends and alerts.

This module holds the commands' options only, so that their ``--help`` loads nothing else;
what they do is in ``aura.cli.sets_work``, imported when one runs.
"""

from __future__ import annotations

import typer

from aura.cli.loading import collector_paused
from aura.cli.plumbing import DEPTH_HELP, EXCLUDE_HELP, INCLUDE_HELP

app = typer.Typer(
    help="Comparison sets: your site and its competitors, run again and again, "
    "with what changed between runs, trends and alerts.",
    no_args_is_help=True,
)
rules_app = typer.Typer(help="Alert rules of a set.", no_args_is_help=True)
app.add_typer(rules_app, name="rules")

SCHEDULE_HELP = (
    "When it runs, in words: 'hourly', 'daily 09:00', 'weekdays 07:00', "
    "'weekly monday 09:00' (or 'monday 09:00'); without a time at 09:00 ('daily', "
    "'weekly on Monday'); read in --tz"
)
PAGES_HELP = (
    "Pages to analyse per site in each run, the start page included: more than 1 crawls "
    "each site, 1 the start pages only"
)


@app.command("create")
def create_set(
    name: str = typer.Argument(..., help="A unique name for the set"),
    urls: list[str] = typer.Argument(
        ..., metavar="URL...", help="Your site and its competitors (2 to AURA_MAX_BATCH_URLS)"
    ),
    primary: str | None = typer.Option(None, "--primary", help="Your own site (one of the URLs)"),
    mode: str | None = typer.Option(None, "--mode", help="static or browser; default: configured"),
    renders: int | None = typer.Option(
        None, "--runs", help="Browser mode: renders of each page per run; the median is kept"
    ),
    preset: str | None = typer.Option(None, "--schedule", metavar="WHEN", help=SCHEDULE_HELP),
    every: float | None = typer.Option(
        None, "--every", metavar="HOURS", help="Run the set every HOURS hours"
    ),
    cron: str | None = typer.Option(
        None, "--cron", metavar="EXPR", help="Run it on a 5-field cron expression: '0 9 * * 1'"
    ),
    tz: str | None = typer.Option(
        None, "--tz", metavar="ZONE", help="IANA time zone of --cron (default UTC)"
    ),
    ignore: list[str] | None = typer.Option(
        None,
        "--ignore",
        metavar="URL=SELECTOR",
        help="Leave what SELECTOR matches on URL out of change tracking (repeatable)",
    ),
    label: list[str] | None = typer.Option(
        None,
        "--label",
        metavar="URL=NAME",
        help="What to call URL in every run, instead of a name derived from the page (repeatable)",
    ),
    pages: int | None = typer.Option(None, "--pages", help=PAGES_HELP),
    depth: int | None = typer.Option(None, "--depth", help=DEPTH_HELP),
    include: list[str] | None = typer.Option(
        None, "--include", metavar="PATTERN", help=INCLUDE_HELP
    ),
    exclude: list[str] | None = typer.Option(
        None, "--exclude", metavar="PATTERN", help=EXCLUDE_HELP
    ),
    chosen_format: str = typer.Option("table", "--format", "-f", help="table or json"),
) -> None:
    """Create a comparison set; `aura sets run NAME` runs it."""
    with collector_paused():
        from aura.cli import sets_work

    sets_work.create_set(
        name=name,
        urls=urls,
        primary=primary,
        mode=mode,
        renders=renders,
        preset=preset,
        every=every,
        cron=cron,
        tz=tz,
        ignore=ignore,
        label=label,
        pages=pages,
        depth=depth,
        include=include,
        exclude=exclude,
        chosen_format=chosen_format,
    )


@app.command("list")
def list_sets(
    chosen_format: str = typer.Option("table", "--format", "-f", help="table or json"),
) -> None:
    """The comparison sets, with their schedules and last runs."""
    with collector_paused():
        from aura.cli import sets_work

    sets_work.list_sets(chosen_format=chosen_format)


@app.command("show")
def show_set(
    name: str = typer.Argument(..., help="The set's name (or id)"),
    chosen_format: str = typer.Option("table", "--format", "-f", help="table or json"),
) -> None:
    """A set: its sites, options and schedule, and its runs."""
    with collector_paused():
        from aura.cli import sets_work

    sets_work.show_set(name=name, chosen_format=chosen_format)


@app.command("update")
def update_set(
    name: str = typer.Argument(..., help="The set's name (or id)"),
    new_name: str | None = typer.Option(None, "--name", help="Rename the set"),
    urls: list[str] | None = typer.Option(
        None, "--url", metavar="URL", help="The sites from now on (repeat: replaces them all)"
    ),
    primary: str | None = typer.Option(None, "--primary", help="Your own site"),
    mode: str | None = typer.Option(None, "--mode", help="static or browser"),
    renders: int | None = typer.Option(None, "--runs", help="Renders of each page per run"),
    preset: str | None = typer.Option(None, "--schedule", metavar="WHEN", help=SCHEDULE_HELP),
    every: float | None = typer.Option(None, "--every", metavar="HOURS", help="Run every HOURS"),
    cron: str | None = typer.Option(None, "--cron", metavar="EXPR", help="Run on a cron expr."),
    tz: str | None = typer.Option(None, "--tz", metavar="ZONE", help="IANA time zone of --cron"),
    no_schedule: bool = typer.Option(False, "--no-schedule", help="Remove the schedule"),
    pause: bool = typer.Option(False, "--pause", help="Keep the schedule but stop running it"),
    resume: bool = typer.Option(False, "--resume", help="Run a paused schedule again"),
    ignore: list[str] | None = typer.Option(
        None,
        "--ignore",
        metavar="URL=SELECTOR",
        help="What change tracking leaves out (repeat: replaces every ignore selector)",
    ),
    no_ignore: bool = typer.Option(False, "--no-ignore", help="Remove every ignore selector"),
    label: list[str] | None = typer.Option(
        None,
        "--label",
        metavar="URL=NAME",
        help="What to call URL in runs to come (repeat: replaces every label)",
    ),
    no_labels: bool = typer.Option(False, "--no-labels", help="Remove every label"),
    pages: int | None = typer.Option(None, "--pages", help=PAGES_HELP),
    depth: int | None = typer.Option(None, "--depth", help=DEPTH_HELP),
    include: list[str] | None = typer.Option(
        None, "--include", metavar="PATTERN", help=INCLUDE_HELP
    ),
    exclude: list[str] | None = typer.Option(
        None, "--exclude", metavar="PATTERN", help=EXCLUDE_HELP
    ),
    chosen_format: str = typer.Option("table", "--format", "-f", help="table or json"),
) -> None:
    """Change a set; the options left out stay as they are. Runs to come use the change."""
    with collector_paused():
        from aura.cli import sets_work

    sets_work.update_set(
        name=name,
        new_name=new_name,
        urls=urls,
        primary=primary,
        mode=mode,
        renders=renders,
        preset=preset,
        every=every,
        cron=cron,
        tz=tz,
        no_schedule=no_schedule,
        pause=pause,
        resume=resume,
        ignore=ignore,
        no_ignore=no_ignore,
        label=label,
        no_labels=no_labels,
        pages=pages,
        depth=depth,
        include=include,
        exclude=exclude,
        chosen_format=chosen_format,
    )


@app.command("delete")
def delete_set(name: str = typer.Argument(..., help="The set's name (or id)")) -> None:
    """Delete a set with its rules, alerts and change records; its runs stay as batches."""
    with collector_paused():
        from aura.cli import sets_work

    sets_work.delete_set(name=name)


@app.command("run")
def run_set_command(
    name: str = typer.Argument(..., help="The set's name (or id)"),
    chosen_format: str = typer.Option("table", "--format", "-f", help="table, json or md"),
) -> None:
    """Run the set now, in this process, then show what changed since its previous run.

    Progress goes to stderr, the changes to stdout. Exits 1 when every site failed or the
    set is unknown.
    """
    with collector_paused():
        from aura.cli import sets_work

    sets_work.run_set_command(name=name, chosen_format=chosen_format)


@app.command("changes")
def changes_command(
    name: str = typer.Argument(..., help="The set's name (or id)"),
    from_run: str | None = typer.Option(
        None, "--from", metavar="RUN", help="The earlier run (its id or the start of it)"
    ),
    to_run: str | None = typer.Option(
        None, "--to", metavar="RUN", help="The later run (default: the latest finished run)"
    ),
    chosen_format: str = typer.Option("table", "--format", "-f", help="table, json or md"),
) -> None:
    """What changed between two finished runs (default: the last two)."""
    with collector_paused():
        from aura.cli import sets_work

    sets_work.changes_command(
        name=name,
        from_run=from_run,
        to_run=to_run,
        chosen_format=chosen_format,
    )


@app.command("trends")
def trends_command(
    name: str = typer.Argument(..., help="The set's name (or id)"),
    category: str = typer.Option(
        "overall", "--category", "-c", help="overall or a category id (seo, performance…)"
    ),
    chosen_format: str = typer.Option("table", "--format", "-f", help="table, json or md"),
) -> None:
    """Each site's score over every finished run of the set."""
    with collector_paused():
        from aura.cli import sets_work

    sets_work.trends_command(name=name, category=category, chosen_format=chosen_format)


@app.command("alerts")
def alerts_command(
    name: str = typer.Argument(..., help="The set's name (or id)"),
    limit: int = typer.Option(20, "--limit", min=1, help="How many, newest first"),
    chosen_format: str = typer.Option("table", "--format", "-f", help="table or json"),
) -> None:
    """The alerts the set's rules raised, newest first, with their webhook delivery."""
    with collector_paused():
        from aura.cli import sets_work

    sets_work.alerts_command(name=name, limit=limit, chosen_format=chosen_format)


@rules_app.command("add")
def add_rule(
    name: str = typer.Argument(..., help="The set's name (or id)"),
    kind: str = typer.Option(
        ...,
        "--kind",
        "-k",
        help="overtaken, score_dropped, competitor_content_changed or "
        "competitor_technology_changed",
    ),
    category: str | None = typer.Option(
        None, "--category", "-c", help="overtaken, score_dropped: overall (default) or a category"
    ),
    points: float | None = typer.Option(
        None, "--points", help="score_dropped: the fall in points that fires it"
    ),
    fields: list[str] | None = typer.Option(
        None,
        "--field",
        help="competitor_content_changed: title, meta_description, headline, calls_to_action, "
        "navigation, main_text or pricing (repeatable; default headline and pricing)",
    ),
    webhook: str | None = typer.Option(None, "--webhook", help="POST each alert here (JSON)"),
    secret: str | None = typer.Option(
        None,
        "--secret",
        envvar="AURA_ALERT_SECRET",
        help="Sign deliveries with this shared secret (HMAC-SHA256 in X-Aura-Signature)",
    ),
    channel: str = typer.Option(
        "webhook",
        "--channel",
        help="webhook (signed JSON to --webhook), slack (a Slack incoming webhook at "
        "--webhook) or email (to --email, through the AURA_SMTP_* settings)",
    ),
    email_to: list[str] | None = typer.Option(
        None, "--email", help="email: a recipient's address (repeatable)"
    ),
    digest: bool = typer.Option(False, "--digest", help="One message per run, not per alert"),
    disabled: bool = typer.Option(False, "--disabled", help="Create the rule switched off"),
) -> None:
    """Add an alert rule: alerts are listed by `aura sets alerts` and sent over its channel."""
    with collector_paused():
        from aura.cli import sets_work

    sets_work.add_rule(
        name=name,
        kind=kind,
        category=category,
        points=points,
        fields=fields,
        webhook=webhook,
        secret=secret,
        channel=channel,
        email_to=email_to,
        digest=digest,
        disabled=disabled,
    )


@rules_app.command("list")
def list_rules(
    name: str = typer.Argument(..., help="The set's name (or id)"),
    chosen_format: str = typer.Option("table", "--format", "-f", help="table or json"),
) -> None:
    """The alert rules of a set."""
    with collector_paused():
        from aura.cli import sets_work

    sets_work.list_rules(name=name, chosen_format=chosen_format)


@rules_app.command("delete")
def delete_rule(
    name: str = typer.Argument(..., help="The set's name (or id)"),
    rule_id: str = typer.Argument(..., help="The rule's id (`aura sets rules list`)"),
) -> None:
    """Delete an alert rule; the alerts it raised stay listed."""
    with collector_paused():
        from aura.cli import sets_work

    sets_work.delete_rule(name=name, rule_id=rule_id)
