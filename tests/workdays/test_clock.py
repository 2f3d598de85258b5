"""The clock counts periods as the Criminal Procedure Law does (the essay's model)."""

import datetime

import pytest
from django.utils import timezone

from apps.workdays.clock import (
    UnknownTimeLimit,
    due,
    due_for_step,
    is_overdue,
    is_workday,
)
from apps.workdays.models import CalendarOverride, Unit

TZ = timezone.get_fixed_timezone(8 * 60)


def at(y, m, d, h=10, mi=0):
    return datetime.datetime(y, m, d, h, mi, tzinfo=TZ)


def end_of(y, m, d):
    return timezone.localtime(datetime.datetime(y, m, d, 23, 59, 59, tzinfo=TZ))


@pytest.mark.django_db
class TestWorkingDays:
    def test_one_working_day_from_a_tuesday_ends_wednesday(self):
        assert due(at(2025, 11, 25), 1, Unit.WORKING_DAYS) == end_of(2025, 11, 26)

    def test_friday_start_skips_the_weekend(self):
        assert due(at(2025, 11, 28), 1, Unit.WORKING_DAYS) == end_of(2025, 12, 1)

    def test_national_day_holiday_is_skipped(self):
        # 2025: 1–8 October off; Sunday 28 Sep and Saturday 11 Oct are make-up days.
        assert due(at(2025, 9, 30), 1, Unit.WORKING_DAYS) == end_of(2025, 10, 9)

    def test_make_up_saturday_counts_as_a_working_day(self):
        # Friday 10 Oct 2025 + 1 working day = Saturday 11 Oct (a make-up day).
        assert is_workday(datetime.date(2025, 10, 11))
        assert due(at(2025, 10, 10), 1, Unit.WORKING_DAYS) == end_of(2025, 10, 11)

    def test_spring_festival_2026(self):
        # 2026 Spring Festival: 15–23 February off, 14 and 28 February make-up days.
        assert not is_workday(datetime.date(2026, 2, 16))
        assert is_workday(datetime.date(2026, 2, 14))
        assert due(at(2026, 2, 13), 1, Unit.WORKING_DAYS) == end_of(2026, 2, 14)
        assert due(at(2026, 2, 14), 1, Unit.WORKING_DAYS) == end_of(2026, 2, 24)

    def test_override_makes_a_local_day_off(self):
        CalendarOverride.objects.create(
            date=datetime.date(2025, 11, 26), kind="holiday", reason="院党组决定调休"
        )
        assert due(at(2025, 11, 25), 1, Unit.WORKING_DAYS) == end_of(2025, 11, 27)

    def test_override_makes_a_local_working_day(self):
        CalendarOverride.objects.create(
            date=datetime.date(2025, 11, 29), kind="workday", reason="集中办案"
        )
        assert due(at(2025, 11, 28), 1, Unit.WORKING_DAYS) == end_of(2025, 11, 29)

    def test_unknown_future_year_falls_back_to_weekdays(self):
        assert is_workday(datetime.date(2031, 3, 3))  # a Monday
        assert not is_workday(datetime.date(2031, 3, 2))  # a Sunday


@pytest.mark.django_db
class TestCalendarDaysAndHours:
    def test_start_day_is_not_counted(self):
        assert due(at(2025, 11, 24), 3, Unit.CALENDAR_DAYS) == end_of(2025, 11, 27)

    def test_period_ending_on_a_day_off_runs_to_the_next_working_day(self):
        # Thursday + 2 days = Saturday → Monday.
        assert due(at(2025, 11, 27), 2, Unit.CALENDAR_DAYS) == end_of(2025, 12, 1)

    def test_zero_days_is_the_same_day(self):
        assert due(at(2025, 11, 29), 0, Unit.CALENDAR_DAYS) == end_of(2025, 11, 29)

    def test_hours(self):
        assert due(at(2025, 11, 29, 9), 4, Unit.HOURS) == at(2025, 11, 29, 13)


@pytest.mark.django_db
def test_catalogue_is_seeded_from_the_essay_and_used_by_steps():
    assert due_for_step("publicity.review", at(2025, 11, 28)) == end_of(2025, 12, 1)
    assert due_for_step("disclosure.supplies_decide", at(2025, 11, 24)) == end_of(
        2025, 12, 1
    )
    with pytest.raises(UnknownTimeLimit):
        due_for_step("no.such.step", at(2025, 11, 24))


def test_is_overdue_boundaries():
    deadline = end_of(2025, 11, 26)
    assert not is_overdue(deadline, done_at=deadline)
    assert is_overdue(deadline, done_at=deadline + datetime.timedelta(seconds=1))
    assert not is_overdue(None)
