"""Statistics: counts by source and outcome, the four rates at their boundaries,
durations, handler load, year-on-year, and a fixed number of queries."""

import datetime
from decimal import Decimal

import pytest
from django.utils import timezone

from apps.supervision import services
from apps.supervision.models import Clue, Outcome, Petition, Source
from apps.supervision.statistics import change, rate, supervision_statistics

from .factories import issued, receive, registered

pytestmark = pytest.mark.django_db
K = Outcome.Kind
R = Outcome.CourtResult
TODAY = timezone.localdate
YEAR = timezone.localdate().year


def yoy(stats, key):
    return next(row for row in stats["year_on_year"] if row["key"] == key)


def retrial(sv, result, kind=K.PROTEST):
    outcome = issued(sv, kind)
    if kind == K.RETRIAL_SUGGESTION:
        outcome = services.outcome_record_court_reply(
            actor=sv["handler"], outcome=outcome, adopted=True, replied_on=TODAY()
        )
    return services.outcome_record_retrial_result(
        actor=sv["handler"],
        outcome=outcome,
        result=result,
        started_on=TODAY(),
        concluded_on=TODAY(),
    )


def suggestion(sv, adopted, kind=K.PROCURATORIAL_SUGGESTION):
    return services.outcome_record_court_reply(
        actor=sv["handler"],
        outcome=issued(sv, kind),
        adopted=adopted,
        replied_on=TODAY(),
    )


def clue(sv, end):
    c = services.clue_register(
        actor=sv["handler"],
        suspect_name="赵某",
        suspect_position="审判员",
        summary="线索",
    )
    c = services.clue_report(actor=sv["head"], clue=c, note="报告")
    if end == "dismissed":
        return services.clue_decide(actor=sv["pg"], clue=c, inquire=False, note="不查")
    c = services.clue_decide(
        actor=sv["pg"], clue=c, inquire=True, inquirer=sv["handler"]
    )
    if end == "inquiry":
        return c
    return services.clue_conclude(
        actor=sv["handler"], clue=c, became_case=end == "case", note="结论"
    )


# ------------------------------------------------------------ arithmetic


@pytest.mark.parametrize(
    ("n", "d", "expected"),
    [
        (0, 0, None),
        (3, 0, None),
        (0, 5, Decimal("0.0")),
        (5, 5, Decimal("100.0")),
        (1, 3, Decimal("33.3")),
        (2, 3, Decimal("66.7")),
    ],
)
def test_rate(n, d, expected):
    assert rate(n, d) == expected


def test_change():
    assert change(3, 0) is None
    assert change(0, 0) is None
    assert change(None, 2) is None
    assert change(3, 2) == Decimal("50.0")
    assert change(1, 2) == Decimal("-50.0")


# --------------------------------------------------------------- figures


def test_nothing_to_count_gives_no_rates(sv):
    stats = supervision_statistics(user=sv["head"], year=YEAR)
    current = stats["current"]
    assert current.received == 0
    assert current.changed_rate is None
    assert current.settlement_rate is None
    assert current.adoption_rate is None
    assert current.case_forming_rate is None
    assert current.review_days is None
    assert yoy(stats, "received")["change"] is None
    assert yoy(stats, "changed_rate")["change"] is None
    assert stats["handlers"] == []


def test_changed_rate_counts_retrials_concluded(sv):
    retrial(sv, R.CHANGED)
    retrial(sv, R.UPHELD)
    retrial(sv, R.CHANGED, kind=K.RETRIAL_SUGGESTION)
    retrial(sv, R.MEDIATED)
    issued(sv, K.PROTEST)  # retrial not concluded: not in the denominator
    current = supervision_statistics(user=sv["pg"], year=YEAR)["current"]
    assert (current.changed, current.retrials_concluded) == (2, 4)
    assert current.changed_rate == Decimal("50.0")
    assert current.court_results == {"changed": 2, "upheld": 1, "mediated": 1}


def test_every_retrial_changed_is_a_hundred_percent(sv):
    retrial(sv, R.CHANGED)
    assert supervision_statistics(user=sv["pg"], year=YEAR)[
        "current"
    ].changed_rate == Decimal("100.0")


def test_settlement_rate_over_all_outcomes_issued(sv):
    issued(sv, K.SETTLEMENT)
    issued(sv, K.NOT_SUPPORTED)
    issued(sv, K.PETITION_WITHDRAWN)
    proposed_only = registered(sv)  # no outcome yet: not counted
    assert proposed_only.state == Petition.State.UNDER_REVIEW
    current = supervision_statistics(user=sv["head"], year=YEAR)["current"]
    assert (current.settlements, current.issued) == (1, 3)
    assert current.settlement_rate == Decimal("33.3")
    assert current.outcomes[K.SETTLEMENT] == 1


def test_adoption_rate_counts_answered_suggestions_of_both_kinds(sv):
    suggestion(sv, True)
    suggestion(sv, False)
    suggestion(sv, True, kind=K.RETRIAL_SUGGESTION)
    issued(sv, K.RETRIAL_SUGGESTION)  # not answered yet
    current = supervision_statistics(user=sv["head"], year=YEAR)["current"]
    assert (current.suggestions_adopted, current.suggestions_answered) == (2, 3)
    assert current.adoption_rate == Decimal("66.7")


def test_case_forming_rate_over_concluded_inquiries(sv):
    clue(sv, "case")
    clue(sv, "not")
    clue(sv, "dismissed")  # no inquiry: not counted
    clue(sv, "inquiry")  # still running: not counted
    current = supervision_statistics(user=sv["deputy"], year=YEAR)["current"]
    assert (current.clues_became_case, current.clues_concluded) == (1, 2)
    assert current.case_forming_rate == Decimal("50.0")
    assert current.clues_registered == 4


def test_no_clue_became_a_case_is_zero_not_none(sv):
    clue(sv, "not")
    assert supervision_statistics(user=sv["pg"], year=YEAR)[
        "current"
    ].case_forming_rate == Decimal("0.0")


def test_counts_by_source(sv):
    registered(sv, source=Source.LAWYER)
    registered(sv, source=Source.JUDICIAL_OFFICE)
    petition = receive(sv["clerk"], source=Source.JUDICIAL_OFFICE)
    services.petition_refuse(actor=sv["head"], petition=petition, reasons="不符合")
    receive(sv["clerk"], source=Source.WALK_IN)
    rows = {
        r["source"]: r
        for r in supervision_statistics(user=sv["head"], year=YEAR)["sources"]
    }
    assert (rows["lawyer"]["received"], rows["lawyer"]["registered"]) == (1, 1)
    judicial = rows["judicial_office"]
    assert (judicial["received"], judicial["accepted"], judicial["refused"]) == (
        2,
        1,
        1,
    )
    assert (rows["walk_in"]["received"], rows["walk_in"]["accepted"]) == (1, 0)
    assert rows["own_initiative"]["received"] == 0


def test_each_figure_counts_in_the_year_of_its_own_event(sv):
    """A retrial concluded last year counts last year, even for a case of this year;
    the year ends at midnight in Asia/Shanghai, not in UTC."""
    last = retrial(sv, R.CHANGED)
    Outcome.objects.filter(pk=last.pk).update(
        court_result_on=datetime.date(YEAR - 1, 12, 31)
    )
    retrial(sv, R.UPHELD)
    # 31 December, 16:30 UTC is already 1 January, 00:30 in Shanghai.
    new_year = datetime.datetime(YEAR - 1, 12, 31, 16, 30, tzinfo=datetime.UTC)
    petition = registered(sv)
    Petition.objects.filter(pk=petition.pk).update(registered_at=new_year)
    eve = datetime.datetime(YEAR - 1, 12, 31, 15, 30, tzinfo=datetime.UTC)
    early = registered(sv)
    Petition.objects.filter(pk=early.pk).update(registered_at=eve)

    stats = supervision_statistics(user=sv["pg"], year=YEAR)
    current, previous = stats["current"], stats["previous"]
    assert current.changed_rate == Decimal("0.0")
    assert previous.changed_rate == Decimal("100.0")
    assert yoy(stats, "changed_rate")["change"] == Decimal("-100.0")
    registered_now = current.registered
    assert previous.registered == 1  # only the one registered on New Year's Eve
    assert registered_now == 3  # two retrial cases and the New Year's one


def test_review_days_and_handler_load(sv):
    outcome = issued(sv, K.SETTLEMENT)
    petition = outcome.petition
    Petition.objects.filter(pk=petition.pk).update(
        registered_at=outcome.issued_at - datetime.timedelta(days=10)
    )
    other = issued(sv, K.SETTLEMENT)
    Petition.objects.filter(pk=other.petition_id).update(
        registered_at=other.issued_at - datetime.timedelta(days=20)
    )
    registered(sv)  # open
    late = registered(sv, handler_key="handler2")
    Petition.objects.filter(pk=late.pk).update(
        review_due_at=timezone.now() - datetime.timedelta(days=1)
    )
    stats = supervision_statistics(user=sv["head"], year=YEAR)
    assert stats["current"].review_days == Decimal("15.0")
    load = {row["name"]: row for row in stats["handlers"]}
    mine = load[sv["handler"].staff.name]
    assert (mine["open"], mine["concluded"], mine["overdue"]) == (1, 2, 0)
    assert mine["review_days"] == Decimal("15.0")
    theirs = load[sv["handler2"].staff.name]
    assert (theirs["open"], theirs["overdue"], theirs["concluded"]) == (1, 1, 0)
    assert theirs["review_days"] is None


def test_statistics_count_only_cases_the_viewer_may_see(sv, other_civil):
    retrial(sv, R.CHANGED)
    # Another procuratorate's head sees none of it.
    stats = supervision_statistics(user=sv["outsider_head"], year=YEAR)
    assert stats["current"].received == 0
    assert stats["current"].changed_rate is None
    # A grantee outside the department counts only the granted case.
    petition = registered(sv)
    services.access_grant(
        actor=sv["head"], petition=petition, grantee=sv["other_staff"], reason="查阅"
    )
    stats = supervision_statistics(user=sv["other_staff"], year=YEAR)
    assert stats["current"].registered == 1
    assert stats["current"].clues_registered == 0


def test_clue_figures_ignore_other_departments(sv):
    clue(sv, "case")
    assert (
        supervision_statistics(user=sv["other_head"], year=YEAR)[
            "current"
        ].clues_registered
        == 0
    )
    assert Clue.objects.count() == 1


def test_statistics_run_a_fixed_number_of_queries(sv):
    def count():
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        with CaptureQueriesContext(connection) as ctx:
            supervision_statistics(user=sv["head"], year=YEAR)
        return len(ctx.captured_queries)

    retrial(sv, R.CHANGED)
    small = count()
    for result in (R.UPHELD, R.CHANGED, R.MEDIATED):
        retrial(sv, result)
    suggestion(sv, True)
    clue(sv, "case")
    registered(sv, handler_key="handler2")
    assert count() == small
