from django.utils.translation import gettext_lazy as _

from apps.core.navigation import NavItem

SECTION = _("Three meetings")

ITEMS = [
    NavItem(_("Meetings home"), "meetings:index", "meetings.use", "people", SECTION),
    NavItem(_("Topics"), "meetings:topic_list", "meetings.use", "card-list", SECTION),
    NavItem(
        _("Meetings"),
        "meetings:meeting_list",
        "meetings.use",
        "calendar-event",
        SECTION,
    ),
    NavItem(
        _("Supervision"),
        "meetings:supervision_list",
        "meetings.use",
        "clipboard-check",
        SECTION,
    ),
    NavItem(
        _("Bodies and rosters"),
        "meetings:body_list",
        "meetings.use",
        "diagram-3",
        SECTION,
    ),
    NavItem(
        _("Half-year review"),
        "meetings:half_year_review",
        "meetings.view_review",
        "graph-up",
        SECTION,
    ),
]
