"""Scoped reads for the item pages; each list runs a fixed number of queries."""

from django.db.models import Count, Exists, OuterRef, Prefetch, Q
from django.utils import timezone

from apps.core.models import Role
from apps.core.rules import staff_of
from apps.core.scoping import get_scoped_or_404, scope_to_procuratorate

from ..models import (
    Adoption,
    Attachment,
    Authorship,
    Dispatch,
    Item,
    ItemEvent,
    Outlet,
    Revision,
)

LIST_LIMIT = 200


def _items(user):
    return scope_to_procuratorate(Item.objects.all(), user).select_related(
        "department", "department__deputy", "author", "author__staff"
    )


def _with_counts(qs):
    return qs.annotate(
        adoption_count=Count("adoptions", distinct=True),
    ).prefetch_related(
        Prefetch(
            "authorships",
            queryset=Authorship.objects.select_related("user", "user__staff"),
        )
    )


def item_list_mine(*, user, state=None):
    """Items the user wrote or co-wrote, newest first."""
    coauthored = Authorship.objects.filter(item=OuterRef("pk"), user=user)
    qs = _items(user).filter(Q(author=user) | Exists(coauthored))
    if state:
        qs = qs.filter(state=state)
    return _with_counts(qs).order_by("-updated_at", "-id")[:LIST_LIMIT]


def departments_approved_by(user):
    """Ids of the departments whose items the user approves (own, or overseen)."""
    staff = staff_of(user)
    if staff is None:
        return []
    ids = {d.pk for d in staff.overseen_departments.all()}
    if staff.department_id and staff.has_role(
        Role.DEPARTMENT_HEAD, Role.INFORMATION_OFFICER
    ):
        ids.add(staff.department_id)
    return sorted(ids)


def department_queue(*, user, waiting=True):
    """Items of the user's departments: waiting for approval, or all that were sent."""
    qs = _items(user).filter(department_id__in=departments_approved_by(user))
    if waiting:
        qs = qs.filter(state=Item.State.SUBMITTED).exclude(author=user)
        order = ("step_due_at", "id")
    else:
        qs = qs.exclude(state=Item.State.DRAFT)
        order = ("-last_submitted_at", "-id")
    return _with_counts(qs).order_by(*order)[:LIST_LIMIT]


OFFICE_TABS = {
    "review": (Item.State.DEPARTMENT_APPROVED,),
    "sign_off": (Item.State.REVIEWED,),
    "dispatch": (Item.State.SIGNED_OFF,),
    "dispatched": (Item.State.DISPATCHED,),
}


def office_queue(*, user, tab="review"):
    """The office's work by step; dispatched items are where adoptions are recorded."""
    states = OFFICE_TABS.get(tab, OFFICE_TABS["review"])
    qs = _items(user).filter(state__in=states)
    newest_first = tab == "dispatched"
    order = ("-dispatched_at", "-id") if newest_first else ("step_due_at", "id")
    return _with_counts(qs).order_by(*order)[:LIST_LIMIT]


def office_queue_counts(*, user):
    """How many items wait at each office tab, in one query."""
    qs = scope_to_procuratorate(Item.objects.all(), user)
    return qs.aggregate(
        **{
            tab: Count("id", filter=Q(state__in=states))
            for tab, states in OFFICE_TABS.items()
        }
    )


def sign_off_queue(*, user):
    """Items reviewed by the office and waiting for the procurator-general."""
    qs = _items(user).filter(state=Item.State.REVIEWED)
    return _with_counts(qs).order_by("step_due_at", "id")[:LIST_LIMIT]


def item_get(*, user, pk):
    """One item of the user's procuratorate (404 for another's), with its parts."""
    return get_scoped_or_404(
        Item.objects.select_related(
            "department",
            "department__deputy",
            "author",
            "author__staff",
            "approved_by__staff",
            "reviewed_by__staff",
            "signed_off_by__staff",
            "dispatched_by__staff",
        ).prefetch_related(
            Prefetch(
                "authorships",
                queryset=Authorship.objects.select_related("user", "user__staff"),
            ),
            Prefetch("attachments", queryset=Attachment.objects.order_by("created_at")),
            Prefetch("dispatches", queryset=Dispatch.objects.select_related("outlet")),
            Prefetch(
                "adoptions",
                queryset=Adoption.objects.select_related("outlet").order_by(
                    "adopted_on", "id"
                ),
            ),
        ),
        user,
        pk=pk,
    )


def item_history(*, item):
    """The item's events (with their revisions), oldest first."""
    return list(
        ItemEvent.objects.filter(item=item)
        .select_related("actor", "actor__staff", "revision")
        .order_by("created_at", "id")
    )


def item_revisions(*, item):
    return list(
        Revision.objects.filter(item=item)
        .select_related("editor", "editor__staff")
        .order_by("number")
    )


def attachment_get(*, user, pk):
    return get_scoped_or_404(
        Attachment.objects.select_related("item", "item__department"),
        user,
        field="item__procuratorate",
        pk=pk,
    )


def outlet_choices():
    return Outlet.objects.filter(is_active=True).order_by("sort_order", "name")


def is_late(item):
    """True when the item's current step, or its dispatch, is past due."""
    now = timezone.now()
    if item.step_due_at and item.step_due_at < now:
        return True
    return bool(
        item.state not in (Item.State.DRAFT, Item.State.DISPATCHED)
        and item.dispatch_deadline
        and item.dispatch_deadline < now
    )


def adoption_get(*, user, pk):
    return get_scoped_or_404(
        Adoption.objects.select_related("item", "outlet"), user, pk=pk
    )


def adoption_list(*, user, period):
    """Adoptions dated in `period`, newest first, with their items and outlets."""
    return (
        scope_to_procuratorate(Adoption.objects.all(), user)
        .filter(adopted_on__gte=period.start, adopted_on__lte=period.end)
        .select_related(
            "outlet", "item", "item__department", "item__author", "item__author__staff"
        )
        .order_by("-adopted_on", "-id")[:500]
    )
