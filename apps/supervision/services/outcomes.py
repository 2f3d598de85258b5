"""Outcomes: propose, approve (head, then the procurator-general for major ones),
issue the numbered document, and follow the court or the upper procuratorate."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import gettext_noop

from apps.audit.services import model_snapshot
from apps.core.actions import Refused, locked, transition_check
from apps.todos.services import todo_close, todo_close_all
from apps.workdays.clock import due_for_step

from ..models import CLOSING_KINDS, Outcome, Petition
from ..rules import heads_record_department
from .common import department_heads, procurators_general, step_auditor
from .numbering import next_number
from .steps import (
    FOLLOW_UP_STEPS,
    STEP_OUTCOME_HEAD,
    STEP_OUTCOME_PG,
    STEP_REVIEW,
    open_follow_up_todo,
    open_review_todo,
    open_todo,
)

# Outcomes whose document is addressed to a court or the upper procuratorate.
ADDRESSED_KINDS = frozenset(
    {
        Outcome.Kind.PROTEST_REQUEST,
        Outcome.Kind.PROTEST,
        Outcome.Kind.RETRIAL_SUGGESTION,
        Outcome.Kind.PROCURATORIAL_SUGGESTION,
    }
)
OUTCOME_FIELDS = [
    "kind",
    "suggestion_scope",
    "state",
    "is_major",
    "recipient",
    "document_number",
    "upper_decision",
    "suggestion_adopted",
    "retrial_started_on",
    "court_result",
    "court_result_on",
]


def _snapshot(outcome):
    return model_snapshot(outcome, fields=OUTCOME_FIELDS)


# An outcome's steps go on the trail of its case.
_audit = step_auditor("outcome", _snapshot, on=lambda outcome: outcome.petition)


OWN_PROPOSAL = _("Nobody approves their own proposal.")


def _clean_proposal(petition, kind, opinion, recipient, suggestion_scope):
    errors = {}
    if kind not in Outcome.Kind.values:
        errors["kind"] = _("Choose an outcome.")
    if not (opinion or "").strip():
        errors["opinion"] = _("Write the opinion and its reasons.")
    if kind == Outcome.Kind.PROCURATORIAL_SUGGESTION and not suggestion_scope:
        errors["suggestion_scope"] = _(
            "Say whether the suggestion concerns enforcement, mediation or the trial."
        )
    if kind in ADDRESSED_KINDS and not (recipient or "").strip():
        errors["recipient"] = _("Name the court or procuratorate it is addressed to.")
    if errors:
        raise ValidationError(errors)
    if kind != Outcome.Kind.PROCURATORIAL_SUGGESTION:
        suggestion_scope = ""
    return opinion.strip(), (recipient or "").strip(), suggestion_scope


@transaction.atomic
def outcome_propose(
    *,
    actor,
    petition,
    kind,
    opinion,
    recipient="",
    suggestion_scope="",
    is_major=False,
):
    """The handler proposes how the case ends; the approvers get it in their to-dos.

    A proposal returned for revision is proposed again through this function.
    A department head's own proposal goes straight to the procurator-general,
    as nobody approves their own proposal.
    """
    petition = locked(petition)
    transition_check(actor, petition.submit_outcome)
    opinion, recipient, suggestion_scope = _clean_proposal(
        petition, kind, opinion, recipient, suggestion_scope
    )
    petition.submit_outcome()
    outcome = Outcome.objects.filter(petition=petition).first()
    outcome = locked(outcome) if outcome else None
    before = _snapshot(outcome) if outcome else None
    if outcome is None:
        outcome = Outcome(procuratorate=petition.procuratorate, petition=petition)
    elif outcome.state != Outcome.State.RETURNED:
        raise Refused(_("The case already has an outcome."), code="wrong_step")
    outcome.kind = kind
    outcome.opinion = opinion
    outcome.recipient = recipient
    outcome.suggestion_scope = suggestion_scope
    # A case the committee discusses stays major: the procurator-general signs.
    outcome.is_major = bool(is_major) or outcome.committee_topic_id is not None
    outcome.proposed_by = actor
    outcome.proposed_at = timezone.now()
    outcome.return_note = ""
    outcome.head_approved_by = None
    outcome.head_approved_at = None
    if heads_record_department(actor, petition):
        outcome.to_procurator_general()
    elif outcome.pk:
        outcome.resubmit_to_head()
    outcome.full_clean()
    outcome.save()
    petition.save(update_fields=["state", "updated_at"])
    _audit(actor, outcome, "propose", before, gettext_noop("Outcome proposed"))
    todo_close(target=petition, step_code=STEP_REVIEW, actor=actor)
    _open_approval_todo(outcome)
    return outcome


def _open_approval_todo(outcome):
    petition = outcome.petition
    if outcome.state == Outcome.State.AWAITING_HEAD:
        step, assignees = STEP_OUTCOME_HEAD, department_heads(petition)
        assignees = [u for u in assignees if u.pk != outcome.proposed_by_id]
    else:
        step, assignees = STEP_OUTCOME_PG, procurators_general(petition)
    open_todo(
        outcome,
        step,
        assignees,
        due_for_step(step, timezone.now()),
        subject=petition,
    )


def _approval_check(actor, transition, outcome):
    """The step's approver (not the proposer) at an approval step, or refuse."""
    own = actor.pk == outcome.proposed_by_id
    transition_check(
        actor,
        transition,
        wrong_step=_("The outcome is not awaiting approval."),
        message=OWN_PROPOSAL if own else None,
    )


@transaction.atomic
def outcome_approve(*, actor, outcome, is_major=None):
    """Approve at the current step; the last approval issues the numbered document.

    The department head may mark the case major (`is_major=True`), which sends
    it on to the procurator-general.
    """
    # The case, then its outcome: always in this order, to avoid deadlocks.
    petition = locked(outcome.petition)
    outcome = locked(outcome)
    outcome.petition = petition
    _approval_check(actor, outcome.approve, outcome)
    before = _snapshot(outcome)
    now = timezone.now()
    if outcome.state == Outcome.State.AWAITING_HEAD:
        if is_major:
            outcome.is_major = True
        outcome.head_approved_by = actor
        outcome.head_approved_at = now
        step = STEP_OUTCOME_HEAD
    else:
        outcome.pg_approved_by = actor
        outcome.pg_approved_at = now
        step = STEP_OUTCOME_PG
    todo_close(target=outcome, step_code=step, actor=actor)
    outcome.approve()  # a major case goes on from the head to the PG
    if outcome.state == Outcome.State.AWAITING_PG:
        outcome.save()
        _audit(
            actor,
            outcome,
            "approve_head",
            before,
            gettext_noop("Outcome approved by the department head"),
        )
        _open_approval_todo(outcome)
        return outcome
    _issue(actor=actor, petition=petition, outcome=outcome, now=now)
    _audit(
        actor,
        outcome,
        "issue",
        before,
        gettext_noop("Outcome approved and document issued"),
    )
    return outcome


def _issue(*, actor, petition, outcome, now):
    """Number the approved document; close the case or follow the court."""
    _serial, outcome.document_number = next_number(
        procuratorate=petition.procuratorate,
        series=outcome.kind,
        year=timezone.localdate(now).year,
    )
    outcome.issued_at = now
    if outcome.kind in CLOSING_KINDS:
        petition.close()
        petition.closed_at = now
    else:
        petition.follow_court()
        outcome.follow_up_due_at = due_for_step(
            FOLLOW_UP_STEPS[outcome.follow_up_step], now
        )
    outcome.full_clean()
    outcome.save()
    petition.save(update_fields=["state", "closed_at", "updated_at"])
    if petition.state == Petition.State.CLOSED:
        todo_close_all(target=petition, actor=actor)
    else:
        open_follow_up_todo(outcome)


@transaction.atomic
def outcome_return(*, actor, outcome, note):
    """Send the proposal back to the handler with what to change."""
    # The case, then its outcome: always in this order, to avoid deadlocks.
    petition = locked(outcome.petition)
    outcome = locked(outcome)
    outcome.petition = petition
    _approval_check(actor, outcome.send_back, outcome)
    if not (note or "").strip():
        raise ValidationError({"return_note": _("Say what should be changed.")})
    before = _snapshot(outcome)
    step = (
        STEP_OUTCOME_HEAD
        if outcome.state == Outcome.State.AWAITING_HEAD
        else STEP_OUTCOME_PG
    )
    outcome.send_back()
    outcome.return_note = note.strip()[:300]
    outcome.save(update_fields=["state", "return_note", "updated_at"])
    petition.return_outcome()
    petition.save(update_fields=["state", "updated_at"])
    _audit(
        actor, outcome, "return", before, gettext_noop("Outcome returned for revision")
    )
    todo_close(target=outcome, step_code=step, actor=actor)
    open_review_todo(petition)
    return outcome


def _check_date(value, field, outcome, not_before=None):
    if value is None:
        raise ValidationError({field: _("Give the date.")})
    if value > timezone.localdate():
        raise ValidationError({field: _("The date cannot be in the future.")})
    earliest = not_before or timezone.localdate(outcome.issued_at)
    if value < earliest:
        raise ValidationError({field: _("The date is earlier than the step before.")})


def _after_follow_up(actor, petition, outcome, step, before, message):
    now = timezone.now()
    todo_close(target=outcome, step_code=FOLLOW_UP_STEPS[step], actor=actor)
    next_step = outcome.follow_up_step
    if next_step is None:
        petition.close()
        petition.closed_at = now
        petition.save(update_fields=["state", "closed_at", "updated_at"])
    else:
        outcome.follow_up_due_at = due_for_step(FOLLOW_UP_STEPS[next_step], now)
    outcome.full_clean()
    outcome.save()
    _audit(actor, outcome, step, before, message)
    if next_step is None:
        todo_close_all(target=petition, actor=actor)
    else:
        open_follow_up_todo(outcome)
    return outcome


def _begin_follow_up(actor, outcome, expected_step):
    # The case, then its outcome: always in this order, to avoid deadlocks.
    petition = locked(outcome.petition)
    outcome = locked(outcome)
    outcome.petition = petition
    transition_check(actor, outcome.record_follow_up)
    if outcome.follow_up_step != expected_step:
        raise Refused(_("The case is not waiting for this answer."), code="wrong_step")
    return petition, outcome, _snapshot(outcome)


@transaction.atomic
def outcome_record_upper_decision(*, actor, outcome, decision, decided_on):
    """Record whether the upper procuratorate protested at our request."""
    petition, outcome, before = _begin_follow_up(actor, outcome, "upper_decision")
    if decision not in Outcome.UpperDecision.values:
        raise ValidationError({"upper_decision": _("Choose the decision.")})
    _check_date(decided_on, "upper_decided_on", outcome)
    outcome.upper_decision = decision
    outcome.upper_decided_on = decided_on
    return _after_follow_up(
        actor,
        petition,
        outcome,
        "upper_decision",
        before,
        gettext_noop("Upper procuratorate's decision recorded"),
    )


@transaction.atomic
def outcome_record_court_reply(*, actor, outcome, adopted, replied_on):
    """Record whether the court adopted a suggestion (检察建议采纳情况)."""
    petition, outcome, before = _begin_follow_up(actor, outcome, "court_reply")
    if adopted is None:
        raise ValidationError({"suggestion_adopted": _("Say whether it was adopted.")})
    _check_date(replied_on, "court_replied_on", outcome)
    outcome.suggestion_adopted = bool(adopted)
    outcome.court_replied_on = replied_on
    return _after_follow_up(
        actor,
        petition,
        outcome,
        "court_reply",
        before,
        gettext_noop("Court's answer to the suggestion recorded"),
    )


@transaction.atomic
def outcome_record_retrial_result(*, actor, outcome, result, started_on, concluded_on):
    """Record the retrial's result (改判, 发回重审, 维持, 调解结案) and its dates."""
    petition, outcome, before = _begin_follow_up(actor, outcome, "retrial_result")
    if result not in Outcome.CourtResult.values:
        raise ValidationError({"court_result": _("Choose the result.")})
    earliest = outcome.court_replied_on or outcome.upper_decided_on
    _check_date(started_on, "retrial_started_on", outcome, not_before=earliest)
    _check_date(concluded_on, "court_result_on", outcome, not_before=started_on)
    outcome.court_result = result
    outcome.retrial_started_on = started_on
    outcome.court_result_on = concluded_on
    return _after_follow_up(
        actor,
        petition,
        outcome,
        "retrial_result",
        before,
        gettext_noop("Retrial result recorded"),
    )
