"""The appraisal panels of the leadership board."""

from django.utils.translation import gettext_lazy as _

from apps.core.panels import BoardPanel

from .selectors import behind_plan_reports

PANELS = [
    BoardPanel(
        title=_("Appraisal: targets behind plan"),
        template="appraisal/_board_behind.html",
        context=lambda user: {"reports": behind_plan_reports(user=user)},
        permission="appraisal.view_board",
    ),
]
