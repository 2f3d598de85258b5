from django.utils.translation import gettext_lazy as _

from apps.core.navigation import NavItem

SECTION = _("Information and publicity")

ITEMS = [
    NavItem(
        _("My items"), "publicity:index", "publicity.use", "pencil-square", SECTION
    ),
    NavItem(
        _("Department approval"),
        "publicity:department_queue",
        "publicity.view_department_queue",
        "check2-square",
        SECTION,
    ),
    NavItem(
        _("Office review and dispatch"),
        "publicity:office_queue",
        "publicity.view_office_queue",
        "send",
        SECTION,
    ),
    NavItem(
        _("Sign-off"),
        "publicity:sign_off_queue",
        "publicity.view_sign_off_queue",
        "pen",
        SECTION,
    ),
    NavItem(
        _("Adoption register"),
        "publicity:adoptions",
        "publicity.view_adoptions",
        "journal-check",
        SECTION,
    ),
    NavItem(
        _("Publicity statistics"),
        "publicity:statistics",
        "publicity.view_statistics",
        "bar-chart",
        SECTION,
    ),
    NavItem(
        _("Quotas"),
        "publicity:quotas",
        "publicity.view_statistics",
        "bullseye",
        SECTION,
    ),
    NavItem(
        _("Rewards and payout"),
        "publicity:reward_scheme_current",
        "publicity.view_ledger",
        "cash-coin",
        SECTION,
    ),
    NavItem(
        _("Work bulletin"),
        "publicity:bulletin_list",
        "publicity.view_bulletins",
        "newspaper",
        SECTION,
    ),
]
