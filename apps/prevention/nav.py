from django.utils.translation import gettext_lazy as _

from apps.core.navigation import NavItem

ITEMS = [
    NavItem(
        _("Prevention projects"),
        "prevention:index",
        "prevention.view_project_list",
        "shield-check",
        _("Case-specific prevention"),
    ),
    NavItem(
        _("Prevention statistics"),
        "prevention:statistics",
        "prevention.view_statistics",
        "bar-chart",
        _("Case-specific prevention"),
    ),
]
