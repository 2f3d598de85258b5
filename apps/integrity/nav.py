from django.utils.translation import gettext_lazy as _

from apps.core.navigation import NavItem

SECTION = _("Integrity culture")

ITEMS = [
    NavItem(
        _("Plan and activities"),
        "integrity:index",
        "integrity.view",
        "calendar-week",
        SECTION,
    ),
    NavItem(
        _("Knowledge contests"),
        "integrity:quiz_list",
        "integrity.view",
        "trophy",
        SECTION,
    ),
    NavItem(
        _("Essay, speech and photo contests"),
        "integrity:contest_list",
        "integrity.view",
        "award",
        SECTION,
    ),
    NavItem(
        _("Exemplars"), "integrity:exemplar_list", "integrity.view", "people", SECTION
    ),
    NavItem(
        _("Question bank"),
        "integrity:question_list",
        "integrity.organise",
        "journal-check",
        SECTION,
    ),
    NavItem(
        _("Outside supervision"),
        "integrity:remark_list",
        "integrity.view_remark_list",
        "chat-square-text",
        SECTION,
    ),
    NavItem(
        _("Record a remark"),
        "integrity:remark_create",
        "integrity.record_remark",
        "pencil-square",
        SECTION,
    ),
    NavItem(
        _("Integrity indicators"),
        "integrity:indicators",
        "integrity.view_indicators",
        "speedometer2",
        SECTION,
    ),
]
