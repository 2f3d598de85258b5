"""奖惩办法 and the year-end payout ledger."""

from django.contrib import messages
from django.contrib.auth.decorators import permission_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST

from apps.core.actions import apply_errors, perform

from .. import services
from ..forms import MediumRuleFormSet, RewardSchemeForm, medium_rules
from ..models import PayoutLedger
from ..selectors import rewards as reward_selectors
from ..services.rewards import ledger_is_stale


def _year(value):
    year = int(value) if value else timezone.localdate().year
    if not 2000 <= year <= 2100:
        raise PermissionDenied
    return year


@permission_required("publicity.view_ledger", raise_exception=True)
def reward_scheme(request, year=None):
    year = _year(year)
    scheme = reward_selectors.reward_scheme_get(user=request.user, year=year)
    can_manage = request.user.has_perm("publicity.manage_rewards")
    data = request.POST if request.method == "POST" else None
    form = RewardSchemeForm(data, instance=scheme)
    formset = MediumRuleFormSet(
        data,
        prefix="rules",
        initial=[
            {"level": r.level, "medium": r.medium, "multiplier": r.multiplier}
            for r in (scheme.rules.all() if scheme else [])
            if r.medium
        ]
        if data is None
        else None,
    )
    if data is not None:
        if not can_manage:
            raise PermissionDenied
        if form.is_valid() and formset.is_valid():
            try:
                services.reward_scheme_save(
                    actor=request.user,
                    year=year,
                    rules=form.level_rules() + medium_rules(formset),
                    **form.cleaned_data_for_scheme(),
                )
            except ValidationError as exc:
                apply_errors(form, exc)
            else:
                messages.success(request, _("The reward scheme was saved."))
                return redirect("publicity:reward_scheme", year=year)
    return render(
        request,
        "publicity/reward_scheme.html",
        {
            "year": year,
            "scheme": scheme,
            "form": form,
            "formset": formset,
            "can_manage": can_manage,
            "ledger": reward_selectors.ledger_get(user=request.user, year=year),
        },
    )


@permission_required("publicity.view_ledger", raise_exception=True)
def ledger_detail(request, year):
    year = _year(year)
    ledger = reward_selectors.ledger_get(user=request.user, year=year)
    lines = list(ledger.lines.all()) if ledger else []
    return render(
        request,
        "publicity/ledger.html",
        {
            "year": year,
            "ledger": ledger,
            "person_lines": [line for line in lines if line.user_id],
            "department_lines": [line for line in lines if not line.user_id],
            "entries": reward_selectors.ledger_entries(ledger=ledger) if ledger else [],
            "stale": bool(
                ledger
                and ledger.state == PayoutLedger.State.COMPUTED
                and ledger_is_stale(ledger)
            ),
            "has_scheme": reward_selectors.reward_scheme_get(
                user=request.user, year=year
            )
            is not None,
            "can_compute": request.user.has_perm("publicity.manage_rewards"),
            "can_approve": bool(
                ledger and request.user.has_perm("publicity.approve_ledger", ledger)
            ),
        },
    )


@require_POST
@permission_required("publicity.manage_rewards", raise_exception=True)
def ledger_compute(request, year):
    year = _year(year)
    return perform(
        request,
        lambda: services.payout_request(actor=request.user, year=year),
        done=_("The ledger is being computed; this page updates by itself."),
        back=reverse("publicity:ledger_detail", kwargs={"year": year}),
    )


@require_POST
def ledger_approve(request, year):
    year = _year(year)
    ledger = reward_selectors.ledger_get(user=request.user, year=year)
    if ledger is None or not request.user.has_perm("publicity.approve_ledger", ledger):
        raise PermissionDenied
    return perform(
        request,
        lambda: services.payout_approve(actor=request.user, ledger=ledger),
        done=_("The payout was approved and is now frozen."),
        back=reverse("publicity:ledger_detail", kwargs={"year": year}),
    )


@permission_required("publicity.view_ledger", raise_exception=True)
def ledger_status(request, year):
    """Polled by the page while the ledger is computed; reloads it when done."""
    ledger = reward_selectors.ledger_get(user=request.user, year=_year(year))
    response = render(
        request, "publicity/_ledger_status.html", {"ledger": ledger, "year": year}
    )
    if ledger is None or ledger.state != PayoutLedger.State.PENDING:
        response["HX-Refresh"] = "true"
    return response
