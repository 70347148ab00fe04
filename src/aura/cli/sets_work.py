"""What the ``aura sets …`` commands do: comparison sets, their runs, what changed, trends
and alerts. ``aura.cli.sets`` declares the commands' options and imports this module when
one runs.

A set is a named list of sites (yours and your competitors') run again and again. These
commands call the same services as the API (``SetService``, ``MonitoringService``) on the
configured database. Schedules are kept by ``aura serve`` / ``aura worker``: a set created
here with ``--schedule``, ``--every`` or ``--cron`` is picked up by their recovery sweep.
"""

from __future__ import annotations

import uuid
from collections.abc import Awaitable, Callable, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from pydantic import BaseModel, ValidationError
from pydantic_core import to_json
from rich.text import Text

from aura.cli.analyze_work import in_terminal, parse_labels, write_bytes
from aura.cli.changes_view import (
    changes_markdown,
    changes_renderable,
    trends_markdown,
    trends_renderable,
)
from aura.cli.comparison_view import batch_table, print_report
from aura.cli.plumbing import (
    CRAWL_OPTION_OF,
    EXIT_FAILED,
    EXIT_USAGE,
    explain,
    fail,
    with_database,
)
from aura.cli.set_run import SetRun, run_set_then
from aura.cli.sets_view import alerts_table, rules_table, set_renderable, sets_table
from aura.cli.terminal import SafeConsole
from aura.competitive.schemas import CrawlSpec
from aura.config import get_settings
from aura.errors import ConflictError, InvalidInputError, NotFoundError
from aura.history.document import RunChanges
from aura.runtime import Runtime
from aura.sets.monitoring import MonitoringService
from aura.sets.schedule import preset_cron
from aura.sets.schemas import (
    AlertList,
    AlertRuleCreate,
    AlertRuleList,
    RunList,
    ScheduleSpec,
    SetCreate,
    SetList,
    SetRead,
    SetUpdate,
)
from aura.sets.service import SetService

if TYPE_CHECKING:
    from sqlalchemy.ext.asyncio import AsyncSession


T = TypeVar("T")
M = TypeVar("M", bound=BaseModel)

TABLE_OR_JSON = ("table", "json")
DOCUMENT_FORMATS = ("table", "json", "md")
#: Where each field of a request body comes from on the command line.
OPTION_OF = {
    "name": "NAME",
    "urls": "URL",
    "primary_url": "--primary",
    "mode": "--mode",
    "runs": "--runs",
    "ignore_selectors": "--ignore",
    "labels": "--label",
    "schedule": "the schedule",
    "every_hours": "--every",
    "cron": "--cron",
    "timezone": "--tz",
    "kind": "--kind",
    "category": "--category",
    "points": "--points",
    "fields": "--field",
    "webhook_url": "--webhook",
    "secret": "--secret",
    **CRAWL_OPTION_OF,
}

# Plumbing


def _body(model: type[M], values: dict[str, Any], options: Mapping[str, str] = OPTION_OF) -> M:
    """The request body the options make, or exit 2 naming the option at fault."""
    try:
        return model.model_validate(values)
    except ValidationError as error:
        fail(explain(error.errors(), options), EXIT_USAGE)


def _format(chosen: str, allowed: Sequence[str]) -> str:
    if chosen not in allowed:
        fail(f"unknown format {chosen!r}; use one of {', '.join(allowed)}")
    return chosen


def _print_json(value: object) -> None:
    """Models, or a mapping of them, as indented JSON on stdout."""
    write_bytes(to_json(value, indent=2) + b"\n")


def _say(message: str) -> None:
    """A confirmation on stderr, so stdout keeps only results."""
    SafeConsole(stderr=True).print(Text(message), highlight=False)


def _set_and(
    name: str, read: Callable[[MonitoringService, AsyncSession, uuid.UUID], Awaitable[T]]
) -> tuple[SetRead, T]:
    """The set called ``name`` (or with that id) and what ``read``, a ``MonitoringService``
    method, finds of it (its trends, alerts, rules)."""

    async def work(runtime: Runtime) -> tuple[SetRead, T]:
        async with runtime.db.read() as session:
            found = await SetService(runtime).find(session, name)
            return found, await read(MonitoringService(runtime), session, found.id)

    return with_database(work, OPTION_OF)


def _ignore_selectors(entries: Sequence[str], urls: Sequence[str]) -> dict[str, list[str]]:
    """``URL=SELECTOR`` options as URL → selectors.

    URLs and selectors may both contain ``=``: the split chosen is the one whose left side
    is one of the set's URLs, else the first ``=`` (the service then names the stranger).
    """
    selectors: dict[str, list[str]] = {}
    for entry in entries:
        splits = [index for index, char in enumerate(entry) if char == "="]
        if not splits:
            fail(f"--ignore {entry!r}: write it as URL=SELECTOR")
        at = next((index for index in splits if entry[:index].strip() in urls), splits[0])
        url, selector = entry[:at].strip(), entry[at + 1 :].strip()
        if not url or not selector:
            fail(f"--ignore {entry!r}: write it as URL=SELECTOR")
        selectors.setdefault(url, []).append(selector)
    return selectors


def _schedule(
    every: float | None, cron: str | None, tz: str | None, preset: str | None = None
) -> ScheduleSpec | None:
    if sum(given is not None for given in (every, cron, preset)) > 1:
        fail("give one of --schedule, --every and --cron")
    if preset is not None:
        try:
            cron = preset_cron(preset)
        except ValueError as error:
            fail(f"--schedule: {error}")
    if tz is not None and cron is None:
        fail("--tz is the time zone of --schedule or --cron; give one of them with it")
    if every is None and cron is None:
        return None
    values: dict[str, Any] = {"every_hours": every, "cron": cron}
    if tz is not None:
        values["timezone"] = tz
    return _body(ScheduleSpec, values)


def _crawl(
    current: CrawlSpec | None,
    pages: int | None,
    depth: int | None,
    include: list[str] | None,
    exclude: list[str] | None,
) -> dict[str, Any]:
    """The ``crawl`` field of a create or update, or nothing when the crawl stays as it is.

    ``--pages 1`` goes back to the start pages only (``crawl: null``); --depth, --include
    and --exclude change the set's crawl (each replaces what it names) or, with --pages,
    shape a new one.
    """
    shaping = [
        option
        for option, value in (("--depth", depth), ("--include", include), ("--exclude", exclude))
        if value is not None
    ]
    if pages is None and not shaping:
        return {}
    if pages == 1:
        if shaping:
            fail(f"--pages 1 analyses the start pages only: give no {', '.join(shaping)} with it")
        return {"crawl": None}
    if pages is None and current is None:
        fail(f"{', '.join(shaping)} shape a crawl: give --pages N (more than 1) with them")
    values: dict[str, Any] = current.model_dump() if current is not None else {}
    given = {"pages": pages, "depth": depth, "include": include, "exclude": exclude}
    values.update({key: value for key, value in given.items() if value is not None})
    return {"crawl": values}


# Set commands


def create_set(
    *,
    name: str,
    urls: list[str],
    primary: str | None,
    mode: str | None,
    renders: int | None,
    preset: str | None,
    every: float | None,
    cron: str | None,
    tz: str | None,
    ignore: list[str] | None,
    label: list[str] | None,
    pages: int | None,
    depth: int | None,
    include: list[str] | None,
    exclude: list[str] | None,
    chosen_format: str,
) -> None:
    """``aura sets create``."""
    chosen = _format(chosen_format, TABLE_OR_JSON)
    values: dict[str, Any] = {
        "name": name,
        "urls": urls,
        "primary_url": primary,
        "ignore_selectors": _ignore_selectors(ignore or [], urls),
        "labels": parse_labels(label),
        "schedule": _schedule(every, cron, tz, preset),
        **_crawl(None, pages, depth, include, exclude),
    }
    if mode is not None:
        values["mode"] = mode
    if renders is not None:
        values["runs"] = renders
    body = _body(SetCreate, values)

    async def work(runtime: Runtime) -> tuple[SetRead, RunList]:
        async with runtime.db.write() as session:
            created = await SetService(runtime).create(session, body)
        return created, RunList(items=[])

    created, runs = with_database(work, OPTION_OF)
    _say(f"Created set {created.name}.")
    if chosen == "json":
        _print_json(created)
        return
    SafeConsole().print(set_renderable(created, runs))


def list_sets(*, chosen_format: str) -> None:
    """``aura sets list``."""
    chosen = _format(chosen_format, TABLE_OR_JSON)

    async def work(runtime: Runtime) -> SetList:
        async with runtime.db.read() as session:
            return await SetService(runtime).list(session)

    found = with_database(work, OPTION_OF)
    if chosen == "json":
        _print_json(found)
    elif not found.items:
        SafeConsole().print("No sets yet. Create one with `aura sets create NAME URL URL…`.")
    else:
        SafeConsole().print(sets_table(found))


def show_set(*, name: str, chosen_format: str) -> None:
    """``aura sets show``."""
    chosen = _format(chosen_format, TABLE_OR_JSON)

    async def work(runtime: Runtime) -> tuple[SetRead, RunList]:
        service = SetService(runtime)
        async with runtime.db.read() as session:
            found = await service.find(session, name)
            return found, await service.runs(session, found.id)

    found, runs = with_database(work, OPTION_OF)
    if chosen == "json":
        _print_json({"set": found, "runs": runs})
        return
    SafeConsole().print(set_renderable(found, runs))


def update_set(
    *,
    name: str,
    new_name: str | None,
    urls: list[str] | None,
    primary: str | None,
    mode: str | None,
    renders: int | None,
    preset: str | None,
    every: float | None,
    cron: str | None,
    tz: str | None,
    no_schedule: bool,
    pause: bool,
    resume: bool,
    ignore: list[str] | None,
    no_ignore: bool,
    label: list[str] | None,
    no_labels: bool,
    pages: int | None,
    depth: int | None,
    include: list[str] | None,
    exclude: list[str] | None,
    chosen_format: str,
) -> None:
    """``aura sets update``."""
    chosen = _format(chosen_format, TABLE_OR_JSON)
    if pause and resume:
        fail("give --pause or --resume, not both")
    if no_schedule and (
        every is not None or cron is not None or preset is not None or tz or pause or resume
    ):
        fail("--no-schedule removes the schedule: give no other schedule option with it")
    if ignore and no_ignore:
        fail("give --ignore or --no-ignore, not both")
    if label and no_labels:
        fail("give --label or --no-labels, not both")
    # --tz alone moves the current cron schedule; with a new schedule it goes with it.
    anew = every is not None or cron is not None or preset is not None
    new_schedule = _schedule(every, cron, tz if anew else None, preset)
    options = {**OPTION_OF, "name": "--name", "urls": "--url"}

    async def work(runtime: Runtime) -> tuple[SetRead, RunList]:
        service = SetService(runtime)
        async with runtime.db.write() as session:
            found = await service.find(session, name)
            values = _changes(found, new_name, urls, primary, mode, ignore, no_ignore)
            if label:
                values["labels"] = parse_labels(label)
            elif no_labels:
                values["labels"] = {}
            if renders is not None:
                values["runs"] = renders
            values.update(_crawl(found.crawl, pages, depth, include, exclude))
            values.update(
                _schedule_change(
                    found, new_schedule, tz, remove=no_schedule, pause=pause, resume=resume
                )
            )
            if not values:
                raise InvalidInputError.single([], "nothing to change: give an option to update")
            updated = await service.update(session, found.id, _body(SetUpdate, values, options))
            return updated, await service.runs(session, found.id)

    updated, runs = with_database(work, options)
    _say(f"Updated set {updated.name}.")
    if chosen == "json":
        _print_json(updated)
        return
    SafeConsole().print(set_renderable(updated, runs))


def _changes(
    found: SetRead,
    new_name: str | None,
    urls: list[str] | None,
    primary: str | None,
    mode: str | None,
    ignore: list[str] | None,
    no_ignore: bool,
) -> dict[str, Any]:
    given = {"name": new_name, "urls": urls or None, "primary_url": primary, "mode": mode}
    values: dict[str, Any] = {key: value for key, value in given.items() if value is not None}
    if ignore:
        values["ignore_selectors"] = _ignore_selectors(ignore, urls or found.urls)
    elif no_ignore:
        values["ignore_selectors"] = {}
    return values


def _schedule_change(
    found: SetRead,
    new_schedule: ScheduleSpec | None,
    tz: str | None,
    *,
    remove: bool,
    pause: bool,
    resume: bool,
) -> dict[str, Any]:
    """The ``schedule`` field of the update, or nothing when the schedule stays as it is.

    A new interval, cron expression or preset keeps the schedule paused or running as it was
    unless --pause or --resume says otherwise, and keeps its time zone unless --tz is given
    ("daily 08:00" stays at 08:00 where the set's people are); --tz alone moves the current
    cron schedule.
    """
    if remove:
        return {"schedule": None}
    current = found.schedule
    enabled = resume if pause or resume else current is None or current.enabled
    if new_schedule is not None:
        update: dict[str, Any] = {"enabled": enabled}
        if tz is None and current is not None:
            update["timezone"] = current.timezone
        return {"schedule": new_schedule.model_copy(update=update)}
    if tz is None and not (pause or resume):
        return {}
    if current is None:
        raise InvalidInputError.single(
            ["schedule"], f"{found.name} has no schedule: give --schedule, --every or --cron"
        )
    if tz is not None and current.cron is None:
        raise InvalidInputError.single(
            ["schedule", "timezone"], "a time zone applies to a cron schedule only"
        )
    spec = ScheduleSpec(
        every_hours=current.every_hours,
        cron=current.cron,
        timezone=tz or current.timezone,
        enabled=enabled,
    )
    return {"schedule": spec}


def delete_set(*, name: str) -> None:
    """``aura sets delete``."""

    async def work(runtime: Runtime) -> SetRead:
        service = SetService(runtime)
        async with runtime.db.write() as session:
            found = await service.find(session, name)
            await service.delete(session, found.id)
            return found

    found = with_database(work, OPTION_OF)
    _say(
        f"Deleted set {found.name}. Its {found.run_count} runs stay as batches "
        "(`aura batches list`)."
    )


# Runs and what they found


async def _overlays(runtime: Runtime, set_id: uuid.UUID, changes: RunChanges) -> dict[str, Path]:
    """Site URL → overlay image of its visual change, for the files present on this machine."""
    monitoring = MonitoringService(runtime)
    overlays: dict[str, Path] = {}
    async with runtime.db.read() as session:
        for site in changes.sites:
            if site.visual is None or site.visual.overlay is None:
                continue
            path = await monitoring.visual_path(
                session, set_id, changes.after.batch_id, site.visual.overlay
            )
            if path is not None:
                overlays[site.url] = path
    return overlays


async def _resolve_run(
    runtime: Runtime, found: SetRead, raw: str | None, option: str
) -> uuid.UUID | None:
    """A run of the set by its batch id, or the start of one (as `aura sets show` lists)."""
    if raw is None:
        return None
    wanted = raw.strip().lower()
    try:
        return uuid.UUID(wanted)
    except ValueError:
        pass
    async with runtime.db.read() as session:
        runs = (await SetService(runtime).runs(session, found.id)).items
    matches = [run.batch_id for run in runs if wanted and str(run.batch_id).startswith(wanted)]
    if len(matches) > 1:
        raise InvalidInputError.single([], f"{option} {raw!r} matches {len(matches)} runs")
    if not matches:
        raise NotFoundError(
            f"no run of {found.name} has the id {raw!r} (`aura sets show {found.name}` lists them)"
        )
    return matches[0]


async def _changes_of(
    runtime: Runtime, name: str, from_run: str | None, to_run: str | None
) -> tuple[SetRead, RunChanges, dict[str, Path]]:
    async with runtime.db.read() as session:
        found = await SetService(runtime).find(session, name)
    before = await _resolve_run(runtime, found, from_run, "--from")
    after = await _resolve_run(runtime, found, to_run, "--to")
    async with runtime.db.read() as session:
        changes = await MonitoringService(runtime).changes(session, found.id, before, after)
    return found, changes, await _overlays(runtime, found.id, changes)


def _print_changes(
    found: SetRead, changes: RunChanges, overlays: Mapping[str, Path], chosen: str
) -> None:
    if chosen == "json":
        _print_json(changes)
    elif chosen == "md":
        write_bytes((changes_markdown(changes, found.name) + "\n").encode("utf-8"))
    else:
        SafeConsole().print(changes_renderable(changes, found.name, overlays))


def run_set_command(*, name: str, chosen_format: str) -> None:
    """``aura sets run``."""
    chosen = _format(chosen_format, DOCUMENT_FORMATS)
    settings = get_settings()

    async def read_changes(
        runtime: Runtime, ran: SetRun
    ) -> tuple[RunChanges | None, dict[str, Path], AlertList]:
        """What the run changed, read on the runtime that ran it."""
        monitoring = MonitoringService(runtime)
        async with runtime.db.read() as session:
            alerts = await monitoring.alerts(session, ran.set.id)
            if ran.outcome.report is None:
                return None, {}, alerts
            try:
                changes = await monitoring.changes(session, ran.set.id, None, ran.outcome.batch.id)
            except ConflictError:
                return None, {}, alerts  # the set's first finished run: nothing to compare
        return changes, await _overlays(runtime, ran.set.id, changes), alerts

    ran, (changes, overlays, every_alert) = in_terminal(
        settings, lambda view: run_set_then(settings, name, view, read_changes)
    )
    outcome = ran.outcome
    if outcome.report is None:
        SafeConsole(stderr=True).print(batch_table(outcome.batch))
        if chosen == "json":
            _print_json({"batch": outcome.batch, "changes": None, "alerts": []})
        fail(f"no comparison: the run ended {outcome.batch.status}.", EXIT_FAILED)

    raised = [alert for alert in every_alert.items if alert.batch_id == outcome.batch.id]
    if chosen == "json":
        _print_json({"batch": outcome.batch, "changes": changes, "alerts": raised})
        return
    if changes is None:
        note = f"First run of {ran.set.name}: the next run shows what changed since this one."
        if chosen == "md":
            write_bytes((note + "\n").encode("utf-8"))
            return
        print_report(outcome.report, SafeConsole())
        _say(note)
        return
    _print_changes(ran.set, changes, overlays, chosen)
    if chosen != "table":
        return
    console = SafeConsole()
    if raised:
        console.print(alerts_table(ran.set, raised))
    waiting = any(alert.delivery.status in ("pending", "sending") for alert in raised)
    if waiting or not ran.settled:
        note = (
            "Alerts of this run were still being recorded or sent when this command ended"
            if not ran.settled
            else "Deliveries still pending are retried"
        )
        console.print(Text(f"{note}: `aura serve` or `aura worker` carries on.", style="dim"))


def changes_command(
    *, name: str, from_run: str | None, to_run: str | None, chosen_format: str
) -> None:
    """``aura sets changes``."""
    chosen = _format(chosen_format, DOCUMENT_FORMATS)
    found, changes, overlays = with_database(
        lambda runtime: _changes_of(runtime, name, from_run, to_run), OPTION_OF
    )
    _print_changes(found, changes, overlays, chosen)


def trends_command(*, name: str, category: str, chosen_format: str) -> None:
    """``aura sets trends``."""
    chosen = _format(chosen_format, DOCUMENT_FORMATS)
    found, trends = _set_and(name, MonitoringService.trends)
    if chosen == "json":
        _print_json(trends)
        return
    if not trends.runs:
        fail(f"{found.name} has no finished run yet: `aura sets run {found.name}`", EXIT_FAILED)
    if category not in trends.categories:
        fail(f"unknown category {category!r}; use one of {', '.join(trends.categories)}")
    if chosen == "md":
        write_bytes((trends_markdown(trends, found.name, category) + "\n").encode("utf-8"))
        return
    SafeConsole().print(trends_renderable(trends, found.name, category))


def alerts_command(*, name: str, limit: int, chosen_format: str) -> None:
    """``aura sets alerts``."""
    chosen = _format(chosen_format, TABLE_OR_JSON)
    found, alerts = _set_and(name, MonitoringService.alerts)
    shown = alerts.items[:limit]
    if chosen == "json":
        _print_json(AlertList(items=shown))
        return
    SafeConsole().print(alerts_table(found, shown))


# Alert rules


def add_rule(
    *,
    name: str,
    kind: str,
    category: str | None,
    points: float | None,
    fields: list[str] | None,
    webhook: str | None,
    secret: str | None,
    channel: str,
    email_to: list[str] | None,
    digest: bool,
    disabled: bool,
) -> None:
    """``aura sets rules add``."""
    values: dict[str, Any] = {
        "kind": kind,
        "points": points,
        "channel": channel,
        "webhook_url": webhook,
        "secret": secret,
        "email_to": email_to or [],
        "digest": digest,
        "enabled": not disabled,
    }
    if category is not None:
        values["category"] = category
    if fields:
        values["fields"] = fields
    body = _body(AlertRuleCreate, values)

    async def work(runtime: Runtime) -> tuple[SetRead, AlertRuleList]:
        monitoring = MonitoringService(runtime)
        async with runtime.db.write() as session:
            found = await SetService(runtime).find(session, name)
            rule = await monitoring.add_rule(session, found.id, body)
        return found, AlertRuleList(items=[rule])

    found, rules = with_database(work, OPTION_OF)
    _say(f"Added the rule to {found.name}.")
    SafeConsole().print(rules_table(found, rules))


def list_rules(*, name: str, chosen_format: str) -> None:
    """``aura sets rules list``."""
    chosen = _format(chosen_format, TABLE_OR_JSON)
    found, rules = _set_and(name, MonitoringService.rules)
    if chosen == "json":
        _print_json(rules)
        return
    SafeConsole().print(rules_table(found, rules))


def delete_rule(*, name: str, rule_id: str) -> None:
    """``aura sets rules delete``."""
    try:
        parsed = uuid.UUID(rule_id.strip())
    except ValueError:
        fail(f"{rule_id!r} is not a rule id (see `aura sets rules list {name}`)")

    async def work(runtime: Runtime) -> SetRead:
        async with runtime.db.write() as session:
            found = await SetService(runtime).find(session, name)
            await MonitoringService(runtime).delete_rule(session, found.id, parsed)
            return found

    found = with_database(work, OPTION_OF)
    _say(f"Deleted the rule from {found.name}.")
