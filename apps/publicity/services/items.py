"""Writing an item: drafts, authors' shares, edits and tracked revisions.

The chain that moves a submitted item along is in `chain.py`; this module
holds what both share (step codes, the history, the snapshot).

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
from django.utils.translation import gettext_lazy as _
from django.utils.translation import gettext_noop

from apps.audit.services import audit_record, model_snapshot
from apps.core.actions import authorize, locked, refuse_unless
from apps.workdays.clock import due_for_step

from ..content import body_is_empty, sanitise_body
from ..models import Authorship, Item, ItemEvent, Revision, Urgency

# To-do step codes; the review and dispatch codes are also time-limit codes.
STEP_DEPARTMENT = "publicity.department_approval"
STEP_REVIEW = "publicity.review"
STEP_SIGN_OFF = "publicity.sign_off"
STEP_DISPATCH = "publicity.dispatch"
STEP_REVISE = "publicity.revise"

STEP_OF_STATE = {
    Item.State.SUBMITTED: STEP_DEPARTMENT,
    Item.State.DEPARTMENT_APPROVED: STEP_REVIEW,
    Item.State.REVIEWED: STEP_SIGN_OFF,
    Item.State.SIGNED_OFF: STEP_DISPATCH,
    Item.State.RETURNED: STEP_REVISE,
}

TEXT_FIELDS = ("title", "body")
META_FIELDS = ("kind", "category", "urgency")
SNAPSHOT = [
    "state",
    "title",
    "kind",
    "category",
    "urgency",
    "department",
    "is_fine",
    "is_highlight",
    "submitted_at",
    "dispatch_deadline",
    "step_due_at",
]


def _event(item, actor, action, *, from_state="", comment="", revision=None):
    return ItemEvent.objects.create(
        item=item,
        actor=actor,
        action=action,
        from_state=from_state,
        to_state=item.state,
        comment=comment,
        revision=revision,
    )


# ------------------------------------------------------------------ authors
def _clean_shares(*, author, procuratorate_id, shares):
    """Check the author list: the author included, people of this house, total 100."""
    if not shares:
        shares = [(author, 100)]
    seen = set()
    errors = []
    total = 0
    for user, share in shares:
        if user.pk in seen:
            errors.append(_("%(name)s is listed twice.") % {"name": user})
        seen.add(user.pk)
        staff = getattr(user, "staff", None)
        if staff is None or staff.procuratorate_id != procuratorate_id:
            errors.append(_("%(name)s does not work here.") % {"name": user})
        if not isinstance(share, int) or not 1 <= share <= 100:
            errors.append(
                _("The share of %(name)s must be between 1 and 100.") % {"name": user}
            )
            continue
        total += share
    if author.pk not in seen:
        errors.append(_("The author must be one of the authors."))
    if not errors and total != 100:
        errors.append(
            _("The authors' shares must total 100; they total %(total)s.")
            % {"total": total}
        )
    if errors:
        raise ValidationError({"shares": errors})
    return shares


def _save_shares(item, shares):
    Authorship.objects.filter(item=item).delete()
    Authorship.objects.bulk_create(
        Authorship(
            item=item, user=user, share=share, is_primary=user.pk == item.author_id
        )
        for user, share in shares
    )


def _shares_of(item):
    return sorted((a.user_id, a.share) for a in item.authorships.all())


def _clean_department(actor, department):
    staff = actor.staff
    department = department or staff.department
    if department is None:
        raise ValidationError(
            {"department": _("Choose the department the item is written for.")}
        )
    if department.procuratorate_id != staff.procuratorate_id or not (
        department.is_active
    ):
        raise ValidationError({"department": _("Choose a department of this house.")})
    return department


# ------------------------------------------------------------------ drafts
@transaction.atomic
def item_create(
    *,
    actor,
    kind,
    category,
    urgency,
    title,
    body,
    department=None,
    shares=None,
    files=(),
):
    """Save a new draft written by `actor` (with its attachments); return it."""
    authorize(actor, "publicity.add_item")
    staff = actor.staff
    item = Item(
        procuratorate_id=staff.procuratorate_id,
        department=_clean_department(actor, department),
        author=actor,
        kind=kind,
        category=category,
        urgency=urgency,
        title=(title or "").strip(),
        body=sanitise_body(body),
    )
    shares = _clean_shares(
        author=actor, procuratorate_id=staff.procuratorate_id, shares=shares
    )
    item.full_clean()
    item.save()
    _save_shares(item, shares)
    _event(item, actor, ItemEvent.Action.CREATE)
    audit_record(
        actor=actor,
        action="publicity.item.create",
        target=item,
        after=model_snapshot(item, fields=SNAPSHOT),
        message=gettext_noop("Created a draft item"),
    )
    _attach(actor, item, files)
    return item


def _attach(actor, item, files):
    from .attachments import attachment_add  # attachments build on this module

    for uploaded in files:
        attachment_add(actor=actor, item=item, uploaded=uploaded)


def _next_revision_number(item):
    last = item.revisions.order_by("-number").values_list("number", flat=True).first()
    return (last or 0) + 1


def _revise(item, actor, *, before, note):
    """Record the item's current text as a new revision when anything changed."""
    changes = {
        f: {"before": before[f], "after": getattr(item, f)}
        for f in META_FIELDS
        if before[f] != getattr(item, f)
    }
    text_changed = any(before[f] != getattr(item, f) for f in TEXT_FIELDS)
    if not text_changed and not changes:
        return None
    return Revision.objects.create(
        item=item,
        number=_next_revision_number(item),
        title=item.title,
        body=item.body,
        changes=changes,
        editor=actor,
        note=note,
    )


def _apply_urgency(item):
    """Keep the dispatch deadline in step with the urgency (counted from submission)."""
    if item.submitted_at is not None:
        item.dispatch_deadline = due_for_step(
            "publicity.dispatch_important"
            if item.urgency == Urgency.IMPORTANT
            else "publicity.dispatch_routine",
            item.submitted_at,
        )


@transaction.atomic
def item_update(
    *,
    actor,
    item,
    kind,
    category,
    urgency,
    title,
    body,
    department=None,
    shares=None,
    note="",
    files=(),
):
    """Change a draft, or a returned item (the change is then a tracked revision)."""
    item = locked(item)
    refuse_unless(
        item.state in Item.AUTHOR_EDITABLE,
        _("A submitted item can no longer be changed by its author."),
    )
    authorize(actor, "publicity.change_item", item)
    before_snapshot = model_snapshot(item, fields=SNAPSHOT)
    before = {f: getattr(item, f) for f in TEXT_FIELDS + META_FIELDS}
    before_shares = _shares_of(item)
    item.kind, item.category, item.urgency = kind, category, urgency
    item.title = (title or "").strip()
    item.body = sanitise_body(body)
    item.department = _clean_department(actor, department)
    shares = _clean_shares(
        author=item.author, procuratorate_id=item.procuratorate_id, shares=shares
    )
    _apply_urgency(item)
    item.full_clean()
    item.save()
    if sorted((u.pk, s) for u, s in shares) != before_shares:
        _save_shares(item, shares)
    if item.has_been_submitted:
        revision = _revise(item, actor, before=before, note=note)
        if revision is not None:
            _event(
                item,
                actor,
                ItemEvent.Action.EDIT,
                from_state=item.state,
                comment=note,
                revision=revision,
            )
    audit_record(
        actor=actor,
        action="publicity.item.update",
        target=item,
        before=before_snapshot,
        after=model_snapshot(item, fields=SNAPSHOT),
        message=gettext_noop("Changed an item"),
    )
    _attach(actor, item, files)
    return item


@transaction.atomic
def item_delete(*, actor, item):
    """Delete a draft that was never submitted."""
    item = locked(item)
    refuse_unless(
        item.state == Item.State.DRAFT and not item.has_been_submitted,
        _("Only a draft that was never submitted can be deleted."),
    )
    authorize(actor, "publicity.delete_item", item)
    audit_record(
        actor=actor,
        action="publicity.item.delete",
        target=item,
        before=model_snapshot(item, fields=SNAPSHOT),
        message=gettext_noop("Deleted a draft item"),
    )
    files = [a.file for a in item.attachments.all()]
    item.delete()
    transaction.on_commit(lambda: [f.delete(save=False) for f in files])


@transaction.atomic
def item_office_edit(
    *, actor, item, title, body, kind=None, category=None, urgency=None, note=""
):
    """The office edits an item under review; the change is a tracked revision."""
    item = locked(item)
    refuse_unless(
        item.state in Item.OFFICE_EDITABLE,
        _("The office may edit an item only while reviewing it or before sign-off."),
    )
    authorize(actor, "publicity.edit_item_in_review", item)
    if not (note or "").strip():
        raise ValidationError({"note": _("Say briefly what was changed and why.")})
    before_snapshot = model_snapshot(item, fields=SNAPSHOT)
    before = {f: getattr(item, f) for f in TEXT_FIELDS + META_FIELDS}
    item.title = (title or "").strip()
    item.body = sanitise_body(body)
    item.kind = kind or item.kind
    item.category = category or item.category
    item.urgency = urgency or item.urgency
    if body_is_empty(item.body):
        raise ValidationError({"body": _("The body cannot be empty.")})
    _apply_urgency(item)
    item.full_clean()
    item.save()
    revision = _revise(item, actor, before=before, note=note.strip())
    if revision is None:
        raise ValidationError(_("Nothing was changed."))
    _event(
        item,
        actor,
        ItemEvent.Action.EDIT,
        from_state=item.state,
        comment=note.strip(),
        revision=revision,
    )
    audit_record(
        actor=actor,
        action="publicity.item.edit",
        target=item,
        before=before_snapshot,
        after=model_snapshot(item, fields=SNAPSHOT),
        message=gettext_noop("Edited an item under review"),
    )
    return item
