import datetime

from django.db.models import Prefetch, Q
from django.utils import timezone

from apps.core.scoping import (
    get_scoped_or_404,
    scope_to_procuratorate,
    user_procuratorate_id,
)

from ..models import (
    ServiceKind,
    ServiceRequest,
    ServiceRequestAmendment,
    ServiceRequestLine,
    ServiceStep,
    StockMovement,
)


def parse_month(value, default=None):
    """'2026-03' → date(2026, 3, 1); anything else → `default` (this month)."""
    try:
        year, month = (int(x) for x in (value or "").split("-"))
        return datetime.date(year, month, 1)
    except (TypeError, ValueError):
        if default is not None:
            return default
        today = timezone.localdate()
        return today.replace(day=1)


def month_bounds(month):
    """The aware start of `month` and of the month after it."""
    tz = timezone.get_current_timezone()
    start = datetime.datetime.combine(month, datetime.time.min, tzinfo=tz)
    following = (month.replace(day=28) + datetime.timedelta(days=4)).replace(day=1)
    end = datetime.datetime.combine(following, datetime.time.min, tzinfo=tz)
    return start, end


def service_kind_choices():
    return ServiceKind.objects.filter(is_active=True).order_by("sort_order", "code")


def _with_steps(qs):
    return qs.select_related(
        "kind", "department", "requested_by__staff"
    ).prefetch_related(
        Prefetch(
            "steps",
            queryset=ServiceStep.objects.select_related("done_by__staff").order_by(
                "started_at", "id"
            ),
        ),
        Prefetch("lines", queryset=ServiceRequestLine.objects.order_by("id")),
    )


def service_request_list(*, user, filters=None):
    """Requests of the user's procuratorate, newest first, with steps and lines.

    `filters`: state, kind (code), department (id), month (date), q (text),
    waiting_for (a User: requests whose open step is in their to-dos).
    Three queries however many rows.
    """
    filters = filters or {}
    qs = scope_to_procuratorate(ServiceRequest.objects.all(), user)
    if filters.get("state"):
        qs = qs.filter(state=filters["state"])
    if filters.get("kind"):
        qs = qs.filter(kind__code=filters["kind"])
    if filters.get("department"):
        qs = qs.filter(department_id=filters["department"])
    if filters.get("month"):
        start, end = month_bounds(filters["month"])
        qs = qs.filter(submitted_at__gte=start, submitted_at__lt=end)
    if filters.get("q"):
        q = filters["q"]
        qs = qs.filter(
            Q(title__icontains=q)
            | Q(content__icontains=q)
            | Q(number__icontains=q)
            | Q(lines__name__icontains=q)
        ).distinct()
    return _with_steps(qs).order_by("-submitted_at", "-id")


def service_request_detail(*, user, pk):
    """One request with its steps, lines, amendments and store movements."""
    qs = _with_steps(ServiceRequest.objects.all()).prefetch_related(
        Prefetch(
            "amendments",
            queryset=ServiceRequestAmendment.objects.select_related(
                "author__staff"
            ).order_by("created_at", "id"),
        ),
        Prefetch(
            "stock_movements",
            queryset=StockMovement.objects.select_related("item").order_by(
                "created_at", "id"
            ),
        ),
    )
    return get_scoped_or_404(qs, user, pk=pk)


def supplies_month_board(*, user, month):
    """The month's board of requests: every request submitted in `month`, and
    the refusals and deferrals decided in it with their reasons.
    """
    start, end = month_bounds(month)
    requests = list(service_request_list(user=user, filters={"month": month}))
    refusals = list(
        ServiceStep.objects.filter(
            request__procuratorate_id=user_procuratorate_id(user),
            outcome__in=[ServiceStep.Outcome.REJECTED, ServiceStep.Outcome.DEFERRED],
            done_at__gte=start,
            done_at__lt=end,
        )
        .select_related("request__department", "request__kind", "done_by__staff")
        .order_by("-done_at")
    )
    return {"requests": requests, "refusals": refusals}
