from django.db.models import Q

from apps.core.scoping import user_procuratorate_id

from .models import AuditEvent


def audit_event_list(*, user, filters=None):
    """Events of the user's procuratorate (and deployment-wide ones), newest first."""
    filters = filters or {}
    qs = AuditEvent.objects.select_related("content_type").filter(
        Q(procuratorate_id=user_procuratorate_id(user)) | Q(procuratorate__isnull=True)
    )
    if filters.get("actor"):
        qs = qs.filter(actor_name__icontains=filters["actor"])
    if filters.get("action"):
        qs = qs.filter(action__icontains=filters["action"])
    if filters.get("date_from"):
        qs = qs.filter(created_at__date__gte=filters["date_from"])
    if filters.get("date_to"):
        qs = qs.filter(created_at__date__lte=filters["date_to"])
    return qs.order_by("-created_at", "-id")
