from django.utils.translation import gettext_lazy as _

from apps.core.navigation import NavItem

ITEMS = [
    NavItem(
        _("Leadership board"),
        "dashboard:home",
        "dashboard.view_board",
        "speedometer2",
        "",
    )
]
