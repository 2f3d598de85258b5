from django.utils.translation import gettext_lazy as _

from apps.core.navigation import NavItem

ITEMS = [
    NavItem(
        _("Staff directory"),
        "accounts:staff_list",
        "core.export_staff_roster",
        "people",
        _("Organisation"),
    ),
    NavItem(
        _("Administration"),
        "admin:index",
        "core.access_admin",
        "gear",
        _("Administration"),
    ),
]
