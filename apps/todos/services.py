"""Opening and closing to-dos. Workflows call these inside their own transaction."""

from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.utils import timezone

from .models import TodoItem


def _target_filter(target):
    return {
        "content_type": ContentType.objects.get_for_model(target),
        "object_id": str(target.pk),
    }


@transaction.atomic
def todo_open(*, target, step_code, label, assignees, url, due_at=None, subject=None):
    """Put step `step_code` of `target` into each assignee's to-dos.

    A step waiting for any one of several people (e.g. the department head or
    its information officer) opens one to-do per person; `todo_close` closes
    them all when one of them acts. Opening a step that is already open for a
    person leaves that to-do as it is, so a retried service does no harm.
    """
    where = _target_filter(target)
    already = set(
        TodoItem.objects.filter(
            **where, step_code=step_code, status=TodoItem.Status.OPEN
        ).values_list("assignee_id", flat=True)
    )
    items = [
        TodoItem(
            procuratorate_id=target.procuratorate_id,
            assignee=user,
            step_code=step_code,
            label=str(label),
            subject=str(subject if subject is not None else target)[:255],
            url=url,
            due_at=due_at,
            **where,
        )
        for user in {u.pk: u for u in assignees}.values()
        if user.pk not in already
    ]
    return TodoItem.objects.bulk_create(items)


@transaction.atomic
def todo_close(*, target, step_code, actor=None, cancelled=False):
    """Close every open to-do for `step_code` of `target`; return how many closed."""
    status = TodoItem.Status.CANCELLED if cancelled else TodoItem.Status.DONE
    return TodoItem.objects.filter(
        **_target_filter(target), step_code=step_code, status=TodoItem.Status.OPEN
    ).update(status=status, closed_at=timezone.now(), closed_by=actor)


@transaction.atomic
def todo_close_all(*, target, actor=None):
    """Cancel every open to-do of `target` (e.g. when it is withdrawn)."""
    return TodoItem.objects.filter(
        **_target_filter(target), status=TodoItem.Status.OPEN
    ).update(
        status=TodoItem.Status.CANCELLED, closed_at=timezone.now(), closed_by=actor
    )


def todos_flag_overdue(*, now=None):
    """Flag open to-dos whose due time has passed; return how many were newly flagged.

    Flagged items head their owner's inbox in red and count in the header badge.
    Running it twice flags nothing twice.
    """
    now = now or timezone.now()
    return TodoItem.objects.filter(
        status=TodoItem.Status.OPEN, due_at__lt=now, overdue_flagged_at__isnull=True
    ).update(overdue_flagged_at=now)
