"""When a set runs next: every N hours, or on a cron expression read in a time zone.

Pure functions over a validated ``Schedule``; the set's ``next_run_at`` column stores the
result, and the ``run_set`` job advances it. A run that was missed (nothing was running at
its due time) happens once when the work resumes, and the schedule continues with its next
occurrence after that, rather than catching up on every occurrence it missed.
"""

from __future__ import annotations

import datetime as dt
import math
import zoneinfo
from dataclasses import dataclass
from typing import Any

from cronsim import CronSim, CronSimError

from aura.errors import InvalidInputError, input_error
from aura.sets.schemas import ScheduleSpec


@dataclass(frozen=True)
class Schedule:
    """Exactly one of ``every_hours`` and ``cron``; ``timezone`` is an IANA zone name."""

    every_hours: float | None
    cron: str | None
    timezone: str = "UTC"

    @property
    def zone(self) -> zoneinfo.ZoneInfo:
        return zoneinfo.ZoneInfo(self.timezone)

    def first_run(self, now: dt.datetime, starts_at: dt.datetime | None = None) -> dt.datetime:
        """The first due time of a new (or changed) schedule."""
        if self.every_hours is not None and starts_at is not None:
            return starts_at.astimezone(dt.UTC)
        return self.next_after(now)

    def next_after(self, now: dt.datetime, due: dt.datetime | None = None) -> dt.datetime:
        """The due time following the run that was due at ``due`` and happens at ``now``.

        Always after ``now``, so occurrences missed while nothing ran are not caught up on.
        An interval keeps its cadence: the next of ``due`` + k * interval still ahead. A
        cron expression takes its next occurrence after ``now``.
        """
        if self.every_hours is not None:
            interval = dt.timedelta(hours=self.every_hours)
            if due is None:
                return now + interval
            elapsed = max(now - due, dt.timedelta(0))
            return due + (elapsed // interval + 1) * interval
        assert self.cron is not None
        local = now.astimezone(self.zone)
        occurrence: dt.datetime = next(CronSim(self.cron, local))
        return occurrence.astimezone(dt.UTC)

    def describe(self) -> str:
        if self.every_hours is not None:
            return f"every {_duration(self.every_hours)}"
        assert self.cron is not None
        try:
            explained = CronSim(self.cron, dt.datetime.now(self.zone)).explain()
        except Exception:
            # cronsim's explanation covers most expressions; the expression itself is enough.
            return f"cron {self.cron} ({self.timezone})"
        explained = explained[:1].lower() + explained[1:]
        return f"cron {self.cron} ({self.timezone}): {explained}"


def _duration(hours: float) -> str:
    minutes = hours * 60
    if hours < 1 and math.isclose(minutes, round(minutes)):
        count = round(minutes)
        return "minute" if count == 1 else f"{count} minutes"
    if math.isclose(hours, round(hours)):
        count = round(hours)
        if count % 24 == 0:
            days = count // 24
            return "day" if days == 1 else f"{days} days"
        return "hour" if count == 1 else f"{count} hours"
    return f"{hours:g} hours"


def validate_schedule(spec: ScheduleSpec, loc: list[str | int]) -> Schedule:
    """Check a submitted schedule; every problem is a 422 naming its field under ``loc``."""
    errors: list[dict[str, Any]] = []

    def fail(field: str | None, message: str, value: Any) -> None:
        where = [*loc, field] if field else list(loc)
        errors.append(input_error(where, message, value))

    cron = spec.cron.strip() if spec.cron and spec.cron.strip() else None
    if (spec.every_hours is None) == (cron is None):
        fail(None, "give exactly one of every_hours and cron", None)
    if spec.every_hours is not None and round(spec.every_hours * 60, 6) < 1:
        # Cron's own granularity (0.0166667 h rounds to a minute); faster only hammers sites.
        fail("every_hours", "runs must be at least a minute apart", spec.every_hours)
    if cron is not None:
        reason = cron_error(cron)
        if reason is not None:
            fail("cron", reason, spec.cron)
        if spec.starts_at is not None:
            fail("starts_at", "starts_at applies to interval schedules (every_hours) only", None)
    try:
        zoneinfo.ZoneInfo(spec.timezone)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        fail("timezone", f"{spec.timezone!r} is not a known IANA time zone", spec.timezone)
    if errors:
        raise InvalidInputError(errors)
    return Schedule(every_hours=spec.every_hours, cron=cron, timezone=spec.timezone)


def cron_error(expression: str) -> str | None:
    """Why ``expression`` is not a usable 5-field cron expression, or None."""
    fields = expression.split()
    if len(fields) != 5:
        return f"a cron expression has 5 fields (minute hour day month weekday), got {len(fields)}"
    try:
        next(CronSim(expression, dt.datetime.now(dt.UTC)))
    except CronSimError as error:
        return f"invalid cron expression: {error}"
    except StopIteration:
        return "the cron expression never matches"
    return None


def starts_at_utc(spec: ScheduleSpec) -> dt.datetime | None:
    """``starts_at`` as UTC; a time without an offset is read in the schedule's zone."""
    if spec.starts_at is None:
        return None
    if spec.starts_at.tzinfo is None:
        return spec.starts_at.replace(tzinfo=zoneinfo.ZoneInfo(spec.timezone)).astimezone(dt.UTC)
    return spec.starts_at.astimezone(dt.UTC)
