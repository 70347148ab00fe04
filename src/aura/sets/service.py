"""Business logic of comparison sets: validation, CRUD, runs and due schedules.

Services flush; the boundary commits. A run is an ordinary batch made by
``CompetitiveService``, so its validation, jobs and events are those of any batch.
"""

from __future__ import annotations

import datetime as dt
import logging
import uuid
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, cast

import sqlalchemy as sa
from selectolax.lexbor import LexborHTMLParser, SelectolaxError
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm.attributes import set_committed_value

from aura.analyses.schemas import AnalysisMode
from aura.competitive.schemas import BatchCreate, BatchRead, CrawlSpec
from aura.competitive.service import CompetitiveService, validate_batch
from aura.crawl.records import CrawlOptions
from aura.db.engine import after_commit
from aura.db.types import utcnow
from aura.errors import ConflictError, InvalidInputError, NotFoundError, input_error
from aura.jobs import enqueue_set_run
from aura.models import ComparisonSet
from aura.sets.repository import RunRow, SetRepository
from aura.sets.schedule import Schedule, starts_at_utc, validate_schedule
from aura.sets.schemas import (
    RunList,
    RunSummary,
    RunTrigger,
    ScheduleRead,
    ScheduleSpec,
    SetCreate,
    SetList,
    SetRead,
    SetUpdate,
)
from aura.urls import InvalidUrlError, normalise_url

if TYPE_CHECKING:
    from aura.runtime import Runtime

logger = logging.getLogger(__name__)

MAX_SELECTORS_PER_SITE = 50
MAX_SELECTOR_LENGTH = 500
#: Runs listed by default (each finished one reads its stored comparison for the scores).
DEFAULT_RUN_LIMIT = 100

_Errors = list[dict[str, Any]]


@dataclass(frozen=True)
class _ValidSet:
    name: str
    urls: list[str]
    primary_url: str | None
    mode: str | None
    #: Normalised URL → the user's name for it (only the URLs given one).
    labels: dict[str, str] = field(default_factory=dict)


class SetService:
    def __init__(self, runtime: Runtime) -> None:
        self.runtime = runtime
        self.allow_private = runtime.settings.allow_private_networks

    def _validate_sites(
        self,
        name: str,
        urls: Sequence[str],
        primary_url: str | None,
        mode: str | None,
        labels: Mapping[str, str] | None = None,
    ) -> _ValidSet:
        return _validate_sites(
            name,
            [*urls],
            primary_url,
            mode,
            labels=labels,
            max_urls=self.runtime.settings.max_batch_urls,
            allow_private=self.allow_private,
        )

    def _batches(self) -> CompetitiveService:
        runtime = self.runtime
        return CompetitiveService(
            runtime.queue,
            runtime.bus,
            max_urls=runtime.settings.max_batch_urls,
            allow_private=self.allow_private,
            default_mode=runtime.default_mode,
            screenshots=runtime.screenshots,
        )

    # -- reading ---------------------------------------------------------------------------

    async def get(self, session: AsyncSession, set_id: uuid.UUID) -> SetRead:
        return await self._read(session, await self._row(session, set_id))

    async def find(self, session: AsyncSession, name_or_id: str) -> SetRead:
        """A set by its name, or by its id."""
        sets = SetRepository(session)
        row = await sets.by_name(name_or_id.strip())
        if row is None:
            try:
                row = await sets.get(uuid.UUID(name_or_id.strip()))
            except ValueError:
                row = None
        if row is None:
            raise NotFoundError(f"no set named {name_or_id!r}")
        return await self._read(session, row)

    async def list(self, session: AsyncSession) -> SetList:
        sets = SetRepository(session)
        rows = await sets.all()
        ids = [row.id for row in rows]
        counts = await sets.run_counts(ids)
        last = await sets.last_runs(ids)
        return SetList(
            items=[_set_read(row, counts.get(row.id, 0), last.get(row.id)) for row in rows]
        )

    async def runs(
        self, session: AsyncSession, set_id: uuid.UUID, limit: int = DEFAULT_RUN_LIMIT
    ) -> RunList:
        """The set's runs, newest first."""
        await self._row(session, set_id)
        sets = SetRepository(session)
        rows = await sets.runs(set_id, limit)
        total = (await sets.run_counts([set_id])).get(set_id, 0)
        return RunList(items=[_run_summary(row, total - index) for index, row in enumerate(rows)])

    # -- writing ---------------------------------------------------------------------------

    async def create(self, session: AsyncSession, data: SetCreate) -> SetRead:
        valid = self._validate_sites(data.name, data.urls, data.primary_url, data.mode, data.labels)
        errors: _Errors = []
        selectors = _valid_ignore_selectors(
            data.ignore_selectors, valid.urls, self.allow_private, errors
        )
        schedule = _valid_schedule(data.schedule, errors)
        if errors:
            raise InvalidInputError(errors)
        sets = SetRepository(session)
        await self._check_name_free(sets, valid.name)
        now = utcnow()
        row = ComparisonSet(
            name=valid.name,
            urls=valid.urls,
            primary_url=valid.primary_url,
            mode=valid.mode,
            ignore_selectors=selectors,
            labels=valid.labels,
            runs=data.runs or 1,
            crawl=_crawl_json(data.crawl),
            created_at=now,
            updated_at=now,
        )
        self._apply_schedule(row, schedule, data.schedule, now)
        await self._flush_new_name(session, sets, row)
        self._enqueue_schedule(session, row)
        return await self._read(session, row)

    async def update(self, session: AsyncSession, set_id: uuid.UUID, data: SetUpdate) -> SetRead:
        """Change what ``data`` names; the set's future runs use it, past runs stay as made."""
        sets = SetRepository(session)
        row = await self._row(session, set_id)
        given = data.model_fields_set
        name = data.name if data.name is not None else row.name
        urls = data.urls if data.urls is not None else row.urls
        primary = data.primary_url if "primary_url" in given else row.primary_url
        mode = data.mode if "mode" in given else row.mode
        if data.labels is not None:
            labels = data.labels
        else:
            # The labels of the URLs still in the set stay (a URL that left takes its label).
            kept = {_normalised(url, self.allow_private) for url in urls}
            labels = {url: label for url, label in (row.labels or {}).items() if url in kept}
        valid = self._validate_sites(name, urls, primary, mode, labels)

        errors: _Errors = []
        if data.ignore_selectors is not None:
            selectors = _valid_ignore_selectors(
                data.ignore_selectors, valid.urls, self.allow_private, errors
            )
        else:
            # Selectors of a site that left the set go with it.
            selectors = {
                url: list(items) for url, items in row.ignore_selectors.items() if url in valid.urls
            }
        spec: ScheduleSpec | None = None
        schedule: Schedule | None = None
        if "schedule" in given and data.schedule is not None:
            spec = _merged_schedule(row, data.schedule)
            schedule = _valid_schedule(spec, errors)
        if errors:
            raise InvalidInputError(errors)

        if valid.name != row.name:
            await self._check_name_free(sets, valid.name)
        now = utcnow()
        row.name = valid.name
        row.urls = valid.urls
        row.primary_url = valid.primary_url
        row.mode = valid.mode
        row.ignore_selectors = selectors
        row.labels = valid.labels
        if data.runs is not None:
            row.runs = data.runs
        if "crawl" in given:
            row.crawl = _crawl_json(data.crawl)
        row.updated_at = now
        if "schedule" in given:
            before = _schedule_state(row)
            self._apply_schedule(row, schedule, spec, now, previous=before)
            if _schedule_state(row) != before:
                self._enqueue_schedule(session, row)
        await self._flush_new_name(session, sets, row)
        return await self._read(session, row)

    async def delete(self, session: AsyncSession, set_id: uuid.UUID) -> None:
        """Delete the set with its rules, alerts and change records; its runs stay as plain
        batches."""
        if not await SetRepository(session).delete(set_id):
            raise NotFoundError(f"set {set_id} not found")

    async def run(self, session: AsyncSession, set_id: uuid.UUID, trigger: RunTrigger) -> BatchRead:
        """A new run of the set now: a batch of its URLs with its options."""
        return await self._run(session, await self._row(session, set_id), trigger)

    async def run_due(
        self, session: AsyncSession, set_id: uuid.UUID, now: dt.datetime | None = None
    ) -> BatchRead | None:
        """The scheduled run of the set if it is due; None when it is not (any more).

        Advancing ``next_run_at`` and creating the batch happen in the caller's one
        transaction, so however many deliveries of the job race, one due time makes one
        run; the next occurrence is enqueued once that transaction has committed.
        """
        now = now or utcnow()
        sets = SetRepository(session)
        row = await sets.get(set_id)
        if row is None or not row.schedule_enabled or row.next_run_at is None:
            return None
        due = row.next_run_at
        if due > now:
            return None
        following = _schedule_of(row).next_after(now, due)
        if not await sets.advance_schedule(set_id, due=due, now=now, next_run_at=following):
            return None
        set_committed_value(row, "next_run_at", following)
        self._enqueue_schedule(session, row)
        try:
            return await self._run(session, row, "schedule")
        except InvalidInputError as error:
            # The set's URLs no longer pass (the settings changed since it was saved): this
            # occurrence is skipped, the schedule goes on, and a manual run shows the reason.
            logger.warning("scheduled run of set %s skipped: %s", set_id, error.errors)
            return None

    # -- helpers ---------------------------------------------------------------------------

    async def _row(self, session: AsyncSession, set_id: uuid.UUID) -> ComparisonSet:
        return await SetRepository(session).require(set_id)

    async def _read(self, session: AsyncSession, row: ComparisonSet) -> SetRead:
        sets = SetRepository(session)
        counts = await sets.run_counts([row.id])
        last = await sets.last_runs([row.id])
        return _set_read(row, counts.get(row.id, 0), last.get(row.id))

    async def _run(
        self, session: AsyncSession, row: ComparisonSet, trigger: RunTrigger
    ) -> BatchRead:
        request = BatchCreate(
            name=_run_name(row.name),
            urls=list(row.urls),
            primary_url=row.primary_url,
            mode=cast(AnalysisMode | None, row.mode),
            labels={url: label for url, label in (row.labels or {}).items() if url in row.urls},
        )
        batch = await self._batches().create(
            session,
            request,
            set_id=row.id,
            trigger=trigger,
            options={url: row.options_for(url) for url in row.urls},
            crawl=CrawlOptions.from_json(row.crawl) if row.crawl else None,
        )
        row.last_run_at = batch.created_at
        await session.flush()
        return BatchRead.of(batch)

    async def _check_name_free(self, sets: SetRepository, name: str) -> None:
        if await sets.by_name(name) is not None:
            raise ConflictError(f"a set named {name!r} already exists")

    async def _flush_new_name(
        self, session: AsyncSession, sets: SetRepository, row: ComparisonSet
    ) -> None:
        """Flush, turning a name taken meanwhile by a concurrent request into a 409."""
        try:
            if row in session:
                await session.flush()
            else:
                await sets.add(row)
        except sa.exc.IntegrityError:
            raise ConflictError(f"a set named {row.name!r} already exists") from None

    def _apply_schedule(
        self,
        row: ComparisonSet,
        schedule: Schedule | None,
        spec: ScheduleSpec | None,
        now: dt.datetime,
        previous: tuple[Any, ...] | None = None,
    ) -> None:
        """Store the schedule and its next due time (None when removed or disabled).

        A schedule given again unchanged keeps its due time, so resubmitting a form does
        not shift an interval's cadence.
        """
        if schedule is None or spec is None:
            row.schedule_every_hours = None
            row.schedule_cron = None
            row.schedule_timezone = "UTC"
            row.schedule_enabled = False
            row.next_run_at = None
            return
        previous_due = row.next_run_at
        row.schedule_every_hours = schedule.every_hours
        row.schedule_cron = schedule.cron
        row.schedule_timezone = schedule.timezone
        row.schedule_enabled = spec.enabled
        if not spec.enabled:
            row.next_run_at = None
            return
        unchanged = (
            previous is not None
            and spec.starts_at is None
            and previous[:4] == _schedule_state(row)[:4]
            and previous_due is not None
        )
        row.next_run_at = (
            previous_due if unchanged else schedule.first_run(now, starts_at_utc(spec))
        )

    def _enqueue_schedule(self, session: AsyncSession, row: ComparisonSet) -> None:
        """After commit, put the set's next scheduled run on the queue (if it has one)."""
        due = row.next_run_at
        if not row.schedule_enabled or due is None:
            return
        queue = self.runtime.queue
        set_id = row.id

        async def enqueue() -> None:
            await enqueue_set_run(queue, set_id, due)

        after_commit(session, enqueue)


def _validate_sites(
    name: str,
    urls: list[str],
    primary_url: str | None,
    mode: str | None,
    *,
    labels: Mapping[str, str] | None = None,
    max_urls: int,
    allow_private: bool,
) -> _ValidSet:
    """The batch rules (URLs, primary URL, labels), plus a name that is not blank."""
    errors: _Errors = []
    clean_name = name.strip()
    if not clean_name:
        errors.append(input_error(["body", "name"], "the name must not be blank", name))
    try:
        valid = validate_batch(
            BatchCreate(urls=urls, primary_url=primary_url, labels=dict(labels or {})),
            max_urls=max_urls,
            allow_private=allow_private,
        )
    except InvalidInputError as error:
        raise InvalidInputError([*errors, *error.errors]) from None
    if errors:
        raise InvalidInputError(errors)
    return _ValidSet(clean_name, valid.urls, valid.primary_url, mode, valid.labels)


def _normalised(url: str, allow_private: bool) -> str:
    """``url`` as a set stores it, or as given when it does not pass (validation says why)."""
    try:
        return normalise_url(url, allow_private=allow_private)
    except InvalidUrlError:
        return url


def _run_name(set_name: str) -> str:
    suffix = " · run"
    return set_name[: 200 - len(suffix)] + suffix


def _schedule_state(row: ComparisonSet) -> tuple[Any, ...]:
    return (
        row.schedule_every_hours,
        row.schedule_cron,
        row.schedule_timezone,
        row.schedule_enabled,
        row.next_run_at,
    )


def _schedule_of(row: ComparisonSet) -> Schedule:
    return Schedule(row.schedule_every_hours, row.schedule_cron, row.schedule_timezone)


def _merged_schedule(row: ComparisonSet, spec: ScheduleSpec) -> ScheduleSpec:
    """A PATCHed schedule that names neither ``every_hours`` nor ``cron`` keeps the set's
    rule (and zone, unless given): ``{"enabled": false}`` pauses it."""
    given = spec.model_fields_set
    has_rule = row.schedule_every_hours is not None or row.schedule_cron is not None
    if given & {"every_hours", "cron"} or not has_rule:
        return spec
    return spec.model_copy(
        update={
            "every_hours": row.schedule_every_hours,
            "cron": row.schedule_cron,
            "timezone": spec.timezone if "timezone" in given else row.schedule_timezone,
        }
    )


def _valid_schedule(spec: ScheduleSpec | None, errors: _Errors) -> Schedule | None:
    if spec is None:
        return None
    try:
        return validate_schedule(spec, ["body", "schedule"])
    except InvalidInputError as error:
        errors.extend(error.errors)
        return None


def _valid_ignore_selectors(
    given: dict[str, list[str]], urls: list[str], allow_private: bool, errors: _Errors
) -> dict[str, list[str]]:
    """URL → selectors, keyed by the normalised URL; each key must be one of ``urls`` and
    each selector valid CSS."""
    selectors: dict[str, list[str]] = {}
    for key, items in given.items():
        loc: list[str | int] = ["body", "ignore_selectors", key]
        try:
            url: str | None = normalise_url(key, allow_private=allow_private)
        except InvalidUrlError:
            url = None
        if url is None or url not in urls:
            errors.append(input_error(loc, f"{key!r} is not one of the set's urls", key))
            continue
        if len(items) > MAX_SELECTORS_PER_SITE:
            errors.append(
                input_error(loc, f"at most {MAX_SELECTORS_PER_SITE} selectors per site", len(items))
            )
            continue
        kept = selectors.setdefault(url, [])
        for index, raw in enumerate(items):
            problem = selector_error(raw)
            if problem is not None:
                errors.append(input_error([*loc, index], problem, raw))
            elif raw.strip() not in kept:
                kept.append(raw.strip())
    return {url: kept for url, kept in selectors.items() if kept}


_PROBE = LexborHTMLParser("<p></p>")


def selector_error(selector: str) -> str | None:
    """Why ``selector`` cannot be used as a CSS selector, or None."""
    text = selector.strip()
    if not text:
        return "a selector must not be blank"
    if len(text) > MAX_SELECTOR_LENGTH:
        return f"a selector is at most {MAX_SELECTOR_LENGTH} characters"
    try:
        _PROBE.css(text)
    except SelectolaxError:
        return f"{text!r} is not a valid CSS selector"
    return None


def _schedule_read(row: ComparisonSet) -> ScheduleRead | None:
    if row.schedule_every_hours is None and row.schedule_cron is None:
        return None
    return ScheduleRead(
        every_hours=row.schedule_every_hours,
        cron=row.schedule_cron,
        timezone=row.schedule_timezone,
        enabled=row.schedule_enabled,
        next_run_at=row.next_run_at if row.schedule_enabled else None,
        last_run_at=row.last_run_at,
        description=_schedule_of(row).describe(),
    )


def _run_summary(run: RunRow, number: int) -> RunSummary:
    batch = run.batch
    return RunSummary(
        batch_id=batch.id,
        number=number,
        status=batch.status,
        trigger=cast(RunTrigger, batch.trigger or "manual"),
        progress=batch.progress,
        created_at=batch.created_at,
        finished_at=batch.finished_at,
        scores=run.scores,
        change_count=run.change_count,
    )


def _set_read(row: ComparisonSet, run_count: int, last: RunRow | None) -> SetRead:
    return SetRead(
        id=row.id,
        name=row.name,
        urls=list(row.urls),
        primary_url=row.primary_url,
        mode=row.mode,
        ignore_selectors={url: list(items) for url, items in row.ignore_selectors.items()},
        labels=dict(row.labels or {}),
        runs=row.runs,
        crawl=CrawlSpec.of(CrawlOptions.from_json(row.crawl)) if row.crawl else None,
        schedule=_schedule_read(row),
        run_count=run_count,
        last_run=_run_summary(last, run_count) if last is not None else None,
        created_at=row.created_at,
        updated_at=row.updated_at,
    )


def _crawl_json(spec: CrawlSpec | None) -> dict[str, Any] | None:
    """A set's stored crawl: None for the start pages only."""
    if spec is None or spec.pages <= 1:
        return None
    return spec.options().as_json()
