"""The outside-supervision channel: record, assign, answer, close — on time."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from apps.audit.services import audit_record, model_snapshot
from apps.core.actions import authorize, locked, transition_check
from apps.core.models import Role, Staff
from apps.core.numbering import number_next
from apps.todos.services import todo_close, todo_open
from apps.workdays.clock import due_for_step

from ..models import Remark
from ..rules import DISCIPLINE
from ._common import assign_fields

REMARK_FIELDS = [
    "source_kind",
    "source_name",
    "contact",
    "channel",
    "received_on",
    "concerned_department",
    "concerned_staff",
    "content",
]

# The series of core.NumberSequence that numbers the remarks (外督〔年〕n号).
REMARK_SERIES = "integrity.remark"

# The to-do that each step of a remark opens for the people who take it.
STEP_TODOS = {
    "integrity.remark_assign": gettext_noop("Assign the outside-supervision remark"),
    "integrity.remark_answer": gettext_noop(
        "Look into and answer the outside-supervision remark"
    ),
    "integrity.remark_close": gettext_noop(
        "Review and close the outside-supervision remark"
    ),
}


def _open_step(remark, step_code, *, assignees, due_at):
    """Open the to-do of the remark's next step for ``assignees``."""
    todo_open(
        target=remark,
        step_code=step_code,
        label=STEP_TODOS[step_code],
        assignees=assignees,
        url=remark.get_absolute_url(),
        due_at=due_at,
        subject=remark.number,
    )


def _discipline_heads(procuratorate_id):
    return [
        s.user
        for s in Staff.objects.filter(
            procuratorate_id=procuratorate_id,
            department__code=DISCIPLINE,
            roles__contains=[str(Role.DEPARTMENT_HEAD)],
            user__is_active=True,
        ).select_related("user")
    ]


@transaction.atomic
def remark_record(*, actor, fields):
    """Record a remark about staff conduct; discipline inspection assigns it."""
    authorize(actor, "integrity.record_remark")
    procuratorate_id = actor.staff.procuratorate_id
    heads = _discipline_heads(procuratorate_id)
    if not heads:
        raise ValidationError(
            _("There is no head of discipline inspection to assign it.")
        )
    received_on = fields.get("received_on")
    if received_on and received_on > timezone.localdate():
        raise ValidationError({"received_on": _("The date cannot be in the future.")})
    for name in ("concerned_department", "concerned_staff"):
        other = fields.get(name)
        if other is not None and other.procuratorate_id != procuratorate_id:
            raise ValidationError({name: _("Choose someone of ours.")})
    moment = timezone.now()
    year = timezone.localdate(moment).year
    remark = Remark(
        procuratorate_id=procuratorate_id,
        year=year,
        sequence=number_next(
            procuratorate=actor.staff.procuratorate, series=REMARK_SERIES, year=year
        ),
        recorded_by=actor,
    )
    assign_fields(remark, fields, REMARK_FIELDS)
    if remark.concerned_staff_id and not remark.concerned_department_id:
        remark.concerned_department_id = remark.concerned_staff.department_id
    remark.full_clean()
    remark.save()
    _open_step(
        remark,
        "integrity.remark_assign",
        assignees=heads,
        due_at=due_for_step("integrity.remark_assign", moment),
    )
    audit_record(
        actor=actor,
        action="integrity.remark.record",
        target=remark,
        after=model_snapshot(remark, fields=REMARK_FIELDS),
        message=gettext_noop("Recorded an outside-supervision remark"),
    )
    return remark


@transaction.atomic
def remark_assign(*, actor, remark, assignee):
    """Give the remark to a member of discipline inspection, with its answer due."""
    remark = locked(remark)
    transition_check(actor, remark.assign)
    staff = getattr(assignee, "staff", None)
    if (
        staff is None
        or staff.procuratorate_id != remark.procuratorate_id
        or staff.department is None
        or staff.department.code != DISCIPLINE
    ):
        raise ValidationError(
            {"assignee": _("Assign it to a member of discipline inspection.")}
        )
    if remark.concerned_staff_id and remark.concerned_staff.user_id == assignee.pk:
        raise ValidationError(
            {"assignee": _("Nobody looks into a remark about themselves.")}
        )
    moment = timezone.now()
    remark.assign()
    remark.assignee = assignee
    remark.assigned_at = moment
    remark.due_at = due_for_step("integrity.remark_answer", moment)
    remark.save(
        update_fields=["state", "assignee", "assigned_at", "due_at", "updated_at"]
    )
    todo_close(target=remark, step_code="integrity.remark_assign", actor=actor)
    _open_step(
        remark,
        "integrity.remark_answer",
        assignees=[assignee],
        due_at=remark.due_at,
    )
    audit_record(
        actor=actor,
        action="integrity.remark.assign",
        target=remark,
        after={"assignee": assignee.pk, "due_at": remark.due_at},
        message=gettext_noop("Assigned an outside-supervision remark"),
    )
    return remark


@transaction.atomic
def remark_answer(*, actor, remark, answer, finding, measures=""):
    """The assignee's findings and the answer given to whoever made the remark."""
    remark = locked(remark)
    transition_check(actor, remark.record_answer)
    if not (answer or "").strip():
        raise ValidationError({"answer": _("Write the answer to the remark.")})
    if finding not in Remark.Finding.values:
        raise ValidationError({"finding": _("Choose the finding.")})
    if finding != Remark.Finding.UNFOUNDED and not (measures or "").strip():
        raise ValidationError(
            {"measures": _("Say what was done about a substantiated remark.")}
        )
    moment = timezone.now()
    remark.record_answer()
    remark.answer, remark.finding, remark.measures = answer, finding, measures
    remark.answered_at = moment
    remark.full_clean()
    remark.save()
    todo_close(target=remark, step_code="integrity.remark_answer", actor=actor)
    _open_step(
        remark,
        "integrity.remark_close",
        assignees=[
            u for u in _discipline_heads(remark.procuratorate_id) if u.pk != actor.pk
        ]
        or _discipline_heads(remark.procuratorate_id),
        due_at=due_for_step("integrity.remark_close", moment),
    )
    audit_record(
        actor=actor,
        action="integrity.remark.answer",
        target=remark,
        after={"finding": finding, "on_time": remark.answered_on_time},
        message=gettext_noop("Answered an outside-supervision remark"),
    )
    return remark


@transaction.atomic
def remark_close(*, actor, remark, accept=True, reason=""):
    """Close the answered remark, or send it back to the assignee with a reason."""
    remark = locked(remark)
    transition_check(actor, remark.close if accept else remark.reopen)
    todo_close(target=remark, step_code="integrity.remark_close", actor=actor)
    if accept:
        remark.close()
        remark.closed_by = actor
        remark.closed_at = timezone.now()
        remark.save(update_fields=["state", "closed_by", "closed_at", "updated_at"])
    else:
        if not (reason or "").strip():
            raise ValidationError({"reason": _("Give the reason for sending it back.")})
        remark.reopen()
        remark.save(update_fields=["state", "updated_at"])
        _open_step(
            remark,
            "integrity.remark_answer",
            assignees=[remark.assignee],
            due_at=remark.due_at,
        )
    audit_record(
        actor=actor,
        action="integrity.remark." + ("close" if accept else "reopen"),
        target=remark,
        after={"state": remark.state, "reason": reason},
        message=gettext_noop("Closed an outside-supervision remark")
        if accept
        else gettext_noop("Sent an outside-supervision remark back"),
    )
    return remark
