from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.utils.translation import gettext_lazy as _

from apps.audit.admin import AuditedModelAdmin
from apps.core.forms import StaffAdminForm
from apps.core.models import Department, Procuratorate, Staff, User


@admin.register(Procuratorate)
class ProcuratorateAdmin(AuditedModelAdmin, admin.ModelAdmin):
    list_display = ["name", "level", "parent", "code"]
    list_filter = ["level"]
    search_fields = ["name", "code"]


@admin.register(Department)
class DepartmentAdmin(AuditedModelAdmin, admin.ModelAdmin):
    list_display = [
        "name",
        "procuratorate",
        "kind",
        "deputy",
        "sort_order",
        "is_active",
    ]
    list_filter = ["procuratorate", "kind", "is_active"]
    search_fields = ["name", "code"]
    list_select_related = ["procuratorate", "deputy"]


class StaffInline(admin.StackedInline):
    model = Staff
    form = StaffAdminForm
    can_delete = False
    verbose_name_plural = _("staff profile")


@admin.register(User)
class UserAdmin(AuditedModelAdmin, DjangoUserAdmin):
    inlines = [StaffInline]
    list_display = [
        "username",
        "staff__name",
        "staff__department",
        "is_active",
        "last_login",
    ]
    list_filter = ["is_active", "staff__procuratorate", "staff__department"]
    search_fields = ["username", "staff__name"]
    fieldsets = (
        (None, {"fields": ("username", "password")}),
        (_("Status"), {"fields": ("is_active", "last_login", "date_joined")}),
    )
    readonly_fields = ["last_login", "date_joined"]


@admin.register(Staff)
class StaffAdmin(AuditedModelAdmin, admin.ModelAdmin):
    form = StaffAdminForm
    list_display = [
        "name",
        "procuratorate",
        "department",
        "position",
        "get_roles_display",
    ]
    list_filter = ["procuratorate", "department"]
    search_fields = ["name", "user__username"]
    list_select_related = ["procuratorate", "department", "user"]
