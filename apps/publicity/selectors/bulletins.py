"""《工作简报》 reads."""

from django.db.models import Count, Prefetch

from apps.core.scoping import get_scoped_or_404, scope_to_procuratorate

from ..models import Bulletin, BulletinEntry, Item
from ..services.bulletins import ELIGIBLE_STATES


def bulletin_list(*, user):
    return (
        scope_to_procuratorate(Bulletin.objects.all(), user)
        .select_related("editor", "editor__staff")
        .annotate(item_count=Count("entries"))
        .order_by("-year", "-number")[:200]
    )


def bulletin_get(*, user, pk):
    return get_scoped_or_404(
        Bulletin.objects.select_related(
            "editor__staff", "procuratorate"
        ).prefetch_related(
            Prefetch(
                "entries",
                queryset=BulletinEntry.objects.select_related(
                    "item", "item__department", "item__author", "item__author__staff"
                ).order_by("position"),
            )
        ),
        user,
        pk=pk,
    )


def bulletin_candidates(*, user, limit=150):
    """Items the office has passed, newest first, to pick into an issue."""
    return list(
        scope_to_procuratorate(Item.objects.all(), user)
        .filter(state__in=ELIGIBLE_STATES)
        .select_related("department", "author__staff")
        .order_by("-reviewed_at", "-id")[:limit]
    )
