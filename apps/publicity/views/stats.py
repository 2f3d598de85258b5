"""Statistics, the monthly ranking, quotas and the adoption register."""

from django.contrib import messages
from django.contrib.auth.decorators import permission_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from apps.core.selectors import department_list

from .. import selectors
from ..forms import (
    DepartmentQuotasForm,
    QuotaForm,
    QuotaYearForm,
    StatisticsFilterForm,
    staff_users,
)
from ..models import Adoption, Medium, OutletLevel
from ..selectors import quotas as quota_selectors
from ..selectors import statistics as stats
from ..services.quotas import quotas_set
from .items import apply_errors


def _filter(request):
    form = StatisticsFilterForm(request.GET or None)
    today = timezone.localdate()
    year, month = today.year, None
    if form.is_valid():
        year = form.cleaned_data.get("year") or year
        month = form.cleaned_data.get("month") or None
    return form, year, month


@permission_required("publicity.view_statistics", raise_exception=True)
def statistics(request):
    form, year, month = _filter(request)
    period = stats.period_for(year, month)
    user = request.user
    monthly = stats.statistics_by_month(user=user, year=year)
    departments = stats.statistics_by_department(user=user, period=period)
    outlets = stats.statistics_by_outlet(user=user, period=period)
    chart = {
        "months": [f"{m['month']}月" for m in monthly],
        "adoptions": [None if m["future"] else m["adoptions"] for m in monthly],
        "adoptions_last": [m["adoptions_last"] for m in monthly],
        "dispatched": [None if m["future"] else m["dispatched"] for m in monthly],
        "series": {
            "adoptions": str(_("Adoptions")),
            "adoptions_last": str(_("Adoptions last year")),
            "dispatched": str(_("Dispatched")),
        },
        "departments": [d["department"] for d in departments if d["adoptions"]],
        "department_adoptions": [d["adoptions"] for d in departments if d["adoptions"]],
        "levels": [
            {"name": str(r["label"]), "value": r["total"]} for r in outlets["rows"]
        ],
        "media": [
            {"name": str(label), "value": total}
            for (value, label), total in zip(
                outlets["media"], outlets["totals"], strict=True
            )
        ],
    }
    return render(
        request,
        "publicity/statistics.html",
        {
            "form": form,
            "year": year,
            "month": month,
            "summary": stats.statistics_summary(user=user, period=period),
            "monthly": monthly,
            "departments": departments,
            "outlets": outlets,
            "categories": stats.statistics_by_category(user=user, period=period),
            "persons": stats.statistics_by_person(user=user, period=period),
            "top_outlets": stats.statistics_top_outlets(user=user, period=period),
            "level_labels": dict(OutletLevel.choices),
            "medium_labels": dict(Medium.choices),
            "chart": chart,
        },
    )


@permission_required("publicity.view_statistics", raise_exception=True)
def ranking(request):
    form, year, month = _filter(request)
    month = month or timezone.localdate().month
    if not form.is_bound:
        form = StatisticsFilterForm(initial={"year": year, "month": month})
    result = stats.monthly_ranking(user=request.user, year=year, month=month)
    return render(
        request,
        "publicity/ranking.html",
        {"form": form, "year": year, "month": month, **result},
    )


@permission_required("publicity.view_statistics", raise_exception=True)
def quotas(request):
    year_form = QuotaYearForm(request.GET or None)
    year = timezone.localdate().year
    if year_form.is_valid() and year_form.cleaned_data.get("year"):
        year = year_form.cleaned_data["year"]
    progress = quota_selectors.quota_progress(user=request.user, year=year)
    users = staff_users(request.user.staff.procuratorate_id)
    posted = request.POST.get("form") if request.method == "POST" else None
    department_form = DepartmentQuotasForm(
        request.POST if posted == "departments" else None,
        departments=department_list(user=request.user),
        targets={
            q.department_id: q.target for q in progress["departments"] if not q.level
        },
    )
    quota_form = QuotaForm(
        request.POST if posted == "single" else None,
        departments=department_list(user=request.user),
        users=users,
    )
    if posted:
        if not request.user.has_perm("publicity.manage_quotas"):
            raise PermissionDenied
        form = department_form if posted == "departments" else quota_form
        if form.is_valid():
            try:
                quotas_set(actor=request.user, year=year, **form.service_kwargs())
            except ValidationError as exc:
                apply_errors(form, exc)
            else:
                messages.success(request, _("The quotas were saved."))
                return redirect(f"{reverse('publicity:quotas')}?year={year}")
    return render(
        request,
        "publicity/quotas.html",
        {
            "year": year,
            "year_form": year_form,
            "progress": progress,
            "department_form": department_form,
            "quota_form": quota_form,
            "can_manage": request.user.has_perm("publicity.manage_quotas"),
        },
    )


@permission_required("publicity.view_adoptions", raise_exception=True)
def adoptions(request):
    form, year, month = _filter(request)
    period = stats.period_for(year, month)
    rows = (
        selectors.adoption_list(user=request.user, period=period)
        if not period.is_empty
        else Adoption.objects.none()
    )
    return render(
        request,
        "publicity/adoptions.html",
        {"form": form, "adoptions": rows, "year": year, "month": month},
    )
