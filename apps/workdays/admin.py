from django.contrib import admin

from apps.audit.admin import AuditedModelAdmin

from .models import CalendarOverride, TimeLimit


@admin.register(CalendarOverride)
class CalendarOverrideAdmin(AuditedModelAdmin, admin.ModelAdmin):
    list_display = ["date", "kind", "reason"]
    list_filter = ["kind"]
    date_hierarchy = "date"


@admin.register(TimeLimit)
class TimeLimitAdmin(AuditedModelAdmin, admin.ModelAdmin):
    list_display = ["code", "name", "amount", "unit", "category", "is_published"]
    list_filter = ["category", "unit", "is_published"]
    search_fields = ["code", "name"]
