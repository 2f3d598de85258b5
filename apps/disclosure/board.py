"""The disclosure panel of the leadership board: this month at a glance."""

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from apps.core.panels import BoardPanel

from .selectors.statistics import leadership_panel


def _context(user):
    return leadership_panel(user=user, today=timezone.localdate())


PANELS = [
    BoardPanel(
        title=_("Government-affairs disclosure this month"),
        template="disclosure/_board_panel.html",
        context=_context,
        permission="disclosure.view_statistics",
    )
]
