"""奖惩办法 and the year-end payout (年终一次性兑现).

The office keeps each year's scheme: a base amount and points per adoption,
multipliers by outlet level (and optionally medium), a bonus for 精品 items
and a penalty per adoption a department falls short of its quota. A Celery
task computes the ledger from the year's adoptions: each adoption's reward is
split among the item's authors by share. Computing again replaces the rows
with the same result (unique rows per adoption and person: never paid twice);
the procurator-general's approval freezes the ledger.
"""

from collections import defaultdict
from decimal import ROUND_HALF_UP, Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Prefetch
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import gettext_noop

from apps.audit.services import audit_record, model_snapshot
from apps.core.actions import Refused, authorize, locked, transition_check
from apps.core.models import Department, Role, Staff
from apps.core.selectors import users_with_role
from apps.todos.services import todo_close, todo_open

from ..models import (
    Adoption,
    Authorship,
    Medium,
    OutletLevel,
    PayoutEntry,
    PayoutLedger,
    PayoutLine,
    Quota,
    RewardRule,
    RewardScheme,
)

CENT = Decimal("0.01")
STEP_APPROVE_PAYOUT = "publicity.payout_approval"
# Without a rule for its level an adoption earns the base amount once.
DEFAULT_MULTIPLIER = Decimal("1")


def _money(value):
    return Decimal(value).quantize(CENT, rounding=ROUND_HALF_UP)


def _frozen(procuratorate_id, year):
    return PayoutLedger.objects.filter(
        procuratorate_id=procuratorate_id, year=year, state=PayoutLedger.State.APPROVED
    ).exists()


FROZEN = _("The payout of this year has been approved and is frozen; it cannot change.")


# ------------------------------------------------------------------ scheme
@transaction.atomic
def reward_scheme_save(
    *,
    actor,
    year,
    base_amount,
    base_points,
    fine_bonus,
    penalty_per_missing,
    rules,
):
    """Create or replace the year's scheme; `rules` is [(level, medium, multiplier)]."""
    authorize(actor, "publicity.manage_rewards")
    procuratorate_id = actor.staff.procuratorate_id
    if _frozen(procuratorate_id, year):
        raise ValidationError(FROZEN)
    seen = set()
    for level, medium, multiplier in rules:
        if level not in OutletLevel.values or (medium and medium not in Medium.values):
            raise ValidationError(_("A rule names an unknown level or medium."))
        if (level, medium) in seen:
            raise ValidationError(
                _("Two rules are for the same level and medium; keep one.")
            )
        if multiplier is None or multiplier < 0:
            raise ValidationError(_("A multiplier cannot be negative."))
        seen.add((level, medium))
    scheme = (
        RewardScheme.objects.select_for_update()
        .filter(procuratorate_id=procuratorate_id, year=year)
        .first()
    )
    before = None
    if scheme is None:
        scheme = RewardScheme(procuratorate_id=procuratorate_id, year=year)
    else:
        before = {
            **model_snapshot(scheme),
            "rules": [
                [r.level, r.medium, str(r.multiplier)] for r in scheme.rules.all()
            ],
        }
    scheme.base_amount = base_amount
    scheme.base_points = base_points
    scheme.fine_bonus = fine_bonus
    scheme.penalty_per_missing = penalty_per_missing
    scheme.full_clean()
    scheme.save()
    scheme.rules.all().delete()
    RewardRule.objects.bulk_create(
        RewardRule(scheme=scheme, level=level, medium=medium or "", multiplier=m)
        for level, medium, m in rules
    )
    audit_record(
        actor=actor,
        action="publicity.reward_scheme.save",
        target=scheme,
        before=before,
        after={
            **model_snapshot(scheme),
            "rules": [[lv, md or "", str(m)] for lv, md, m in rules],
        },
        message=gettext_noop("Saved the reward scheme"),
    )
    return scheme


def multiplier_for(rules, level, medium):
    """The most specific rule's multiplier: level and medium, then level alone."""
    if (level, medium) in rules:
        return rules[(level, medium)]
    return rules.get((level, ""), DEFAULT_MULTIPLIER)


# ------------------------------------------------------------------ ledger
@transaction.atomic
def payout_request(*, actor, year):
    """Ask for the year's ledger to be (re)computed by a worker; return the ledger."""
    authorize(actor, "publicity.manage_rewards")
    procuratorate_id = actor.staff.procuratorate_id
    if not RewardScheme.objects.filter(
        procuratorate_id=procuratorate_id, year=year
    ).exists():
        raise ValidationError(_("Set the reward scheme of this year first."))
    ledger, _created = PayoutLedger.objects.select_for_update().get_or_create(
        procuratorate_id=procuratorate_id,
        year=year,
        defaults={"requested_by": actor},
    )
    if ledger.state == PayoutLedger.State.APPROVED:
        raise Refused(FROZEN)
    if ledger.state == PayoutLedger.State.COMPUTED:
        ledger.recompute()
    ledger.requested_by = actor
    ledger.full_clean()
    ledger.save()
    audit_record(
        actor=actor,
        action="publicity.payout.request",
        target=ledger,
        after=model_snapshot(ledger),
        message=gettext_noop("Asked for the year-end payout to be computed"),
    )
    from ..tasks import payout_compute_task  # tasks import the services

    ledger_id = ledger.pk
    transaction.on_commit(lambda: payout_compute_task.delay(ledger_id))
    return ledger


def _adoptions_of(ledger):
    return (
        Adoption.objects.filter(
            procuratorate_id=ledger.procuratorate_id, adopted_on__year=ledger.year
        )
        .select_related("item", "outlet")
        .prefetch_related(
            Prefetch(
                "item__authorships",
                queryset=Authorship.objects.order_by("-is_primary", "user_id"),
            )
        )
        .order_by("adopted_on", "id")
    )


def _split(total, shares):
    """Split `total` by percentage shares; rounding cents go to the first author."""
    parts = [_money(total * share / 100) for _user, share in shares]
    if parts:
        parts[0] += _money(total) - sum(parts)
    return parts


@transaction.atomic
def payout_compute(*, ledger_id):
    """Compute the ledger's entries and lines from the year's adoptions.

    Idempotent: the rows are replaced by the same result on every run; an
    approved ledger is never touched. Return the ledger.
    """
    ledger = PayoutLedger.objects.select_for_update().get(pk=ledger_id)
    if ledger.state == PayoutLedger.State.APPROVED:
        return ledger
    scheme = RewardScheme.objects.get(
        procuratorate_id=ledger.procuratorate_id, year=ledger.year
    )
    rules = {(r.level, r.medium): r.multiplier for r in scheme.rules.all()}
    PayoutEntry.objects.filter(ledger=ledger).delete()
    PayoutLine.objects.filter(ledger=ledger).delete()

    entries = []
    dept_adoptions = defaultdict(int)
    for adoption in _adoptions_of(ledger):
        item = adoption.item
        multiplier = multiplier_for(
            rules, adoption.outlet.level, adoption.outlet.medium
        )
        amount = scheme.base_amount * multiplier
        if item.is_fine:
            amount += scheme.fine_bonus
        points = scheme.base_points * multiplier
        shares = [(a.user_id, a.share) for a in item.authorships.all()]
        dept_adoptions[item.department_id] += 1
        for (user_id, share), part, point_part in zip(
            shares, _split(amount, shares), _split(points, shares), strict=True
        ):
            entries.append(
                PayoutEntry(
                    ledger=ledger,
                    adoption=adoption,
                    user_id=user_id,
                    department_id=item.department_id,
                    share=share,
                    multiplier=multiplier,
                    amount=part,
                    points=point_part,
                )
            )
    PayoutEntry.objects.bulk_create(entries)

    lines = _person_lines(ledger, entries) + _department_lines(
        ledger, scheme, entries, dept_adoptions
    )
    PayoutLine.objects.bulk_create(lines)
    ledger.total_reward = sum((e.amount for e in entries), Decimal("0"))
    ledger.total_penalty = sum(
        (line.penalty for line in lines if line.user_id is None), Decimal("0")
    )
    ledger.computed_at = timezone.now()
    if ledger.state == PayoutLedger.State.PENDING:
        ledger.mark_computed()
    ledger.save()
    todo_open(
        target=ledger,
        step_code=STEP_APPROVE_PAYOUT,
        label=gettext_noop("Approve the year-end publicity payout"),
        assignees=users_with_role(
            procuratorate_id=ledger.procuratorate_id, role=Role.PROCURATOR_GENERAL
        ),
        url=ledger.get_absolute_url(),
        subject=str(_("Year-end publicity payout %(year)s") % {"year": ledger.year}),
    )
    audit_record(
        actor=ledger.requested_by,
        action="publicity.payout.compute",
        target=ledger,
        after=model_snapshot(ledger),
        message=gettext_noop("Computed the year-end payout"),
    )
    return ledger


def _person_lines(ledger, entries):
    totals = defaultdict(lambda: {"adoptions": Decimal(0), "points": 0, "reward": 0})
    for e in entries:
        t = totals[e.user_id]
        t["adoptions"] += Decimal(e.share) / 100
        t["points"] += e.points
        t["reward"] += e.amount
    departments = dict(
        Staff.objects.filter(user_id__in=totals).values_list("user_id", "department_id")
    )
    return [
        PayoutLine(
            ledger=ledger,
            user_id=user_id,
            department_id=departments.get(user_id),
            adoptions=_money(t["adoptions"]),
            points=_money(t["points"]),
            reward=_money(t["reward"]),
            total=_money(t["reward"]),
        )
        for user_id, t in sorted(totals.items())
    ]


def _department_lines(ledger, scheme, entries, dept_adoptions):
    rewards = defaultdict(lambda: Decimal(0))
    points = defaultdict(lambda: Decimal(0))
    for e in entries:
        rewards[e.department_id] += e.amount
        points[e.department_id] += e.points
    quotas = {
        q.department_id: q.target
        for q in Quota.objects.filter(
            procuratorate_id=ledger.procuratorate_id,
            year=ledger.year,
            level="",
            department__isnull=False,
        )
    }
    lines = []
    for dept in Department.objects.filter(
        procuratorate_id=ledger.procuratorate_id
    ).order_by("sort_order", "name"):
        done = dept_adoptions.get(dept.pk, 0)
        target = quotas.get(dept.pk)
        if not done and target is None:
            continue
        missing = max((target or 0) - done, 0)
        penalty = _money(missing * scheme.penalty_per_missing)
        reward = _money(rewards[dept.pk])
        lines.append(
            PayoutLine(
                ledger=ledger,
                department=dept,
                adoptions=done,
                points=_money(points[dept.pk]),
                reward=reward,
                quota_target=target,
                quota_done=done if target is not None else None,
                penalty=penalty,
                total=reward - penalty,
            )
        )
    return lines


def ledger_is_stale(ledger):
    """True when adoptions or the scheme changed after the ledger was computed."""
    if ledger.computed_at is None:
        return True
    return (
        Adoption.objects.filter(
            procuratorate_id=ledger.procuratorate_id,
            adopted_on__year=ledger.year,
            updated_at__gt=ledger.computed_at,
        ).exists()
        or RewardScheme.objects.filter(
            procuratorate_id=ledger.procuratorate_id,
            year=ledger.year,
            updated_at__gt=ledger.computed_at,
        ).exists()
        or Quota.objects.filter(
            procuratorate_id=ledger.procuratorate_id,
            year=ledger.year,
            updated_at__gt=ledger.computed_at,
        ).exists()
    )


@transaction.atomic
def payout_approve(*, actor, ledger):
    """The procurator-general approves the computed ledger; it is frozen from now."""
    ledger = locked(ledger)
    transition_check(
        actor,
        ledger.approve,
        wrong_step=FROZEN
        if ledger.state == PayoutLedger.State.APPROVED
        else _("The ledger is still being computed."),
    )
    if ledger_is_stale(ledger):
        raise ValidationError(
            _(
                "Adoptions, quotas or the scheme changed after the ledger was "
                "computed. Ask the office to compute it again before approving."
            )
        )
    before = model_snapshot(ledger)
    ledger.approve()
    ledger.approved_by, ledger.approved_at = actor, timezone.now()
    ledger.full_clean()
    ledger.save(update_fields=["state", "approved_by", "approved_at", "updated_at"])
    todo_close(target=ledger, step_code=STEP_APPROVE_PAYOUT, actor=actor)
    audit_record(
        actor=actor,
        action="publicity.payout.approve",
        target=ledger,
        before=before,
        after=model_snapshot(ledger),
        message=gettext_noop("Approved the year-end payout"),
    )
    return ledger
