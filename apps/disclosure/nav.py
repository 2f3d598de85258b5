from django.utils.translation import gettext_lazy as _

from apps.core.navigation import NavItem

SECTION = _("Government-affairs disclosure")

ITEMS = [
    NavItem(
        _("Disclosure board"),
        "disclosure:index",
        "disclosure.view_board",
        "megaphone",
        SECTION,
    ),
    NavItem(
        _("Service requests"),
        "disclosure:request_list",
        "disclosure.view_board",
        "cart",
        SECTION,
    ),
    NavItem(
        _("Monthly plans"),
        "disclosure:plan_board",
        "disclosure.view_board",
        "calendar-check",
        SECTION,
    ),
    NavItem(
        _("Store"),
        "disclosure:stock_list",
        "disclosure.view_stock",
        "box-seam",
        SECTION,
    ),
    NavItem(
        _("Statistics"),
        "disclosure:statistics",
        "disclosure.view_statistics",
        "bar-chart",
        SECTION,
    ),
]
