"""信息宣传 on the leadership board: this month at a glance."""

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from apps.core.panels import BoardPanel
from apps.core.scoping import scope_to_procuratorate

from .models import Item
from .selectors import statistics as stats


def _context(user):
    today = timezone.localdate()
    period = stats.period_for(today.year, today.month, today=today)
    ranking = stats.monthly_ranking(user=user, year=today.year, month=today.month)
    return {
        "summary": stats.statistics_summary(user=user, period=period),
        "best": [r for r in ranking["rows"] if r["best"]],
        "lagging": [r for r in ranking["rows"] if r["lagging"]][:5],
        "awaiting_sign_off": scope_to_procuratorate(
            Item.objects.filter(state=Item.State.REVIEWED), user
        ).count(),
        "year": today.year,
        "month": today.month,
    }


PANELS = [
    BoardPanel(
        _("Information and publicity this month"),
        "publicity/_board.html",
        context=_context,
        permission="publicity.view_statistics",
    )
]
