"""The leadership board's panel: this year's supervision figures at a glance."""

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from apps.core.panels import BoardPanel

from .statistics import supervision_statistics


def _context(user):
    figures = supervision_statistics(user=user, year=timezone.localdate().year)
    return {
        "year": figures["year"],
        "current": figures["current"],
        "open": sum(row["open"] for row in figures["handlers"]),
        "overdue": sum(row["overdue"] for row in figures["handlers"]),
    }


PANELS = [
    BoardPanel(
        title=_("Civil and administrative supervision"),
        template="supervision/_board_panel.html",
        context=_context,
        permission="supervision.view_statistics",
    )
]
