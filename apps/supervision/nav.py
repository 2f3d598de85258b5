from django.utils.translation import gettext_lazy as _

from apps.core.navigation import NavItem

SECTION = _("Civil and administrative supervision")

ITEMS = [
    NavItem(
        _("Supervision cases"),
        "supervision:index",
        "supervision.use_supervision",
        "journal-text",
        SECTION,
    ),
    NavItem(
        _("Clue register"),
        "supervision:clue_list",
        "supervision.view_clue_list",
        "shield-lock",
        SECTION,
    ),
    NavItem(
        _("Supervision statistics"),
        "supervision:statistics",
        "supervision.view_statistics",
        "bar-chart",
        SECTION,
    ),
]
