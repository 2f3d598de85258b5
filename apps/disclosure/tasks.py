"""Periodic work of 政务公示 (declared in procuratorate/beat.py)."""

import datetime

from celery import shared_task

from .services import plans_open_month_todos


@shared_task
def disclosure_open_plan_todos_task(month=None):
    """Ask administrative departments and staff for the month's plan.

    `month` is an ISO date within the month (default: today). Idempotent.
    """
    day = datetime.date.fromisoformat(month) if month else None
    return plans_open_month_todos(month=day)
