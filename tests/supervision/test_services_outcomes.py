"""Each outcome path: proposal, approval chain, numbered document, court follow-up."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from apps.audit.models import AuditEvent
from apps.supervision import services
from apps.supervision.models import Outcome, Petition
from apps.todos.models import TodoItem

from .factories import issued, proposed, registered, wrong_step

pytestmark = pytest.mark.django_db
K = Outcome.Kind
TODAY = timezone.localdate
YEAR = timezone.localdate().year


def open_steps(target):
    return set(
        TodoItem.objects.filter(object_id=str(target.pk), status="open").values_list(
            "step_code", flat=True
        )
    )


def assignees(target, step):
    return {
        t.assignee
        for t in TodoItem.objects.filter(
            object_id=str(target.pk), status="open", step_code=step
        )
    }


# -------------------------------------------------------------- proposing


def test_handler_proposes_and_the_head_is_asked(sv):
    outcome = proposed(sv, K.RETRIAL_SUGGESTION)
    petition = outcome.petition
    assert petition.state == Petition.State.OUTCOME_PENDING
    assert outcome.state == Outcome.State.AWAITING_HEAD
    assert "supervision.review" not in open_steps(petition)
    assert assignees(outcome, "supervision.outcome_head") == {sv["head"]}


def test_only_the_handler_proposes(sv):
    petition = registered(sv)
    for key in ("handler2", "head", "pg", "other_staff"):
        with pytest.raises(PermissionDenied):
            services.outcome_propose(
                actor=sv[key], petition=petition, kind=K.SETTLEMENT, opinion="和解"
            )


@pytest.mark.parametrize(
    ("kind", "extra", "field"),
    [
        (K.PROCURATORIAL_SUGGESTION, {"suggestion_scope": ""}, "suggestion_scope"),
        (K.PROTEST, {"recipient": ""}, "recipient"),
        (K.NOT_SUPPORTED, {"opinion": " "}, "opinion"),
        ("unknown", {}, "kind"),
    ],
)
def test_a_proposal_is_complete(sv, kind, extra, field):
    petition = registered(sv)
    with pytest.raises(ValidationError) as exc:
        proposed(sv, kind, petition=petition, **extra)
    assert field in exc.value.message_dict
    petition.refresh_from_db()
    assert petition.state == Petition.State.UNDER_REVIEW


def test_scope_is_dropped_for_other_kinds(sv):
    outcome = proposed(sv, K.SETTLEMENT, suggestion_scope="enforcement")
    assert outcome.suggestion_scope == ""


def test_cannot_propose_twice(sv):
    outcome = proposed(sv)
    with wrong_step():
        proposed(sv, K.SETTLEMENT, petition=outcome.petition)


# --------------------------------------------------------------- approval


@pytest.mark.parametrize("kind", [K.SETTLEMENT, K.PETITION_WITHDRAWN, K.NOT_SUPPORTED])
def test_closing_outcomes_close_the_case_on_the_heads_approval(sv, kind):
    outcome = proposed(sv, kind, recipient="")
    outcome = services.outcome_approve(actor=sv["head"], outcome=outcome)
    petition = outcome.petition
    assert outcome.state == Outcome.State.ISSUED
    assert outcome.head_approved_by == sv["head"]
    assert outcome.pg_approved_by is None
    assert outcome.document_number.endswith(f"〔{YEAR}〕1号")
    assert petition.state == Petition.State.CLOSED
    assert petition.closed_at is not None
    assert open_steps(petition) == set()
    assert open_steps(outcome) == set()


def test_document_numbers_per_kind(sv):
    words = {
        K.SETTLEMENT: "民行和〔",
        K.PETITION_WITHDRAWN: "民行息〔",
        K.NOT_SUPPORTED: "民行不支持监〔",
        K.RETRIAL_SUGGESTION: "民行再建〔",
        K.PROCURATORIAL_SUGGESTION: "民行建〔",
        K.PROTEST: "民行抗〔",
        K.PROTEST_REQUEST: "民行提抗〔",
    }
    for kind, word in words.items():
        assert word in issued(sv, kind).document_number


@pytest.mark.parametrize("kind", [K.PROTEST, K.PROTEST_REQUEST])
def test_protests_always_go_on_to_the_procurator_general(sv, kind):
    outcome = proposed(sv, kind)
    outcome = services.outcome_approve(actor=sv["head"], outcome=outcome)
    assert outcome.state == Outcome.State.AWAITING_PG
    assert assignees(outcome, "supervision.outcome_pg") == {sv["pg"]}
    for key in ("head", "deputy", "handler"):
        with pytest.raises(PermissionDenied):
            services.outcome_approve(actor=sv[key], outcome=outcome)
    outcome = services.outcome_approve(actor=sv["pg"], outcome=outcome)
    assert outcome.state == Outcome.State.ISSUED
    assert outcome.pg_approved_by == sv["pg"]
    assert outcome.petition.state == Petition.State.FOLLOW_UP


def test_a_major_case_goes_to_the_pg_whoever_marks_it(sv):
    outcome = proposed(sv, K.SETTLEMENT, is_major=True)
    outcome = services.outcome_approve(actor=sv["head"], outcome=outcome)
    assert outcome.state == Outcome.State.AWAITING_PG
    other = proposed(sv, K.NOT_SUPPORTED)
    other = services.outcome_approve(actor=sv["head"], outcome=other, is_major=True)
    assert other.state == Outcome.State.AWAITING_PG and other.is_major


def test_a_heads_own_proposal_goes_straight_to_the_pg(sv):
    petition = registered(sv, handler_key="head")
    outcome = services.outcome_propose(
        actor=sv["head"], petition=petition, kind=K.SETTLEMENT, opinion="双方和解"
    )
    assert outcome.state == Outcome.State.AWAITING_PG
    with pytest.raises(PermissionDenied):
        services.outcome_approve(actor=sv["head"], outcome=outcome)
    services.outcome_approve(actor=sv["pg"], outcome=outcome)


def test_approvers_are_checked(sv, civil):
    outcome = proposed(sv)
    for key in ("handler", "handler2", "clerk", "other_head", "pg", "outsider_head"):
        with pytest.raises(PermissionDenied):
            services.outcome_approve(actor=sv[key], outcome=outcome)


def test_nobody_approves_their_own_proposal_even_as_a_second_head(sv, civil):
    from tests.factories import make_user

    petition = registered(sv)
    # The handler is also made head after proposing: still no self-approval.
    outcome = proposed(sv, K.SETTLEMENT, petition=petition)
    staff = sv["handler"].staff
    staff.roles = ["department_head"]
    staff.save()
    with pytest.raises(PermissionDenied):
        services.outcome_approve(actor=sv["handler"], outcome=outcome)
    make_user(department=civil)  # unrelated member changes nothing
    services.outcome_approve(actor=sv["head"], outcome=outcome)


def test_return_sends_it_back_to_the_handler_who_proposes_again(sv):
    outcome = proposed(sv, K.RETRIAL_SUGGESTION)
    with pytest.raises(ValidationError):
        services.outcome_return(actor=sv["head"], outcome=outcome, note=" ")
    outcome = services.outcome_return(
        actor=sv["head"], outcome=outcome, note="补充说明新证据的来源"
    )
    petition = outcome.petition
    assert outcome.state == Outcome.State.RETURNED
    assert petition.state == Petition.State.UNDER_REVIEW
    assert open_steps(petition) == {"supervision.review"}
    assert open_steps(outcome) == set()

    again = services.outcome_propose(
        actor=sv["handler"],
        petition=petition,
        kind=K.RETRIAL_SUGGESTION,
        opinion="补充：新证据系原审庭审结束后发现。",
        recipient="梧州市长洲区人民法院",
    )
    assert again.pk == outcome.pk
    assert again.state == Outcome.State.AWAITING_HEAD
    assert again.return_note == ""
    services.outcome_approve(actor=sv["head"], outcome=again)


def test_pg_may_return_too(sv):
    outcome = services.outcome_approve(
        actor=sv["head"], outcome=proposed(sv, K.PROTEST)
    )
    outcome = services.outcome_return(actor=sv["pg"], outcome=outcome, note="再议")
    assert outcome.state == Outcome.State.RETURNED


def test_approving_twice_issues_once(sv):
    outcome = proposed(sv, K.SETTLEMENT)
    stale = Outcome.objects.get(pk=outcome.pk)
    services.outcome_approve(actor=sv["head"], outcome=outcome)
    with wrong_step():
        services.outcome_approve(actor=sv["head"], outcome=stale)
    assert AuditEvent.objects.filter(action="supervision.outcome.issue").count() == 1


# -------------------------------------------------------------- follow-up


def test_retrial_suggestion_adopted_then_changed_closes_the_case(sv):
    outcome = issued(sv, K.RETRIAL_SUGGESTION)
    assert outcome.follow_up_step == "court_reply"
    assert assignees(outcome, "supervision.court_reply") == {sv["handler"]}
    outcome = services.outcome_record_court_reply(
        actor=sv["handler"], outcome=outcome, adopted=True, replied_on=TODAY()
    )
    assert outcome.follow_up_step == "retrial_result"
    assert open_steps(outcome) == {"supervision.retrial_follow"}
    outcome = services.outcome_record_retrial_result(
        actor=sv["handler"],
        outcome=outcome,
        result=Outcome.CourtResult.CHANGED,
        started_on=TODAY(),
        concluded_on=TODAY(),
    )
    outcome.petition.refresh_from_db()
    assert outcome.follow_up_step is None
    assert outcome.petition.state == Petition.State.CLOSED
    assert open_steps(outcome) == set()


def test_retrial_suggestion_not_adopted_closes_the_case(sv):
    outcome = issued(sv, K.RETRIAL_SUGGESTION)
    outcome = services.outcome_record_court_reply(
        actor=sv["head"], outcome=outcome, adopted=False, replied_on=TODAY()
    )
    outcome.petition.refresh_from_db()
    assert outcome.suggestion_adopted is False
    assert outcome.petition.state == Petition.State.CLOSED


@pytest.mark.parametrize("adopted", [True, False])
def test_procuratorial_suggestion_closes_on_the_courts_answer(sv, adopted):
    outcome = issued(sv, K.PROCURATORIAL_SUGGESTION)
    assert outcome.suggestion_scope == Outcome.SuggestionScope.ENFORCEMENT
    outcome = services.outcome_record_court_reply(
        actor=sv["handler"], outcome=outcome, adopted=adopted, replied_on=TODAY()
    )
    outcome.petition.refresh_from_db()
    assert outcome.petition.state == Petition.State.CLOSED


@pytest.mark.parametrize(
    "result",
    [
        Outcome.CourtResult.CHANGED,
        Outcome.CourtResult.REMANDED,
        Outcome.CourtResult.UPHELD,
        Outcome.CourtResult.MEDIATED,
    ],
)
def test_protest_waits_for_the_retrial_result(sv, result):
    outcome = issued(sv, K.PROTEST)
    assert outcome.follow_up_step == "retrial_result"
    outcome = services.outcome_record_retrial_result(
        actor=sv["handler"],
        outcome=outcome,
        result=result,
        started_on=TODAY(),
        concluded_on=TODAY(),
    )
    assert outcome.court_result == result
    outcome.petition.refresh_from_db()
    assert outcome.petition.state == Petition.State.CLOSED


def test_protest_request_then_upper_protests_then_retrial(sv):
    outcome = issued(sv, K.PROTEST_REQUEST, recipient="梧州市人民检察院")
    assert outcome.follow_up_step == "upper_decision"
    outcome = services.outcome_record_upper_decision(
        actor=sv["handler"],
        outcome=outcome,
        decision=Outcome.UpperDecision.PROTESTED,
        decided_on=TODAY(),
    )
    assert outcome.follow_up_step == "retrial_result"
    services.outcome_record_retrial_result(
        actor=sv["handler"],
        outcome=outcome,
        result=Outcome.CourtResult.REMANDED,
        started_on=TODAY(),
        concluded_on=TODAY(),
    )


def test_protest_request_not_protested_closes_the_case(sv):
    outcome = issued(sv, K.PROTEST_REQUEST, recipient="梧州市人民检察院")
    outcome = services.outcome_record_upper_decision(
        actor=sv["handler"],
        outcome=outcome,
        decision=Outcome.UpperDecision.NOT_PROTESTED,
        decided_on=TODAY(),
    )
    outcome.petition.refresh_from_db()
    assert outcome.petition.state == Petition.State.CLOSED


def test_follow_up_checks_step_people_and_dates(sv):
    outcome = issued(sv, K.RETRIAL_SUGGESTION)
    with wrong_step():  # the court has not answered yet
        services.outcome_record_retrial_result(
            actor=sv["handler"],
            outcome=outcome,
            result=Outcome.CourtResult.CHANGED,
            started_on=TODAY(),
            concluded_on=TODAY(),
        )
    for key in ("handler2", "pg", "other_head"):
        with pytest.raises(PermissionDenied):
            services.outcome_record_court_reply(
                actor=sv[key], outcome=outcome, adopted=True, replied_on=TODAY()
            )
    tomorrow = TODAY() + datetime.timedelta(days=1)
    yesterday = TODAY() - datetime.timedelta(days=1)
    for day in (tomorrow, yesterday, None):  # future; before the document
        with pytest.raises(ValidationError):
            services.outcome_record_court_reply(
                actor=sv["handler"], outcome=outcome, adopted=True, replied_on=day
            )
    services.outcome_record_court_reply(
        actor=sv["handler"], outcome=outcome, adopted=True, replied_on=TODAY()
    )


def test_a_closing_outcome_has_no_follow_up(sv):
    outcome = issued(sv, K.SETTLEMENT)
    assert outcome.follow_up_step is None
    with wrong_step():
        services.outcome_record_court_reply(
            actor=sv["handler"], outcome=outcome, adopted=True, replied_on=TODAY()
        )


def test_reassigning_during_follow_up_moves_the_todo(sv):
    outcome = issued(sv, K.PROTEST)
    services.petition_assign_handler(
        actor=sv["head"], petition=outcome.petition, handler=sv["handler2"]
    )
    assert assignees(outcome, "supervision.retrial_follow") == {sv["handler2"]}
