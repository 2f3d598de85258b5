"""Reward scheme and the year-end payout: the sums, idempotency, the freeze."""

from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from apps.core.actions import Refused
from apps.publicity import services
from apps.publicity.models import PayoutEntry, PayoutLedger, PayoutLine
from apps.publicity.services.rewards import _split
from apps.todos.models import TodoItem

from . import factories as f

pytestmark = pytest.mark.django_db

D = Decimal


def scheme(people, year, **overrides):
    values = {
        "base_amount": D("100"),
        "base_points": D("1"),
        "fine_bonus": D("50"),
        "penalty_per_missing": D("20"),
        "rules": [
            ("national", "", D("5")),
            ("provincial", "", D("3")),
            ("provincial", "internal", D("2")),
        ],
    }
    values.update(overrides)
    return services.reward_scheme_save(
        actor=people["office_reviewer"], year=year, **values
    )


@pytest.fixture
def year_with_adoptions(people, prosecution, office):
    year = timezone.localdate().year
    scheme(people, year)
    f.adopted(
        people,
        title="精品信息",
        is_fine=True,
        shares=[(people["staff"], 60), (people["clerk"], 40)],
    )
    f.adopted(people, title="动态信息", outlet_name="广西壮族自治区人民检察院")
    services.quotas_set(
        actor=people["office_reviewer"],
        year=year,
        departments={prosecution: 5, office: 1},
    )
    return year


def compute(people, year):
    ledger = services.payout_request(actor=people["office_reviewer"], year=year)
    return services.payout_compute(ledger_id=ledger.pk)


def snapshot(ledger):
    entries = sorted(
        PayoutEntry.objects.filter(ledger=ledger).values_list(
            "adoption_id", "user_id", "share", "multiplier", "amount", "points"
        )
    )
    lines = sorted(
        PayoutLine.objects.filter(ledger=ledger).values_list(
            "user_id", "department_id", "adoptions", "reward", "penalty", "total"
        ),
        key=str,
    )
    return entries, lines


def test_rewards_follow_level_medium_fine_bonus_and_shares(
    people, prosecution, office, year_with_adoptions
):
    ledger = compute(people, year_with_adoptions)
    assert ledger.state == PayoutLedger.State.COMPUTED
    persons = {line.user_id: line for line in ledger.lines.filter(user__isnull=False)}
    # 检察日报 (national ×5) of a fine item: 100×5 + 50 = 550, split 60/40.
    # 自治区院 (provincial, internal publication ×2): 200 to the sole author.
    assert persons[people["staff"].pk].reward == D("530.00")
    assert persons[people["staff"].pk].adoptions == D("1.60")
    assert persons[people["clerk"].pk].reward == D("220.00")
    assert persons[people["clerk"].pk].points == D("2.00")
    departments = {
        line.department_id: line for line in ledger.lines.filter(user__isnull=True)
    }
    # Quota 5, 2 adopted: 3 missing × 20.
    assert (
        departments[prosecution.pk].reward,
        departments[prosecution.pk].penalty,
        departments[prosecution.pk].total,
    ) == (D("750.00"), D("60.00"), D("690.00"))
    assert departments[office.pk].penalty == D("20.00")
    assert (ledger.total_reward, ledger.total_penalty) == (D("750.00"), D("80.00"))
    assert TodoItem.objects.filter(
        step_code="publicity.payout_approval", assignee=people["pg"], status="open"
    ).exists()


def test_computing_again_gives_the_same_ledger_never_double(
    people, year_with_adoptions
):
    ledger = compute(people, year_with_adoptions)
    first = snapshot(ledger)
    services.payout_compute(ledger_id=ledger.pk)
    ledger = compute(people, year_with_adoptions)
    assert snapshot(ledger) == first
    assert PayoutEntry.objects.filter(ledger=ledger).count() == 3
    assert PayoutLedger.objects.count() == 1
    assert (
        TodoItem.objects.filter(
            step_code="publicity.payout_approval", status="open"
        ).count()
        == 1
    )


def test_approval_freezes_the_ledger(people, year_with_adoptions):
    ledger = compute(people, year_with_adoptions)
    frozen = snapshot(ledger)
    for who in ("office_reviewer", "deputy", "outsider"):
        with pytest.raises(PermissionDenied):
            services.payout_approve(actor=people[who], ledger=ledger)
    ledger = services.payout_approve(actor=people["pg"], ledger=ledger)
    assert ledger.state == PayoutLedger.State.APPROVED
    with pytest.raises(Refused):
        services.payout_request(actor=people["office_reviewer"], year=ledger.year)
    with pytest.raises(Refused):
        services.payout_approve(actor=people["pg"], ledger=ledger)
    services.payout_compute(ledger_id=ledger.pk)
    assert snapshot(ledger) == frozen
    with pytest.raises(ValidationError):
        scheme(people, ledger.year, base_amount=D("1000"))
    item = f.dispatched(people, title="冻结后")
    with pytest.raises(ValidationError) as exc:
        services.adoption_record(
            actor=people["office_reviewer"],
            item=item,
            outlet=f.outlet(),
            adopted_on=timezone.localdate(),
            form="full",
        )
    assert "adopted_on" in exc.value.message_dict
    assert not TodoItem.objects.filter(
        step_code="publicity.payout_approval", status="open"
    ).exists()


def test_a_stale_ledger_cannot_be_approved(people, year_with_adoptions):
    ledger = compute(people, year_with_adoptions)
    f.adopted(people, title="计算之后才登记的采用")
    with pytest.raises(ValidationError):
        services.payout_approve(actor=people["pg"], ledger=ledger)
    ledger = compute(people, year_with_adoptions)
    services.payout_approve(actor=people["pg"], ledger=ledger)


def test_no_ledger_without_a_scheme_and_only_the_office_asks(people):
    year = timezone.localdate().year
    with pytest.raises(ValidationError):
        services.payout_request(actor=people["office_reviewer"], year=year)
    scheme(people, year)
    with pytest.raises(PermissionDenied):
        services.payout_request(actor=people["head"], year=year)


@pytest.mark.parametrize(
    "rules",
    [
        [("national", "", D("5")), ("national", "", D("4"))],
        [("national", "", D("-1"))],
        [("galactic", "", D("1"))],
    ],
)
def test_bad_schemes_are_refused(people, rules):
    with pytest.raises(ValidationError):
        scheme(people, 2026, rules=rules)


def test_only_the_office_keeps_the_scheme(people):
    with pytest.raises(PermissionDenied):
        services.reward_scheme_save(
            actor=people["pg"],
            year=2026,
            base_amount=D("1"),
            base_points=D("1"),
            fine_bonus=D("0"),
            penalty_per_missing=D("0"),
            rules=[],
        )


def test_shares_split_to_the_cent_and_add_up():
    parts = _split(D("100"), [(1, 34), (2, 33), (3, 33)])
    assert parts == [D("34.00"), D("33.00"), D("33.00")]
    parts = _split(D("10"), [(1, 34), (2, 33), (3, 33)])
    assert sum(parts) == D("10.00")
