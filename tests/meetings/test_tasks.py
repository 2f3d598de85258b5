"""The periodic jobs: idempotent when called twice, and run by a real worker."""

import datetime

import pytest
from celery.contrib.testing.worker import start_worker
from django.utils import timezone

from apps.meetings import services
from apps.meetings.models import Meeting, Supervision
from apps.meetings.tasks import (
    office_meetings_ensure_task,
    supervisions_flag_overdue_task,
)
from apps.todos.models import TodoItem
from procuratorate.beat import CELERY_BEAT_SCHEDULE
from procuratorate.celery import app
from tests.waiting import wait_until

from .test_selectors import supervised


def test_the_meeting_jobs_are_in_the_beat_schedule():
    app.loader.import_default_modules()
    tasks = {entry["task"] for entry in CELERY_BEAT_SCHEDULE.values()}
    assert "apps.meetings.tasks.office_meetings_ensure_task" in tasks
    assert "apps.meetings.tasks.supervisions_flag_overdue_task" in tasks
    for name in tasks:
        assert name in app.tasks, name


@pytest.mark.django_db
def test_running_the_jobs_twice_changes_nothing_the_second_time(procuratorate, people):
    supervised(procuratorate, people, 2, overdue=True)
    expected = len(services.months_to_prepare(timezone.localdate()))
    assert office_meetings_ensure_task() == expected * 2  # two procuratorates
    assert office_meetings_ensure_task() == 0
    assert supervisions_flag_overdue_task() == 2
    assert supervisions_flag_overdue_task() == 0
    assert (
        TodoItem.objects.filter(step_code="meetings.supervision.follow_up").count() == 2
    )


@pytest.mark.worker
@pytest.mark.django_db(transaction=True)
def test_the_monthly_office_meeting_is_made_by_a_real_worker(procuratorate, people):
    services.bodies_ensure(procuratorate=procuratorate)
    supervised(procuratorate, people, 1, overdue=True)
    months = services.months_to_prepare(timezone.localdate())
    with start_worker(app, perform_ping_check=False, pool="solo"):
        office_meetings_ensure_task.apply_async()
        supervisions_flag_overdue_task.apply_async()
        wait_until(
            lambda: (
                Meeting.objects.filter(
                    procuratorate=procuratorate, regular_month__in=months
                ).count()
                == len(months)
                and Supervision.objects.filter(
                    overdue_flagged_at__isnull=False
                ).exists()
            ),
            what="the regular meetings and the overdue flag",
        )
    for meeting in Meeting.objects.filter(
        procuratorate=procuratorate, regular_month__isnull=False
    ):
        assert meeting.monthly_reports.count() == 2  # the office and prosecution
        day = timezone.localtime(meeting.scheduled_at)
        assert day.date() == services.first_working_day(meeting.regular_month)
        assert day.time() == datetime.time(8, 30)
