"""The reward scheme and the payout ledger, as the pages read them."""

from django.db.models import Prefetch

from apps.core.scoping import scope_to_procuratorate

from ..models import PayoutEntry, PayoutLedger, PayoutLine, RewardRule, RewardScheme


def reward_scheme_get(*, user, year):
    """The year's scheme of the user's procuratorate with its rules, or None."""
    return (
        scope_to_procuratorate(RewardScheme.objects.all(), user)
        .filter(year=year)
        .prefetch_related(
            Prefetch("rules", queryset=RewardRule.objects.order_by("level", "medium"))
        )
        .first()
    )


def ledger_get(*, user, year):
    """The year's ledger with its lines (persons and departments), or None."""
    return (
        scope_to_procuratorate(PayoutLedger.objects.all(), user)
        .filter(year=year)
        .select_related("requested_by__staff", "approved_by__staff")
        .prefetch_related(
            Prefetch(
                "lines",
                queryset=PayoutLine.objects.select_related(
                    "user", "user__staff", "department"
                ).order_by("department__sort_order", "user__staff__name"),
            )
        )
        .first()
    )


def ledger_entries(*, ledger):
    """Every author's part of every adoption, for the detail table and the export."""
    return list(
        PayoutEntry.objects.filter(ledger=ledger)
        .select_related(
            "adoption",
            "adoption__item",
            "adoption__outlet",
            "user",
            "user__staff",
            "department",
        )
        .order_by("adoption__adopted_on", "adoption_id", "-share", "user_id")
    )


def ledger_list(*, user):
    return list(
        scope_to_procuratorate(PayoutLedger.objects.all(), user).order_by("-year")
    )
