from django.utils.translation import gettext_lazy as _

from .navigation import NavItem

ITEMS = [
    NavItem(
        _("Staff directory"),
        "core:staff_list",
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
