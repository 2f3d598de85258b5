from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from apps.core.panels import BoardPanel

from .selectors import project_statistics


def _context(user):
    return {"stats": project_statistics(user=user, year=timezone.localdate().year)}


PANELS = [
    BoardPanel(
        _("Case-specific prevention this year"),
        "prevention/_board.html",
        context=_context,
        permission="prevention.view_statistics",
    )
]
