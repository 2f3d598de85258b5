"""Reference data of 政务公示, kept by the system administrator (audited)."""

from django.contrib import admin

from apps.audit.admin import AuditedModelAdmin

from .models import BoardColumn, ServiceKind


@admin.register(BoardColumn)
class BoardColumnAdmin(AuditedModelAdmin, admin.ModelAdmin):
    list_display = ["name", "code", "source", "sort_order", "is_active"]
    list_editable = ["sort_order", "is_active"]
    list_filter = ["source", "is_active"]
    search_fields = ["name", "code"]


@admin.register(ServiceKind)
class ServiceKindAdmin(AuditedModelAdmin, admin.ModelAdmin):
    list_display = [
        "name",
        "code",
        "uses_stock",
        "decide_time_limit",
        "handle_time_limit",
        "sort_order",
        "is_active",
    ]
    list_filter = ["uses_stock", "is_active"]
    search_fields = ["name", "code"]
