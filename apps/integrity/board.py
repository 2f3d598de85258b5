from django.utils.translation import gettext_lazy as _

from apps.core.panels import BoardPanel

from .selectors import board_summary

PANELS = [
    BoardPanel(
        _("Integrity culture"),
        "integrity/_board.html",
        context=lambda user: {"summary": board_summary(user=user)},
        permission="integrity.view_indicators",
    )
]
