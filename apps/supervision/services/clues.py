"""The clue register (职务犯罪线索): register, report, inquire, conclude.

The essay asks for a register-and-report system for clues and a higher
case-forming rate (成案率), kept under strict secrecy: every step is audited,
and only the department and its leadership see a clue.
"""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import gettext_noop

from apps.audit.services import audit_record, model_snapshot
from apps.core.actions import authorize, locked, transition_check
from apps.todos.services import todo_close, todo_close_all
from apps.workdays.clock import due_for_step

from ..models import Clue
from .common import department_heads, procurators_general, step_auditor
from .numbering import next_number
from .steps import STEP_CLUE_DECIDE, STEP_CLUE_INQUIRY, STEP_CLUE_REPORT, open_todo

CLUE_FIELDS = ["state", "inquirer", "inquiry_due_at", "conclusion_note"]


def _snapshot(clue):
    return model_snapshot(clue, fields=CLUE_FIELDS)


_audit = step_auditor("clue", _snapshot)


@transaction.atomic
def clue_register(*, actor, suspect_name, suspect_position, summary, petition=None):
    """Register a clue found in the work (maybe in one case); the head reports it."""
    authorize(actor, "supervision.add_clue")
    staff = actor.staff
    if petition is not None:
        authorize(actor, "supervision.change_petition", petition)
    now = timezone.now()
    _serial, number = next_number(
        procuratorate=staff.procuratorate,
        series="clue",
        year=timezone.localdate(now).year,
    )
    clue = Clue(
        procuratorate=staff.procuratorate,
        department=staff.department,
        petition=petition,
        number=number,
        suspect_name=(suspect_name or "").strip(),
        suspect_position=(suspect_position or "").strip(),
        summary=(summary or "").strip(),
        registered_by=actor,
        registered_at=now,
        report_due_at=due_for_step(STEP_CLUE_REPORT, now),
    )
    clue.full_clean()
    clue.save()
    audit_record(
        actor=actor,
        action="supervision.clue.register",
        target=clue,
        after=_snapshot(clue),
        message=gettext_noop("Clue registered"),
    )
    open_todo(clue, STEP_CLUE_REPORT, department_heads(clue), clue.report_due_at)
    return clue


@transaction.atomic
def clue_report(*, actor, clue, note):
    """The department head reports the clue to the procurator-general (备案汇报)."""
    clue = locked(clue)
    transition_check(actor, clue.report)
    if not (note or "").strip():
        raise ValidationError({"report_note": _("Write the report.")})
    before = _snapshot(clue)
    clue.report()
    clue.reported_by = actor
    clue.reported_at = timezone.now()
    clue.report_note = note.strip()
    clue.save(
        update_fields=[
            "state",
            "reported_by",
            "reported_at",
            "report_note",
            "updated_at",
        ]
    )
    _audit(actor, clue, "report", before, gettext_noop("Clue reported"))
    todo_close(target=clue, step_code=STEP_CLUE_REPORT, actor=actor)
    open_todo(
        clue,
        STEP_CLUE_DECIDE,
        procurators_general(clue),
        due_for_step(STEP_CLUE_DECIDE, clue.reported_at),
    )
    return clue


@transaction.atomic
def clue_decide(*, actor, clue, inquire, inquirer=None, note=""):
    """The procurator-general orders a preliminary inquiry (初查) or none."""
    clue = locked(clue)
    transition_check(actor, clue.start_inquiry if inquire else clue.dismiss)
    before = _snapshot(clue)
    now = timezone.now()
    if inquire:
        staff = getattr(inquirer, "staff", None)
        if (
            staff is None
            or not inquirer.is_active
            or staff.procuratorate_id != clue.procuratorate_id
        ):
            raise ValidationError(
                {"inquirer": _("Choose who makes the inquiry in this procuratorate.")}
            )
        clue.start_inquiry()
        clue.inquirer = inquirer
        clue.inquiry_due_at = due_for_step(STEP_CLUE_INQUIRY, now)
    else:
        if not (note or "").strip():
            raise ValidationError(
                {"conclusion_note": _("Say why there is no inquiry.")}
            )
        clue.dismiss()
        clue.conclusion_note = note.strip()
        clue.concluded_at = now
        clue.concluded_by = actor
    clue.decided_by = actor
    clue.decided_at = now
    clue.save()
    _audit(
        actor,
        clue,
        "inquire" if inquire else "dismiss",
        before,
        gettext_noop("Preliminary inquiry ordered")
        if inquire
        else gettext_noop("No inquiry into the clue"),
    )
    todo_close(target=clue, step_code=STEP_CLUE_DECIDE, actor=actor)
    if inquire:
        open_todo(clue, STEP_CLUE_INQUIRY, [inquirer], clue.inquiry_due_at)
    return clue


@transaction.atomic
def clue_conclude(*, actor, clue, became_case, note):
    """End the inquiry: the clue became a case (成案) or did not."""
    clue = locked(clue)
    transition_check(actor, clue.became_case if became_case else clue.not_case)
    if not (note or "").strip():
        raise ValidationError({"conclusion_note": _("Write the conclusion.")})
    before = _snapshot(clue)
    if became_case:
        clue.became_case()
    else:
        clue.not_case()
    clue.concluded_by = actor
    clue.concluded_at = timezone.now()
    clue.conclusion_note = note.strip()
    clue.save(
        update_fields=[
            "state",
            "concluded_by",
            "concluded_at",
            "conclusion_note",
            "updated_at",
        ]
    )
    _audit(
        actor,
        clue,
        "conclude",
        before,
        gettext_noop("Clue became a case")
        if became_case
        else gettext_noop("Clue did not become a case"),
    )
    todo_close_all(target=clue, actor=actor)
    return clue


@transaction.atomic
def clue_record_view(*, actor, clue):
    """Write the opening of a clue to the audit trail."""
    authorize(actor, "supervision.view_clue", clue)
    return audit_record(
        actor=actor,
        action="supervision.clue.view",
        target=clue,
        message=gettext_noop("Clue opened"),
    )
