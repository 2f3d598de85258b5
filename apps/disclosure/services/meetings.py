"""Recording the office's meetings and the questions answered at them."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import gettext_noop

from apps.audit.services import audit_record
from apps.core.actions import authorize, locked
from apps.core.scoping import user_procuratorate_id

from ..models import MeetingQuestion, OfficeMeeting
from ._common import audit_created, required_text, save_new


@transaction.atomic
def meeting_record(*, actor, kind, held_on, title, summary):
    authorize(actor, "disclosure.record_meeting")
    meeting = OfficeMeeting(
        procuratorate_id=user_procuratorate_id(actor),
        kind=kind,
        held_on=held_on,
        title=title.strip(),
        summary=summary.strip(),
        recorded_by=actor,
    )
    save_new(meeting)
    audit_created(
        actor,
        meeting,
        "disclosure.meeting.record",
        gettext_noop("Office meeting recorded"),
        fields=["kind", "held_on", "title"],
    )
    return meeting


def _check_meeting(actor, meeting):
    authorize(actor, "disclosure.record_meeting")
    if meeting.procuratorate_id != user_procuratorate_id(actor):
        raise ValidationError(_("This meeting belongs to another procuratorate."))


@transaction.atomic
def meeting_question_add(*, actor, meeting, department, question, answer=""):
    """Record a question raised at the meeting, with the answer if given there."""
    _check_meeting(actor, meeting)
    if (
        department is not None
        and department.procuratorate_id != meeting.procuratorate_id
    ):
        raise ValidationError(_("Choose a department of this procuratorate."))
    answer = (answer or "").strip()
    item = MeetingQuestion(
        meeting=meeting,
        department=department,
        question=(question or "").strip(),
        answer=answer,
        answered_by=actor if answer else None,
        answered_at=timezone.now() if answer else None,
    )
    save_new(item)
    audit_record(
        actor=actor,
        action="disclosure.meeting.question",
        target=meeting,
        after={"question": item.question, "answer": answer},
        message=gettext_noop("Question recorded at an office meeting"),
    )
    return item


@transaction.atomic
def meeting_question_answer(*, actor, question, answer):
    """Give (or complete) the answer to a question raised at a meeting."""
    question = locked(question, related=("meeting",))
    _check_meeting(actor, question.meeting)
    answer = required_text(answer, _("Write the answer."))
    before = {"answer": question.answer}
    question.answer = answer
    question.answered_by = actor
    question.answered_at = timezone.now()
    question.save(update_fields=["answer", "answered_by", "answered_at", "updated_at"])
    audit_record(
        actor=actor,
        action="disclosure.meeting.answer",
        target=question.meeting,
        before=before,
        after={"question": question.question, "answer": answer},
        message=gettext_noop("Answer given to a meeting question"),
    )
    return question
