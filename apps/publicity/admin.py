from django.contrib import admin

from apps.audit.admin import AuditedModelAdmin

from .models import Outlet


@admin.register(Outlet)
class OutletAdmin(AuditedModelAdmin, admin.ModelAdmin):
    list_display = ["name", "kind", "level", "medium", "sort_order", "is_active"]
    list_filter = ["kind", "level", "medium", "is_active"]
    list_editable = ["sort_order", "is_active"]
    search_fields = ["name"]
