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
        """In words: "Every 6 hours", "Every weekday at 07:00 (Europe/Paris)"; a cron shape
        without a phrase here shows its expression and cronsim's explanation."""
        if self.every_hours is not None:
            return f"Every {_duration(self.every_hours)}"
        assert self.cron is not None
        phrase = describe_cron(self.cron)
        if phrase is not None:
            return f"{phrase} ({self.timezone})"
        try:
            explained = CronSim(self.cron, dt.datetime.now(self.zone)).explain()
        except Exception:
            # cronsim's explanation covers most expressions; the expression itself is enough.
            return f"cron {self.cron} ({self.timezone})"
        explained = explained[:1].lower() + explained[1:]
        return f"Cron {self.cron} ({self.timezone}): {explained}"


# Presets: the schedules a marketer picks, written as words, stored as cron expressions.

WEEKDAYS = ("Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday")
PRESET_FORMS = (
    "hourly",
    "daily [HH:MM]",
    "weekdays [HH:MM]",
    "weekly DAY [HH:MM]",
    "DAY [HH:MM]",
)
#: The time of a preset written without one ("daily", "weekly on Monday"), as the UI's.
DEFAULT_PRESET_TIME = "09:00"
_DAY_NUMBERS = {name.lower(): index for index, name in enumerate(WEEKDAYS)} | {
    name[:3].lower(): index for index, name in enumerate(WEEKDAYS)
}
_FILLER = {"every", "at", "on"}


def preset_cron(text: str) -> str:
    """The cron expression of a preset written as words, e.g. ``weekdays 07:00``.

    Accepts ``hourly``, ``daily HH:MM``, ``weekdays HH:MM``, ``weekly DAY HH:MM`` and
    ``DAY HH:MM`` (``every``, ``at`` and ``on`` may be added: "every weekday at 07:00");
    without a time, at ``DEFAULT_PRESET_TIME`` ("daily", "weekly on Monday").
    Raises ValueError naming the accepted forms.
    """
    words = [word for word in text.lower().replace(",", " ").split() if word not in _FILLER]
    if words in (["hourly"], ["hour"]):
        return "0 * * * *"
    if words and not any(character.isdigit() for character in words[-1]):
        words.append(DEFAULT_PRESET_TIME)
    if len(words) >= 2:
        minute, hour = _clock(words[-1])
        head = words[:-1]
        if head in (["daily"], ["day"]):
            return f"{minute} {hour} * * *"
        if head in (["weekdays"], ["weekday"]):
            return f"{minute} {hour} * * 1-5"
        if head and head[0] == "weekly":
            head = head[1:]
        if len(head) == 1 and head[0].rstrip("s") in _DAY_NUMBERS:
            return f"{minute} {hour} * * {_DAY_NUMBERS[head[0].rstrip('s')]}"
    raise ValueError(f"{text!r} is not a schedule preset; use one of: {', '.join(PRESET_FORMS)}")


def _clock(word: str) -> tuple[int, int]:
    hour_text, _, minute_text = word.partition(":")
    if hour_text.isdigit() and minute_text.isdigit() and len(minute_text) == 2:
        hour, minute = int(hour_text), int(minute_text)
        if hour < 24 and minute < 60:
            return minute, hour
    raise ValueError(f"{word!r} is not a time of day: write it as HH:MM, e.g. 07:00")


def describe_cron(expression: str) -> str | None:
    """Words for the common cron shapes (the presets' and a few more), or None."""
    fields = expression.split()
    if len(fields) != 5:
        return None
    minute, hour, day, month, weekday = fields
    if day != "*" or month != "*" or not minute.isdigit() or int(minute) > 59:
        return None
    if hour == "*" and weekday == "*":
        return "Every hour" if int(minute) == 0 else f"Every hour at :{int(minute):02d}"
    if not hour.isdigit() or int(hour) > 23:
        return None
    at = f"at {int(hour):02d}:{int(minute):02d}"
    if weekday == "*":
        return f"Every day {at}"
    if weekday in ("1-5", "mon-fri"):
        return f"Every weekday {at}"
    if weekday in ("0,6", "6,0", "6-7", "sat,sun"):
        return f"Every Saturday and Sunday {at}"
    number = _DAY_NUMBERS.get(weekday.lower(), int(weekday) if weekday.isdigit() else None)
    if number is None or number > 7:
        return None
    return f"Every {WEEKDAYS[number % 7]} {at}"


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
