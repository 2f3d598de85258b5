"""The figures the essay reports: requests handled, on time per step, tasks
completed. Each function runs a fixed number of aggregate queries."""

import datetime

from django.db.models import Avg, Count, F, Q
from django.db.models.functions import TruncMonth
from django.utils import timezone

from apps.core.scoping import user_procuratorate_id

from ..models import MonthlyPlan, OfficeMeeting, PlanItem, ServiceRequest, ServiceStep
from .plans import plan_board
from .requests import month_bounds

S = ServiceRequest.State
HANDLED = [S.ISSUED, S.COMPLETED, S.REJECTED]


def year_bounds(year):
    tz = timezone.get_current_timezone()
    start = datetime.datetime(year, 1, 1, tzinfo=tz)
    return start, datetime.datetime(year + 1, 1, 1, tzinfo=tz)


def step_timeliness(*, procuratorate_id, start, end):
    """Per step: done in [start, end), how many within the limit, and how many
    are still open past their due time now. One query."""
    now = timezone.now()
    rows = (
        ServiceStep.objects.filter(
            request__procuratorate_id=procuratorate_id, due_at__isnull=False
        )
        .filter(
            Q(done_at__gte=start, done_at__lt=end)
            | Q(done_at__isnull=True, due_at__lt=min(now, end))
        )
        .values("code")
        .annotate(
            done=Count("id", filter=Q(done_at__isnull=False)),
            on_time=Count("id", filter=Q(done_at__lte=F("due_at"))),
            overdue_open=Count("id", filter=Q(done_at__isnull=True)),
        )
    )
    result = []
    by_code = {row["code"]: row for row in rows}
    for code, label in ServiceStep.Code.choices:
        row = by_code.get(code)
        if row is None:
            continue
        rate = round(100 * row["on_time"] / row["done"]) if row["done"] else None
        result.append({**row, "label": label, "rate": rate})
    return result


def request_figures(*, procuratorate_id, start, end):
    """Requests submitted in [start, end) by kind, and how many are handled."""
    rows = (
        ServiceRequest.objects.filter(
            procuratorate_id=procuratorate_id,
            submitted_at__gte=start,
            submitted_at__lt=end,
        )
        .values("kind__name", "kind__sort_order")
        .annotate(
            submitted=Count("id"),
            handled=Count("id", filter=Q(state__in=HANDLED)),
            approved=Count(
                "id", filter=~Q(state__in=[S.SUBMITTED, S.DEFERRED, S.REJECTED])
            ),
            rejected=Count("id", filter=Q(state=S.REJECTED)),
            deferred=Count("id", filter=Q(state=S.DEFERRED)),
        )
        .order_by("kind__sort_order")
    )
    rows = list(rows)
    total = {
        key: sum(r[key] for r in rows)
        for key in ("submitted", "handled", "approved", "rejected", "deferred")
    }
    return rows, total


def disclosure_statistics(*, user, year):
    """The year's figures for the statistics page; six queries."""
    procuratorate_id = user_procuratorate_id(user)
    start, end = year_bounds(year)
    kinds, totals = request_figures(
        procuratorate_id=procuratorate_id, start=start, end=end
    )
    months = {
        row["month"].date() if hasattr(row["month"], "date") else row["month"]: row
        for row in ServiceRequest.objects.filter(
            procuratorate_id=procuratorate_id,
            submitted_at__gte=start,
            submitted_at__lt=end,
        )
        .annotate(month=TruncMonth("submitted_at"))
        .values("month")
        .annotate(
            submitted=Count("id"), handled=Count("id", filter=Q(state__in=HANDLED))
        )
    }
    tasks = {
        row["plan__month"]: row
        for row in PlanItem.objects.filter(
            plan__procuratorate_id=procuratorate_id, plan__month__year=year
        )
        .values("plan__month")
        .annotate(
            n_planned=Count("id", filter=Q(planned=True)),
            n_done=Count("id", filter=Q(planned=True, completion=100)),
            n_unplanned=Count("id", filter=Q(planned=False)),
            average=Avg("completion", filter=Q(planned=True)),
        )
    }
    monthly = []
    for m in range(1, 13):
        month = datetime.date(year, m, 1)
        req = months.get(month, {})
        task = tasks.get(month, {})
        monthly.append(
            {
                "month": month,
                "submitted": req.get("submitted", 0),
                "handled": req.get("handled", 0),
                "tasks_planned": task.get("n_planned", 0),
                "tasks_done": task.get("n_done", 0),
                "tasks_unplanned": task.get("n_unplanned", 0),
                "tasks_average": round(task["average"])
                if task.get("average") is not None
                else None,
            }
        )
    steps = step_timeliness(procuratorate_id=procuratorate_id, start=start, end=end)
    meetings = (
        OfficeMeeting.objects.filter(
            procuratorate_id=procuratorate_id, held_on__year=year
        )
        .values("kind")
        .annotate(count=Count("id"), questions=Count("questions"))
    )
    return {
        "year": year,
        "kinds": kinds,
        "totals": totals,
        "monthly": monthly,
        "steps": steps,
        "meetings": {row["kind"]: row for row in meetings},
        "chart": {
            "steps": [s["label"] for s in steps],
            "rates": [s["rate"] for s in steps],
            "months": [f"{m['month']:%m}" for m in monthly],
            "submitted": [m["submitted"] for m in monthly],
            "handled": [m["handled"] for m in monthly],
            "tasks_done": [m["tasks_done"] for m in monthly],
        },
    }


def newsletter_context(*, user, month):
    """《工作通讯》 of a month: the month's plans and results, the request
    figures and time limits kept, refusals with reasons, the meetings."""
    procuratorate_id = user_procuratorate_id(user)
    start, end = month_bounds(month)
    kinds, totals = request_figures(
        procuratorate_id=procuratorate_id, start=start, end=end
    )
    refusals = list(
        ServiceStep.objects.filter(
            request__procuratorate_id=procuratorate_id,
            outcome__in=[ServiceStep.Outcome.REJECTED, ServiceStep.Outcome.DEFERRED],
            done_at__gte=start,
            done_at__lt=end,
        )
        .select_related("request__department")
        .order_by("done_at")
    )
    meetings = list(
        OfficeMeeting.objects.filter(
            procuratorate_id=procuratorate_id,
            held_on__gte=month,
            held_on__lt=end.date(),
        ).prefetch_related("questions__department")
    )
    return {
        "month": month,
        "rows": plan_board(user=user, month=month),
        "kinds": kinds,
        "totals": totals,
        "steps": step_timeliness(
            procuratorate_id=procuratorate_id, start=start, end=end
        ),
        "refusals": refusals,
        "meetings": meetings,
        "plans_published": MonthlyPlan.objects.filter(
            procuratorate_id=procuratorate_id, month=month
        )
        .exclude(state=MonthlyPlan.State.DRAFT)
        .count(),
    }


def leadership_panel(*, user, today):
    """This month's requests, on-time rate per step, work overdue now and
    low stock: four queries."""
    from ..models import StockItem

    procuratorate_id = user_procuratorate_id(user)
    month = today.replace(day=1)
    start, end = month_bounds(month)
    _kinds, totals = request_figures(
        procuratorate_id=procuratorate_id, start=start, end=end
    )
    steps = step_timeliness(procuratorate_id=procuratorate_id, start=start, end=end)
    overdue = list(
        ServiceStep.objects.filter(
            request__procuratorate_id=procuratorate_id,
            done_at__isnull=True,
            due_at__lt=timezone.now(),
        )
        .select_related("request__department")
        .order_by("due_at")[:5]
    )
    low = StockItem.objects.filter(
        procuratorate_id=procuratorate_id,
        is_active=True,
        quantity__lte=F("low_stock_level"),
        low_stock_level__gt=0,
    ).count()
    return {
        "month": month,
        "totals": totals,
        "steps": steps,
        "overdue": overdue,
        "low_stock": low,
    }
