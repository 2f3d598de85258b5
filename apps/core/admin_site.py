"""The admin site, opened to the separated administrators by role, not `is_staff`."""

from django.contrib import admin
from django.contrib.admin.apps import AdminConfig
from django.utils.translation import gettext_lazy as _


class ProcuratorateAdminSite(admin.AdminSite):
    site_header = _("Procuratorate office system administration")
    site_title = _("Administration")
    index_title = _("Reference data and accounts")

    def has_permission(self, request):
        return request.user.is_active and request.user.has_perm("core.access_admin")


class ProcuratorateAdminConfig(AdminConfig):
    default_site = "apps.core.admin_site.ProcuratorateAdminSite"
