"""Topic requests (议题提请表): filing, scope review or pre-review and routing,
the procurator-general's approval, return, withdrawal and resubmission."""

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import gettext_noop

from apps.audit.services import audit_record, model_snapshot
from apps.core.actions import authorize, locked, locked_for_step, transition_check
from apps.core.uploads import check_upload
from apps.todos.services import todo_close, todo_close_all
from apps.workdays.clock import due_for_step

from ..models import (
    MATERIAL_KINDS,
    MATERIAL_MAX_BYTES,
    SCOPE_BODY,
    AgendaItem,
    Body,
    BodyKind,
    Topic,
    TopicLog,
    TopicMaterial,
)
from ._common import (
    audit_change,
    authorize_locked,
    pg_users,
    reviewer_users,
    secretary_users,
    text_required,
    todo_on,
)
from .bodies import bodies_ensure

STEP_REVIEW = "meetings.topic.review"
STEP_APPROVE = "meetings.topic.approve"
STEP_REVISE = "meetings.topic.revise"
STEP_SCHEDULE = "meetings.topic.schedule"

SNAPSHOT = ["body", "title", "scope_category", "summary", "department", "state"]


def _log(topic, actor, action, note=""):
    TopicLog.objects.create(topic=topic, actor=actor, action=action, note=note)


# Each step's line in the topic's log and message in the audit trail
# (its audit action is "meetings.topic.<step>").
STEP_RECORDS = {
    "review_pass": (
        gettext_noop("Found the topic within the body's scope"),
        gettext_noop("Passed a topic's scope review"),
    ),
    "route": (
        gettext_noop("Routed the topic to the committee"),
        gettext_noop("Routed a topic to the procuratorial committee"),
    ),
    "return": (
        gettext_noop("Returned the topic"),
        gettext_noop("Returned a topic to its filer"),
    ),
    "resubmit": (
        gettext_noop("Revised and resubmitted the topic"),
        gettext_noop("Resubmitted a returned topic"),
    ),
    "approve": (
        gettext_noop("Approved the topic for a meeting"),
        gettext_noop("Approved a topic for a meeting"),
    ),
    "withdraw": (
        gettext_noop("Withdrew the topic"),
        gettext_noop("Withdrew a topic"),
    ),
}


def _begin_step(actor, topic, transition):
    """The topic, locked, where `actor` may take `transition` now; with its
    snapshot before the step."""
    topic = locked_for_step(actor, topic, transition)
    return topic, model_snapshot(topic, SNAPSHOT)


def _done(actor, topic, before, step, note="", *, fields=SNAPSHOT):
    """The step is taken: into the topic's log and the audit trail."""
    log, message = STEP_RECORDS[step]
    _log(topic, actor, log, note)
    audit_change(
        actor,
        topic,
        before,
        fields=fields,
        action=f"meetings.topic.{step}",
        message=message,
    )
    return topic


def _check_scope(body, scope_category):
    if SCOPE_BODY.get(scope_category) != body.kind:
        raise ValidationError(
            {
                "scope_category": _(
                    "This scope category is not in the body's published list."
                )
            }
        )


def _open_review(topic):
    """Put the topic's first waiting step into the right people's to-dos."""
    now = timezone.now()
    if topic.state == Topic.State.SUBMITTED:
        todo_on(
            topic,
            step_code=STEP_REVIEW,
            label=gettext_noop("Check the topic against the body's scope"),
            assignees=reviewer_users(topic.body),
            due_at=due_for_step("meetings.topic_review", now),
        )
    else:
        _open_approval(topic)


def _open_approval(topic):
    todo_on(
        topic,
        step_code=STEP_APPROVE,
        label=gettext_noop("Approve the topic for a meeting"),
        assignees=pg_users(topic.procuratorate_id),
        due_at=due_for_step("meetings.topic_approval", timezone.now()),
    )


def open_schedule_todo(topic):
    todo_on(
        topic,
        step_code=STEP_SCHEDULE,
        label=gettext_noop("Put the approved topic on a meeting's agenda"),
        assignees=secretary_users(topic.body),
    )


def _first_state(body):
    # The office meeting has no scope review (the essay: no review procedure):
    # its topics go straight to the procurator-general.
    if body.kind == BodyKind.OFFICE:
        return Topic.State.AWAITING_APPROVAL
    return Topic.State.SUBMITTED


@transaction.atomic
def topic_file(*, actor, body, title, scope_category, summary, department, source=None):
    """File a topic request with a body; return the Topic, waiting for review.

    Public: other apps call this (e.g. supervision sends a major case to the
    committee). `body` is a Body or a BodyKind value ("committee",
    "party_group", "office") of the actor's procuratorate; `scope_category` a
    ScopeCategory value from that body's list; `source` any model instance,
    kept as a generic reference to where the topic came from.
    """
    authorize(actor, "meetings.file_topic")
    staff = actor.staff
    if not isinstance(body, Body):
        body = bodies_ensure(procuratorate=staff.procuratorate)[BodyKind(body)]
    if body.procuratorate_id != staff.procuratorate_id:
        raise ValidationError(_("The body belongs to another procuratorate."))
    if department is None:
        raise ValidationError({"department": _("Choose the filing department.")})
    if department.pk != staff.department_id and not staff.has_role(
        "procurator_general", "deputy_procurator_general"
    ):
        raise ValidationError(
            {"department": _("You may file topics for your own department only.")}
        )
    _check_scope(body, scope_category)
    topic = Topic(
        procuratorate_id=body.procuratorate_id,
        body=body,
        title=title,
        scope_category=scope_category,
        summary=summary,
        department=department,
        filed_by=actor,
        state=_first_state(body),
    )
    if source is not None:
        topic.source_type = ContentType.objects.get_for_model(source)
        topic.source_id = str(source.pk)
    topic.full_clean()
    topic.save()
    _log(topic, actor, gettext_noop("Filed the topic"))
    _open_review(topic)
    audit_record(
        actor=actor,
        action="meetings.topic.file",
        target=topic,
        after=model_snapshot(topic, SNAPSHOT),
        message=gettext_noop("Filed a topic request"),
    )
    return topic


@transaction.atomic
def topic_material_add(*, actor, topic, title, file):
    """Attach a material to a topic that has not been decided yet.

    The file must be a document, spreadsheet or image (core's check_upload:
    extension, signature and size); anything else is refused.
    """
    topic = authorize_locked(actor, "meetings.view_topic", topic)
    if actor.pk != topic.filed_by_id and not actor.has_perm(
        "meetings.review_topic", topic
    ):
        raise ValidationError(_("Only the filer or a reviewer may add materials."))
    if not topic.takes_materials:
        raise ValidationError(_("The topic is closed; no more materials."))
    try:
        check_upload(file, kinds=MATERIAL_KINDS, max_bytes=MATERIAL_MAX_BYTES)
    except ValidationError as exc:
        raise ValidationError({"file": exc.error_list}) from exc
    material = TopicMaterial(topic=topic, title=title, file=file, uploaded_by=actor)
    material.full_clean()
    material.save()
    audit_record(
        actor=actor,
        action="meetings.topic.material_add",
        target=topic,
        after={"material": material.pk, "title": title},
        message=gettext_noop("Added a material to a topic"),
    )
    return material


@transaction.atomic
def topic_review_pass(*, actor, topic, note=""):
    """The scope check (or pre-review) finds the topic in scope: to the PG."""
    topic, before = _begin_step(actor, topic, "pass_review")
    topic.pass_review()
    topic.save(update_fields=["state", "updated_at"])
    todo_close(target=topic, step_code=STEP_REVIEW, actor=actor)
    _open_approval(topic)
    return _done(actor, topic, before, "review_pass", note)


@transaction.atomic
def topic_route(*, actor, topic, scope_category, note=""):
    """分流: the party group's pre-reviewer sends the topic to the committee."""
    topic = locked(topic)
    if topic.body.kind != BodyKind.PARTY_GROUP:
        raise ValidationError(_("Only party group topics are routed."))
    transition_check(actor, topic.route)
    committee = bodies_ensure(procuratorate=topic.procuratorate)[BodyKind.COMMITTEE]
    _check_scope(committee, scope_category)
    before = model_snapshot(topic, SNAPSHOT)
    topic.route()
    todo_close(target=topic, step_code=STEP_REVIEW, actor=actor)
    topic.body = committee
    topic.scope_category = scope_category
    topic.routed_from = BodyKind.PARTY_GROUP
    topic.full_clean()
    topic.save(
        update_fields=["state", "body", "scope_category", "routed_from", "updated_at"]
    )
    _open_review(topic)
    return _done(actor, topic, before, "route", note)


@transaction.atomic
def topic_return(*, actor, topic, reason):
    """Send the topic back to its filer with a reason (scope review or PG)."""
    topic, before = _begin_step(actor, topic, "send_back")
    text_required(reason, "reason", _("Give the reason for returning it."))
    topic.send_back()
    topic.return_reason = reason.strip()
    topic.save(update_fields=["state", "return_reason", "updated_at"])
    todo_close(target=topic, step_code=STEP_REVIEW, actor=actor)
    todo_close(target=topic, step_code=STEP_APPROVE, actor=actor)
    todo_on(
        topic,
        step_code=STEP_REVISE,
        label=gettext_noop("Revise and resubmit the returned topic, or withdraw it"),
        assignees=[topic.filed_by],
    )
    return _done(
        actor,
        topic,
        before,
        "return",
        topic.return_reason,
        fields=[*SNAPSHOT, "return_reason"],
    )


@transaction.atomic
def topic_resubmit(*, actor, topic, title=None, summary=None, scope_category=None):
    """The filer revises a returned topic and sends it through review again."""
    topic, before = _begin_step(actor, topic, "resubmit")
    if scope_category is not None:
        _check_scope(topic.body, scope_category)
        topic.scope_category = scope_category
    if title is not None:
        topic.title = title
    if summary is not None:
        topic.summary = summary
    topic.resubmit()
    topic.full_clean()
    topic.save(
        update_fields=["state", "title", "summary", "scope_category", "updated_at"]
    )
    todo_close(target=topic, step_code=STEP_REVISE, actor=actor)
    _open_review(topic)
    return _done(actor, topic, before, "resubmit")


@transaction.atomic
def topic_approve(*, actor, topic, note=""):
    """The procurator-general agrees the topic goes to a meeting."""
    topic, before = _begin_step(actor, topic, "approve")
    topic.approve()
    topic.save(update_fields=["state", "updated_at"])
    todo_close(target=topic, step_code=STEP_APPROVE, actor=actor)
    open_schedule_todo(topic)
    return _done(actor, topic, before, "approve", note)


@transaction.atomic
def topic_withdraw(*, actor, topic, reason=""):
    """The filer withdraws the topic; off the agenda if it had not been discussed."""
    topic, before = _begin_step(actor, topic, "withdraw")
    if topic.state == Topic.State.SCHEDULED:
        item = (
            AgendaItem.objects.select_for_update()
            .filter(topic=topic, status=AgendaItem.Status.PENDING)
            .select_related("meeting")
            .first()
        )
        if item is None:
            raise ValidationError(
                _("The topic is already being voted on; it can no longer be withdrawn.")
            )
        item.withdraw()
        item.save(update_fields=["status", "updated_at"])
    topic.withdraw()
    topic.save(update_fields=["state", "updated_at"])
    todo_close_all(target=topic, actor=actor)
    return _done(actor, topic, before, "withdraw", reason)
