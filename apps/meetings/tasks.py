"""Periodic jobs of the three meetings; thin, idempotent, safe to run twice."""

from celery import shared_task

from .services import office_meetings_ensure, supervisions_flag_overdue


@shared_task(name="apps.meetings.tasks.office_meetings_ensure_task")
def office_meetings_ensure_task():
    """Create this month's regular office meeting (and next month's from the 25th)."""
    return office_meetings_ensure()


@shared_task(name="apps.meetings.tasks.supervisions_flag_overdue_task")
def supervisions_flag_overdue_task():
    """Flag supervised resolutions past their deadline for the committee office."""
    return supervisions_flag_overdue()
