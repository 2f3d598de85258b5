"""The integrity indicators page: per department, per year or quarter."""

from django.contrib.auth.decorators import permission_required
from django.shortcuts import render
from django.utils import timezone

from apps.core.scoping import user_procuratorate_id

from ..indicators import integrity_indicators, period_bounds


@permission_required("integrity.view_indicators", raise_exception=True)
def indicators(request):
    today = timezone.localdate()
    year = request.GET.get("year", "")
    year = int(year) if year.isdigit() and 2000 < int(year) < 2100 else today.year
    quarter = request.GET.get("quarter", "")
    quarter = int(quarter) if quarter in {"1", "2", "3", "4"} else None
    start, end = period_bounds(year, quarter)
    return render(
        request,
        "integrity/indicators.html",
        {
            "rows": integrity_indicators(
                procuratorate_id=user_procuratorate_id(request.user),
                start=start,
                end=end,
            ),
            "year": year,
            "quarter": quarter,
            "years": range(today.year, today.year - 5, -1),
            "start": start,
            "end": end,
        },
    )
