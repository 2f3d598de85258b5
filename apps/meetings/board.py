"""The three meetings' panel on the leadership board."""

from django.utils.translation import gettext_lazy as _

from apps.core.panels import BoardPanel

from .selectors import board_summary

PANELS = [
    BoardPanel(
        title=_("Three meetings: topics, meetings and overdue supervision"),
        template="meetings/_board_panel.html",
        context=lambda user: board_summary(user=user),
        permission="meetings.view_board",
    )
]
