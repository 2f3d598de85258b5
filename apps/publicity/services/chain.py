"""The review chain of an item: submit, approve, review, sign off, dispatch, return.

submit → department approval (head or information officer) → office review
(1 working day; 精品/亮点, tracked edits) → sign-off by the procurator-general →
dispatch by the office (1 working day after sign-off, and within 3 / 5 days of
submission for important / routine items). Any reviewer may return the item
to its author with a comment. Every step waiting for someone is in their
to-dos. The steps are the model's transitions: every action locks the item
row and asks the transition (`transition_check`) whether this actor may take
it from the state the row is in now, so a step taken twice at once happens
once and the second actor reads why.
"""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import gettext_noop

from apps.audit.services import audit_record, model_snapshot
from apps.core.actions import locked, transition_check
from apps.core.models import Department, Role, Staff
from apps.core.selectors import users_with_role
from apps.todos.services import todo_close, todo_open
from apps.workdays.clock import due_for_step

from ..content import body_is_empty
from ..models import Dispatch, Item, ItemEvent, Revision
from .items import (
    SNAPSHOT,
    STEP_DEPARTMENT,
    STEP_DISPATCH,
    STEP_OF_STATE,
    STEP_REVIEW,
    STEP_REVISE,
    STEP_SIGN_OFF,
    _apply_urgency,
    _event,
)


def _department_approvers(item):
    """Head and information officer of the item's department, else its deputy."""
    approvers = [
        s.user
        for s in Staff.objects.filter(
            department_id=item.department_id, user__is_active=True
        )
        .filter(
            roles__overlap=[str(Role.DEPARTMENT_HEAD), str(Role.INFORMATION_OFFICER)]
        )
        .select_related("user")
        if s.user_id != item.author_id
    ]
    if approvers:
        return approvers
    department = Department.objects.select_related("deputy__user").get(
        pk=item.department_id
    )
    deputy = department.deputy
    if deputy and deputy.user_id != item.author_id and deputy.user.is_active:
        return [deputy.user]
    return []


def _office_reviewers(item):
    return [
        u
        for u in users_with_role(
            procuratorate_id=item.procuratorate_id, role=Role.OFFICE_REVIEWER
        )
        if u.pk != item.author_id
    ]


def _signers(item):
    general = users_with_role(
        procuratorate_id=item.procuratorate_id, role=Role.PROCURATOR_GENERAL
    )
    if any(u.pk == item.author_id for u in general):
        return users_with_role(
            procuratorate_id=item.procuratorate_id,
            role=Role.DEPUTY_PROCURATOR_GENERAL,
        )
    return general


def _open_step(item, step, label, assignees, due_at):
    item.step_due_at = due_at
    todo_open(
        target=item,
        step_code=step,
        label=label,
        assignees=assignees,
        url=item.get_absolute_url(),
        due_at=due_at,
    )


def _record(
    item, actor, event, action, message, *, before, from_state=None, comment=""
):
    """Write the step into the item's history and the audit trail."""
    _event(
        item,
        actor,
        event,
        from_state=before["state"] if from_state is None else from_state,
        comment=comment,
    )
    audit_record(
        actor=actor,
        action=action,
        target=item,
        before=before,
        after=model_snapshot(item, fields=SNAPSHOT),
        message=message,
    )


def _save(item, fields):
    item.full_clean()
    item.save(update_fields=[*fields, "step_due_at", "state", "updated_at"])


@transaction.atomic
def item_submit(*, actor, item):
    """Submit a draft (or resubmit a returned item) for department approval.

    The first submission fixes the text (revision 1) and the time; the dispatch
    deadline counts from it.
    """
    item = locked(item)
    transition_check(
        actor, item.submit, wrong_step=_("This item has already been submitted.")
    )
    if not item.title.strip() or body_is_empty(item.body):
        raise ValidationError(_("Write a title and a body before submitting."))
    before = model_snapshot(item, fields=SNAPSHOT)
    approvers = _department_approvers(item)
    if not approvers:
        raise ValidationError(
            _(
                "Nobody but you can approve items of %(department)s: the department "
                "has no other head or information officer and no overseeing deputy. "
                "Ask the office to appoint one."
            )
            % {"department": item.department.name}
        )
    now = timezone.now()
    from_state = item.state
    first = not item.has_been_submitted
    if first:
        item.submitted_at = now
        _apply_urgency(item)
    item.last_submitted_at = now
    item.return_comment = ""
    item.submit()
    if first:
        Revision.objects.create(
            item=item,
            number=1,
            title=item.title,
            body=item.body,
            editor=actor,
            note=str(_("Text as submitted")),
        )
    else:
        todo_close(target=item, step_code=STEP_REVISE, actor=actor)
    _open_step(
        item,
        STEP_DEPARTMENT,
        gettext_noop("Approve the item for the department"),
        approvers,
        due_for_step(STEP_DEPARTMENT, now),
    )
    _save(
        item,
        [
            "submitted_at",
            "last_submitted_at",
            "dispatch_deadline",
            "return_comment",
        ],
    )
    _record(
        item,
        actor,
        ItemEvent.Action.SUBMIT if first else ItemEvent.Action.RESUBMIT,
        "publicity.item.submit",
        gettext_noop("Submitted an item"),
        before=before,
        from_state=from_state,
    )
    return item


@transaction.atomic
def item_approve(*, actor, item, comment=""):
    """Department approval by its head or information officer (never the author)."""
    item = locked(item)
    transition_check(actor, item.approve)
    before = model_snapshot(item, fields=SNAPSHOT)
    now = timezone.now()
    item.approve()
    item.approved_by, item.approved_at = actor, now
    todo_close(target=item, step_code=STEP_DEPARTMENT, actor=actor)
    _open_step(
        item,
        STEP_REVIEW,
        gettext_noop("Review the item"),
        _office_reviewers(item),
        due_for_step(STEP_REVIEW, now),
    )
    _save(item, ["approved_by", "approved_at"])
    _record(
        item,
        actor,
        ItemEvent.Action.APPROVE,
        "publicity.item.approve",
        gettext_noop("Approved an item for the department"),
        before=before,
        comment=comment,
    )
    return item


@transaction.atomic
def item_review(*, actor, item, is_fine=False, is_highlight=False, comment=""):
    """Office review: pass the item to sign-off, marking it 精品 / 亮点 if it is."""
    item = locked(item)
    transition_check(actor, item.review)
    before = model_snapshot(item, fields=SNAPSHOT)
    now = timezone.now()
    item.review()
    item.is_fine, item.is_highlight = bool(is_fine), bool(is_highlight)
    item.reviewed_by, item.reviewed_at = actor, now
    todo_close(target=item, step_code=STEP_REVIEW, actor=actor)
    # The essays set no limit for signing; it must happen before the item's
    # dispatch deadline, so that is when the sign-off falls due.
    _open_step(
        item,
        STEP_SIGN_OFF,
        gettext_noop("Sign off the item"),
        _signers(item),
        item.dispatch_deadline,
    )
    _save(item, ["is_fine", "is_highlight", "reviewed_by", "reviewed_at"])
    _record(
        item,
        actor,
        ItemEvent.Action.REVIEW,
        "publicity.item.review",
        gettext_noop("Reviewed an item"),
        before=before,
        comment=comment,
    )
    return item


@transaction.atomic
def item_sign_off(*, actor, item, comment=""):
    """The procurator-general signs the item off (签发); the office may then send it."""
    item = locked(item)
    transition_check(actor, item.sign_off)
    before = model_snapshot(item, fields=SNAPSHOT)
    now = timezone.now()
    item.sign_off()
    item.signed_off_by, item.signed_off_at = actor, now
    todo_close(target=item, step_code=STEP_SIGN_OFF, actor=actor)
    due_at = due_for_step(STEP_DISPATCH, now)
    if item.dispatch_deadline and item.dispatch_deadline < due_at:
        due_at = item.dispatch_deadline
    _open_step(
        item,
        STEP_DISPATCH,
        gettext_noop("Dispatch the item"),
        _office_reviewers(item)
        or users_with_role(
            procuratorate_id=item.procuratorate_id, role=Role.OFFICE_REVIEWER
        ),
        due_at,
    )
    _save(item, ["signed_off_by", "signed_off_at"])
    _record(
        item,
        actor,
        ItemEvent.Action.SIGN_OFF,
        "publicity.item.sign_off",
        gettext_noop("Signed off an item"),
        before=before,
        comment=comment,
    )
    return item


@transaction.atomic
def item_dispatch(*, actor, item, outlets):
    """Send a signed-off item to one or more upper bodies or outlets (报送)."""
    item = locked(item)
    transition_check(
        actor,
        item.dispatch,
        wrong_step=_(
            "Only an item signed off by the procurator-general can be dispatched."
        )
        if item.state in (*Item.RETURNABLE, *Item.AUTHOR_EDITABLE)
        else None,
    )
    outlets = list({o.pk: o for o in outlets}.values())
    if not outlets:
        raise ValidationError({"outlets": _("Choose at least one destination.")})
    if any(not o.is_active for o in outlets):
        raise ValidationError(
            {"outlets": _("A chosen destination is no longer in use.")}
        )
    before = model_snapshot(item, fields=SNAPSHOT)
    now = timezone.now()
    item.dispatch()
    item.dispatched_by, item.dispatched_at = actor, now
    item.step_due_at = None
    Dispatch.objects.bulk_create(
        Dispatch(item=item, outlet=o, dispatched_by=actor, dispatched_at=now)
        for o in outlets
    )
    todo_close(target=item, step_code=STEP_DISPATCH, actor=actor)
    _save(item, ["dispatched_by", "dispatched_at"])
    _event(
        item,
        actor,
        ItemEvent.Action.DISPATCH,
        from_state=before["state"],
        comment="、".join(o.name for o in outlets),
    )
    audit_record(
        actor=actor,
        action="publicity.item.dispatch",
        target=item,
        before=before,
        after={
            **model_snapshot(item, fields=SNAPSHOT),
            "outlets": [o.pk for o in outlets],
        },
        message=gettext_noop("Dispatched an item"),
    )
    return item


@transaction.atomic
def item_return(*, actor, item, comment):
    """Return the item to its author with a comment, from any reviewing step."""
    item = locked(item)
    transition_check(actor, item.return_to_author)
    comment = (comment or "").strip()
    if not comment:
        raise ValidationError(
            {"comment": _("Say why the item is returned, so the author can revise it.")}
        )
    before = model_snapshot(item, fields=SNAPSHOT)
    todo_close(target=item, step_code=STEP_OF_STATE[item.state], actor=actor)
    item.return_to_author()
    item.return_comment = comment
    _open_step(
        item,
        STEP_REVISE,
        gettext_noop("Revise the returned item"),
        [item.author],
        item.dispatch_deadline,
    )
    _save(item, ["return_comment"])
    _record(
        item,
        actor,
        ItemEvent.Action.RETURN,
        "publicity.item.return",
        gettext_noop("Returned an item to its author"),
        before=before,
        comment=comment,
    )
    return item
