"""Statistics and the monthly newsletter 《工作通讯》."""

from django.contrib.auth.decorators import permission_required
from django.shortcuts import render
from django.utils import timezone

from .. import selectors


@permission_required("disclosure.view_statistics", raise_exception=True)
def statistics(request):
    year = request.GET.get("year") or ""
    year = int(year) if year.isdigit() and 2000 <= int(year) <= 2100 else None
    year = year or timezone.localdate().year
    return render(
        request,
        "disclosure/statistics.html",
        selectors.disclosure_statistics(user=request.user, year=year),
    )


@permission_required("disclosure.view_board", raise_exception=True)
def newsletter(request):
    """《工作通讯》 of a month as a page; the PDF is a report job (reports.py)."""
    month = selectors.parse_month(request.GET.get("month"))
    return render(
        request,
        "disclosure/newsletter.html",
        selectors.newsletter_context(user=request.user, month=month),
    )
