"""Schedule math: intervals, cron expressions in a time zone across DST, descriptions, and
the 422s a bad schedule gets."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest

from aura.errors import InvalidInputError
from aura.sets.schedule import (
    Schedule,
    cron_error,
    describe_cron,
    preset_cron,
    starts_at_utc,
    validate_schedule,
)
from aura.sets.schemas import ScheduleSpec

UTC = dt.UTC
PARIS = ZoneInfo("Europe/Paris")


def utc(*parts: int) -> dt.datetime:
    return dt.datetime(*parts, tzinfo=UTC)


def test_an_interval_keeps_its_cadence_when_on_time() -> None:
    every_six = Schedule(every_hours=6, cron=None)
    due = utc(2026, 11, 28, 12)
    # The job ran a few seconds late: the next run is still due + 6 h, not now + 6 h.
    assert every_six.next_after(due + dt.timedelta(seconds=3), due) == utc(2026, 11, 28, 18)
    assert every_six.first_run(due) == utc(2026, 11, 28, 18)


def test_a_missed_interval_run_happens_once_then_keeps_its_cadence() -> None:
    every_six = Schedule(every_hours=6, cron=None)
    due = utc(2026, 11, 28, 12)
    # Work resumes at 09:30 the next day: the run due at 12:00 happens now, the ones due at
    # 18:00, 00:00 and 06:00 are not caught up on, and the next is 12:00 as planned.
    resumed = utc(2026, 11, 29, 9, 30)
    assert every_six.next_after(resumed, due) == utc(2026, 11, 29, 12)
    # Exactly on an occurrence: the next one is strictly later.
    assert every_six.next_after(utc(2026, 11, 29, 0), due) == utc(2026, 11, 29, 6)


def test_an_interval_may_start_at_a_chosen_time() -> None:
    every_day = Schedule(every_hours=24, cron=None)
    now = utc(2026, 11, 28, 12)
    assert every_day.first_run(now, utc(2026, 12, 1, 6)) == utc(2026, 12, 1, 6)
    # A time without an offset is read in the schedule's zone.
    spec = ScheduleSpec(
        every_hours=24, starts_at=dt.datetime(2026, 12, 1, 7), timezone="Europe/Paris"
    )
    assert starts_at_utc(spec) == utc(2026, 12, 1, 6)


def test_cron_is_read_in_its_time_zone_on_both_sides_of_dst() -> None:
    monday_nine = Schedule(every_hours=None, cron="0 9 * * 1", timezone="Europe/Paris")
    # Winter (CET, UTC+1): Monday 30 November 2026, 09:00 in Paris is 08:00 UTC.
    assert monday_nine.next_after(utc(2026, 11, 28, 12)) == utc(2026, 11, 30, 8)
    # Summer (CEST, UTC+2): Monday 6 July 2026, 09:00 in Paris is 07:00 UTC.
    assert monday_nine.next_after(utc(2026, 7, 4, 12)) == utc(2026, 7, 6, 7)
    # Strictly after: at the due time itself, the next one is a week later.
    assert monday_nine.next_after(utc(2026, 11, 30, 8)) == utc(2026, 12, 7, 8)


def test_cron_over_the_spring_forward_night() -> None:
    nightly = Schedule(every_hours=None, cron="30 2 * * *", timezone="Europe/Paris")
    # 29 March 2026: clocks jump from 02:00 to 03:00, so 02:30 does not exist that night.
    # The run happens once, at 03:00 CEST (01:00 UTC), and the next night at 02:30 again.
    first = nightly.next_after(utc(2026, 3, 28, 12))
    assert first == utc(2026, 3, 29, 1)
    assert first.astimezone(PARIS).strftime("%H:%M") == "03:00"
    assert nightly.next_after(first) == utc(2026, 3, 30, 0, 30)


def test_cron_over_the_fall_back_night_runs_once() -> None:
    nightly = Schedule(every_hours=None, cron="30 2 * * *", timezone="Europe/Paris")
    # 25 October 2026: 02:30 happens twice (CEST, then CET); the run happens at the first.
    first = nightly.next_after(utc(2026, 10, 24, 12))
    assert first == utc(2026, 10, 25, 0, 30)
    second = nightly.next_after(first)
    assert second == utc(2026, 10, 26, 1, 30)
    assert second.astimezone(PARIS).strftime("%H:%M") == "02:30"


def test_daily_cron_keeps_local_time_across_dst() -> None:
    daily = Schedule(every_hours=None, cron="0 9 * * *", timezone="America/New_York")
    # Sunday 8 March 2026, DST starts: 09:00 is 14:00 UTC the day before, 13:00 UTC after.
    saturday = daily.next_after(utc(2026, 3, 6, 20))
    sunday = daily.next_after(saturday)
    assert (saturday, sunday) == (utc(2026, 3, 7, 14), utc(2026, 3, 8, 13))
    assert sunday - saturday == dt.timedelta(hours=23)


@pytest.mark.parametrize(
    ("hours", "expected"),
    [
        (6, "Every 6 hours"),
        (1, "Every hour"),
        (1.5, "Every 1.5 hours"),
        (0.5, "Every 30 minutes"),
        (24, "Every day"),
        (168, "Every 7 days"),
    ],
)
def test_interval_descriptions(hours: float, expected: str) -> None:
    assert Schedule(every_hours=hours, cron=None).describe() == expected


def test_cron_description_in_words_names_the_zone() -> None:
    described = Schedule(every_hours=None, cron="0 9 * * 1", timezone="Europe/Paris").describe()
    assert described == "Every Monday at 09:00 (Europe/Paris)"


def test_uncommon_cron_description_names_the_expression_and_its_meaning() -> None:
    described = Schedule(every_hours=None, cron="0 9 1 * *", timezone="Europe/Paris").describe()
    assert described == "Cron 0 9 1 * * (Europe/Paris): at 09:00 on the first day of every month"


@pytest.mark.parametrize(
    ("preset", "cron", "words"),
    [
        ("hourly", "0 * * * *", "Every hour"),
        ("daily 18:30", "30 18 * * *", "Every day at 18:30"),
        ("weekdays 07:00", "0 7 * * 1-5", "Every weekday at 07:00"),
        ("every weekday at 7:05", "5 7 * * 1-5", "Every weekday at 07:05"),
        ("weekly Monday 09:00", "0 9 * * 1", "Every Monday at 09:00"),
        ("on sundays at 23:59", "59 23 * * 0", "Every Sunday at 23:59"),
        ("Fri 00:00", "0 0 * * 5", "Every Friday at 00:00"),
        # The words, without a time: at 09:00, the UI's default too.
        ("daily", "0 9 * * *", "Every day at 09:00"),
        ("weekly on Monday", "0 9 * * 1", "Every Monday at 09:00"),
        ("every weekday", "0 9 * * 1-5", "Every weekday at 09:00"),
    ],
)
def test_presets_make_cron_expressions_described_in_the_same_words(
    preset: str, cron: str, words: str
) -> None:
    assert preset_cron(preset) == cron
    assert cron_error(cron) is None
    assert describe_cron(cron) == words


@pytest.mark.parametrize(
    ("preset", "complaint"),
    [
        ("daily 24:00", "not a time of day"),
        ("weekdays 7", "not a time of day"),
        ("fortnightly 07:00", "not a schedule preset"),
        ("weekly 09:00", "not a schedule preset"),
        ("", "not a schedule preset"),
    ],
)
def test_a_wrong_preset_says_what_is_accepted(preset: str, complaint: str) -> None:
    with pytest.raises(ValueError, match=complaint):
        preset_cron(preset)


@pytest.mark.parametrize(
    ("cron", "words"),
    [
        ("15 * * * *", "Every hour at :15"),
        ("0 8 * * 0,6", "Every Saturday and Sunday at 08:00"),
        ("0 8 * * 7", "Every Sunday at 08:00"),
        ("0 8 * * mon", "Every Monday at 08:00"),
        ("*/5 * * * *", None),
        ("0 8 1 * *", None),
        ("0 8,20 * * *", None),
    ],
)
def test_common_cron_shapes_in_words_others_left_to_the_expression(
    cron: str, words: str | None
) -> None:
    assert describe_cron(cron) == words


def _errors(spec: ScheduleSpec) -> list[dict[str, object]]:
    with pytest.raises(InvalidInputError) as raised:
        validate_schedule(spec, ["body", "schedule"])
    return raised.value.errors


def test_exactly_one_of_interval_and_cron() -> None:
    for spec in (ScheduleSpec(), ScheduleSpec(every_hours=2, cron="0 * * * *")):
        [error] = _errors(spec)
        assert error["loc"] == ["body", "schedule"]
        assert error["msg"] == "give exactly one of every_hours and cron"


@pytest.mark.parametrize(
    ("cron", "reason"),
    [
        ("61 * * * *", "invalid cron expression: Bad minute"),
        ("0 25 * * *", "invalid cron expression: Bad hour"),
        ("0 0 31 2 *", "invalid cron expression: Bad day-of-month"),
        ("* * * *", "a cron expression has 5 fields (minute hour day month weekday), got 4"),
        ("0 0 * * * *", "a cron expression has 5 fields (minute hour day month weekday), got 6"),
    ],
)
def test_a_bad_cron_expression_is_named_with_the_reason(cron: str, reason: str) -> None:
    [error] = _errors(ScheduleSpec(cron=cron))
    assert error["loc"] == ["body", "schedule", "cron"]
    assert error["msg"] == reason
    assert error["input"] == cron


def test_an_unknown_time_zone_is_named() -> None:
    for zone in ("Mars/Olympus_Mons", "", "../../etc/passwd"):
        [error] = _errors(ScheduleSpec(cron="0 9 * * *", timezone=zone))
        assert error["loc"] == ["body", "schedule", "timezone"]
        assert "is not a known IANA time zone" in str(error["msg"])


def test_runs_are_at_least_a_minute_apart() -> None:
    [error] = _errors(ScheduleSpec(every_hours=0.01))
    assert error["loc"] == ["body", "schedule", "every_hours"]
    assert validate_schedule(ScheduleSpec(every_hours=1 / 60), ["body"]).every_hours == 1 / 60


def test_starts_at_belongs_to_intervals() -> None:
    [error] = _errors(ScheduleSpec(cron="0 9 * * *", starts_at=utc(2026, 12, 1)))
    assert error["loc"] == ["body", "schedule", "starts_at"]


def test_a_valid_schedule_comes_back_cleaned() -> None:
    schedule = validate_schedule(
        ScheduleSpec(cron="  0 9 * * 1-5 ", timezone="Asia/Tokyo"), ["body", "schedule"]
    )
    assert schedule == Schedule(every_hours=None, cron="0 9 * * 1-5", timezone="Asia/Tokyo")
