"""Admin-site writes go to the audit trail like any service's."""

from django.db import transaction
from django.utils.translation import gettext_noop

from .services import audit_record, model_snapshot


class AuditedModelAdmin:
    """Mixin for ModelAdmin: record every add, change and delete in the audit trail."""

    def save_model(self, request, obj, form, change):
        before = None
        if change and obj.pk:
            old = type(obj)._default_manager.filter(pk=obj.pk).first()
            before = model_snapshot(old) if old else None
        with transaction.atomic():
            super().save_model(request, obj, form, change)
            audit_record(
                actor=request.user,
                action=f"admin.{obj._meta.label_lower}.{'change' if change else 'add'}",
                target=obj,
                before=before,
                after=model_snapshot(obj),
                message=gettext_noop("Changed in the administration site"),
            )

    def delete_model(self, request, obj):
        with transaction.atomic():
            self._audit_delete(request, obj)
            super().delete_model(request, obj)

    def delete_queryset(self, request, queryset):
        with transaction.atomic():
            for obj in queryset:
                self._audit_delete(request, obj)
            super().delete_queryset(request, queryset)

    def _audit_delete(self, request, obj):
        audit_record(
            actor=request.user,
            action=f"admin.{obj._meta.label_lower}.delete",
            target=obj,
            before=model_snapshot(obj),
            message=gettext_noop("Deleted in the administration site"),
        )
