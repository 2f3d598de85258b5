"""The regular office meeting (院务会例会) on the first working day of each month,
with each department's monthly report and the overseeing deputy's comment."""

import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext, gettext_noop, pgettext_lazy
from django.utils.translation import gettext_lazy as _

from apps.audit.services import audit_record
from apps.core.actions import locked
from apps.core.models import Department, Procuratorate
from apps.todos.services import todo_close
from apps.workdays.clock import WorkdayCalendar

from ..models import BodyKind, Meeting, MonthlyReport
from ._common import (
    authorize_locked,
    department_reporters,
    ensure_meeting_unlocked,
    pg_users,
    text_required,
    todo_on,
)
from .bodies import bodies_ensure, office_roster_sync

STEP_MONTHLY_REPORT = "meetings.monthly.report"
STEP_MONTHLY_COMMENT = "meetings.monthly.comment"
# The regular meeting starts at half past eight on its day.
REGULAR_MEETING_TIME = datetime.time(8, 30)
# From this day of a month on, next month's regular meeting is prepared too.
PREPARE_NEXT_FROM_DAY = 25


def first_working_day(month):
    """The first working day of the month containing `month` (a date)."""
    start = month.replace(day=1)
    calendar = WorkdayCalendar(start, start + datetime.timedelta(days=31))
    day = start
    while not calendar.is_workday(day):
        day += datetime.timedelta(days=1)
    return day


def _next_month(day):
    return (day.replace(day=1) + datetime.timedelta(days=32)).replace(day=1)


@transaction.atomic
def office_meeting_ensure_monthly(*, procuratorate, month):
    """Create the regular office meeting of `month` if it does not exist yet.

    Returns (meeting, created). Safe to run any number of times: the body row
    is locked and one regular meeting per month is a database constraint.
    """
    body = locked(bodies_ensure(procuratorate=procuratorate)[BodyKind.OFFICE])
    month_start = month.replace(day=1)
    existing = Meeting.objects.filter(body=body, regular_month=month_start).first()
    if existing is not None:
        return existing, False
    day = first_working_day(month_start)
    tz = timezone.get_current_timezone()
    scheduled_at = datetime.datetime.combine(day, REGULAR_MEETING_TIME, tzinfo=tz)
    # The office meeting is the party group plus the department heads: bring
    # its roster up to date before the meeting is called.
    office_roster_sync(
        actor=None, body=body, effective_date=min(day, timezone.localdate())
    )
    with translation.override(settings.LANGUAGE_CODE):
        title = gettext("Regular office meeting of %(year)s-%(month)s") % {
            "year": day.year,
            "month": day.month,
        }
    meeting = Meeting(
        procuratorate=procuratorate,
        body=body,
        title=title,
        scheduled_at=scheduled_at,
        regular_month=month_start,
    )
    meeting.full_clean()
    meeting.save()
    departments = Department.objects.filter(
        procuratorate=procuratorate, is_active=True
    ).order_by("sort_order", "name")
    for position, department in enumerate(departments, start=1):
        report = MonthlyReport.objects.create(
            meeting=meeting, department=department, position=position
        )
        todo_on(
            report,
            step_code=STEP_MONTHLY_REPORT,
            label=gettext_noop("Submit the department's monthly report"),
            assignees=department_reporters(department),
            due_at=scheduled_at,
            subject=title,
        )
    audit_record(
        actor=None,
        action="meetings.meeting.regular_create",
        target=meeting,
        procuratorate=procuratorate,
        after={"regular_month": month_start, "scheduled_at": scheduled_at},
        message=gettext_noop("Created the regular office meeting of the month"),
    )
    return meeting, True


def months_to_prepare(today):
    """The months whose regular office meeting should exist by `today`: this
    month's while its first working day is still ahead (or today), and next
    month's from the 25th on. A meeting whose day has passed is not created
    after the fact."""
    months = []
    if first_working_day(today) >= today:
        months.append(today.replace(day=1))
    if today.day >= PREPARE_NEXT_FROM_DAY:
        months.append(_next_month(today))
    return months


def office_meetings_ensure(*, today=None):
    """For every procuratorate, the regular office meetings `months_to_prepare`
    names. Returns how many were created."""
    today = today or timezone.localdate()
    months = months_to_prepare(today)
    created = 0
    procuratorates = Procuratorate.objects.filter(departments__isnull=False).distinct()
    for procuratorate in procuratorates:
        for month in months:
            _meeting, was_created = office_meeting_ensure_monthly(
                procuratorate=procuratorate, month=month
            )
            created += was_created
    return created


def _report_editable(report):
    ensure_meeting_unlocked(report.meeting)
    if report.meeting.state == Meeting.State.CLOSED:
        raise ValidationError(_("The meeting is closed."))


@transaction.atomic
def monthly_report_submit(*, actor, report, content):
    """The department head (or clerk) submits the monthly report; the
    overseeing deputy is then asked to comment."""
    report = authorize_locked(actor, "meetings.submit_monthly_report", report)
    _report_editable(report)
    if report.commented_at is not None:
        raise ValidationError(_("The deputy has commented; the report is final."))
    text_required(content, "content", _("Write the report."))
    report.content = content.strip()
    report.submitted_by = actor
    report.submitted_at = timezone.now()
    report.save(update_fields=["content", "submitted_by", "submitted_at", "updated_at"])
    todo_close(target=report, step_code=STEP_MONTHLY_REPORT, actor=actor)
    deputy = report.department.deputy
    commenters = (
        [deputy.user]
        if deputy and deputy.user.is_active
        else pg_users(report.meeting.procuratorate_id)
    )
    todo_on(
        report,
        step_code=STEP_MONTHLY_COMMENT,
        label=gettext_noop("Comment on the department's monthly report"),
        assignees=commenters,
        due_at=timezone.localtime(report.meeting.scheduled_at).replace(
            hour=23, minute=59, second=59
        ),
        subject=f"{report.meeting} · {report.department}",
    )
    audit_record(
        actor=actor,
        action="meetings.monthly.submit",
        target=report.meeting,
        after={"department": report.department_id, "content": report.content},
        message=gettext_noop("Submitted a department's monthly report"),
    )
    return report


@transaction.atomic
def monthly_report_comment(*, actor, report, comment):
    """The overseeing deputy comments on the report (点评)."""
    report = authorize_locked(actor, "meetings.comment_monthly_report", report)
    _report_editable(report)
    if report.submitted_at is None:
        raise ValidationError(_("The department has not submitted its report yet."))
    text_required(comment, "comment", pgettext_lazy("meetings", "Write the comment."))
    report.deputy_comment = comment.strip()
    report.commented_by = actor
    report.commented_at = timezone.now()
    report.save(
        update_fields=["deputy_comment", "commented_by", "commented_at", "updated_at"]
    )
    todo_close(target=report, step_code=STEP_MONTHLY_COMMENT, actor=actor)
    audit_record(
        actor=actor,
        action="meetings.monthly.comment",
        target=report.meeting,
        after={"department": report.department_id, "comment": report.deputy_comment},
        message=gettext_noop("Commented on a department's monthly report"),
    )
    return report
