from django.utils.translation import gettext_lazy as _

from apps.core.navigation import NavItem

ITEMS = [
    NavItem(
        _("Appraisal cycles"),
        "appraisal:index",
        "appraisal.view_appraisal",
        "clipboard-data",
        _("Performance appraisal"),
    ),
    NavItem(
        _("Special tasks"),
        "appraisal:special_task_list",
        "appraisal.view_appraisal",
        "star",
        _("Performance appraisal"),
    ),
    NavItem(
        _("Rankings"),
        "appraisal:rankings",
        "appraisal.view_rankings",
        "bar-chart-line",
        _("Performance appraisal"),
    ),
]
