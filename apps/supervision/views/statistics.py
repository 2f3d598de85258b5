"""The statistics page: the year's figures, the year before, and per handler."""

from django.contrib.auth.decorators import permission_required
from django.shortcuts import render

from ..forms import YearForm
from ..statistics import supervision_statistics


@permission_required("supervision.view_statistics", raise_exception=True)
def statistics(request):
    form = YearForm(request.GET or None)
    year = form.year_or_current()
    figures = supervision_statistics(user=request.user, year=year)
    chart = {
        "sources": [str(row["label"]) for row in figures["sources"]],
        "received": [row["received"] for row in figures["sources"]],
        "registered": [row["registered"] for row in figures["sources"]],
    }
    return render(
        request,
        "supervision/statistics.html",
        {"form": form, "chart": chart, **figures},
    )
