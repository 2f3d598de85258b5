"""The disclosure board (政务公示栏)."""

import datetime

from django.contrib.auth.decorators import permission_required
from django.shortcuts import render

from .. import selectors


def _month_links(month):
    previous = (month - datetime.timedelta(days=1)).replace(day=1)
    following = (month.replace(day=28) + datetime.timedelta(days=4)).replace(day=1)
    return previous, following


@permission_required("disclosure.view_board", raise_exception=True)
def supplies_board(request):
    """办公用品购买申请栏: the month's requests with on-time marks, and the
    refusals and deferrals decided in the month with their reasons."""
    month = selectors.parse_month(request.GET.get("month"))
    previous, following = _month_links(month)
    return render(
        request,
        "disclosure/supplies_board.html",
        {
            **selectors.supplies_month_board(user=request.user, month=month),
            "month": month,
            "previous": previous,
            "following": following,
        },
    )
