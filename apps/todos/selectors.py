from django.db.models import Count, Q
from django.utils import timezone

from .models import TodoItem


def todo_list_for_user(*, user, status=TodoItem.Status.OPEN):
    """The user's to-dos: overdue first, then by due time."""
    qs = TodoItem.objects.filter(assignee=user, status=status)
    if status == TodoItem.Status.OPEN:
        return qs.order_by("due_at", "created_at")
    return qs.order_by("-closed_at")


def todo_counts_for_user(user):
    """Return (open, overdue) counts for the header badge, in one query."""
    counts = TodoItem.objects.filter(
        assignee=user, status=TodoItem.Status.OPEN
    ).aggregate(
        open=Count("id"), overdue=Count("id", filter=Q(due_at__lt=timezone.now()))
    )
    return counts["open"], counts["overdue"]


def overdue_counts_by_department(*, procuratorate_id):
    """Open overdue to-dos per department of the assignee, for the leadership board."""
    return (
        TodoItem.objects.filter(
            procuratorate_id=procuratorate_id,
            status=TodoItem.Status.OPEN,
            due_at__lt=timezone.now(),
        )
        .values("assignee__staff__department__name")
        .annotate(count=Count("id"))
        .order_by("-count")
    )
