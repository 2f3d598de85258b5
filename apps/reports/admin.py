from django.contrib import admin

from .models import ReportJob


@admin.register(ReportJob)
class ReportJobAdmin(admin.ModelAdmin):
    """Read-only: the system administrator looks at failures, never at the files."""

    list_display = ["id", "kind", "format", "status", "procuratorate", "created_at"]
    list_filter = ["status", "kind", "format"]
    list_select_related = ["procuratorate"]
    fields = [
        "procuratorate",
        "requested_by",
        "kind",
        "format",
        "params",
        "status",
        "progress",
        "message",
        "filename",
        "error",
        "created_at",
        "started_at",
        "finished_at",
    ]
    readonly_fields = fields

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
