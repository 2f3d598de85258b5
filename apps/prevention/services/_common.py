"""What the prevention services share: step-order refusals, step records,
to-dos, approvers, audit."""

from collections.abc import Callable
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, gettext_noop

from apps.audit.services import audit_record, model_snapshot
from apps.core.actions import Refused
from apps.core.models import Role
from apps.core.selectors import users_with_role
from apps.todos.services import todo_close, todo_open
from apps.workdays.clock import due_for_step

from ..models import STEP_TIME_LIMITS, Approval, ProjectStep, State, Step

# What every service reads of the project besides its own row.
PROJECT_RELATED = ("procuratorate", "department")

ARCHIVED = gettext_lazy("The project is archived and can no longer be changed.")


# To-do of the handler for the work each step needs (English ids, shown translated).
STEP_TODO_LABELS = {
    Step.SELECTION: gettext_noop("Select the representative case"),
    Step.APPROVAL: gettext_noop("Fill in the approval form"),
    Step.ANALYSIS: gettext_noop("Write the case analysis report"),
    Step.SYMPOSIUM: gettext_noop("Hold the symposium with the affected unit"),
    Step.SUGGESTION: gettext_noop("Draft the suggestion letter"),
    Step.ACTIVITIES: gettext_noop("Carry out the prevention activities"),
    Step.RETURN_VISIT: gettext_noop("Pay the return visit"),
    Step.FINAL_REPORT: gettext_noop("Write the final report"),
}


def step_todo_code(step):
    return f"prevention.step{int(step)}"


def out_of_order(project, step):
    """The sentence refusing the work of ``step`` now: the step that is open,
    or that ``step`` is finished and locked, or that the project is archived.

    Services pass it to ``transition_check(..., wrong_step=...)``.
    """
    if project.state == State.ARCHIVED:
        return ARCHIVED
    current = project.current_step
    if current < step:
        return _(
            "Step %(step)d (%(name)s) cannot be done before step %(current)d "
            "(%(current_name)s) is finished."
        ) % {
            "step": step,
            "name": Step(step).label,
            "current": current,
            "current_name": Step(current).label,
        }
    if current > step:
        return _("Step %(step)d (%(name)s) is finished and locked.") % {
            "step": step,
            "name": Step(step).label,
        }
    return _("This cannot be done while the project is “%(state)s”.") % {
        "state": State(project.state).label
    }


def project_step(project, step):
    return ProjectStep.objects.get(project=project, step=step)


def start_step(*, project, step, now):
    """Open the record of `step` with its due time, in the handler's to-dos."""
    due_at = due_for_step(STEP_TIME_LIMITS[step], now)
    record = ProjectStep.objects.create(
        project=project, step=step, started_at=now, due_at=due_at
    )
    open_handler_todo(project=project, step=step, due_at=due_at)
    return record


def open_handler_todo(*, project, step, due_at):
    todo_open(
        target=project,
        step_code=step_todo_code(step),
        label=STEP_TODO_LABELS[step],
        assignees=[project.handler],
        url=project.get_absolute_url(),
        due_at=due_at,
    )


def complete_step(*, project, step, actor, now):
    ProjectStep.objects.filter(
        project=project, step=step, completed_at__isnull=True
    ).update(completed_at=now, completed_by=actor)
    todo_close(target=project, step_code=step_todo_code(step), actor=actor)


def advance(project, actor, move, done, following):
    """Finish step ``done`` by the transition ``move``, and open step ``following``."""
    moment = now()
    move()
    project.save(update_fields=["state", "updated_at"])
    complete_step(project=project, step=done, actor=actor, now=moment)
    if following is not None:
        start_step(project=project, step=following, now=moment)
    audit_record(
        actor=actor,
        action="prevention.project.step_complete",
        target=project,
        after={"step": int(done), "state": project.state},
        message=gettext_noop("Finished a prevention step"),
    )


@dataclass(frozen=True)
class Handover:
    """Where the finished draft of a step goes: the transition that sends it,
    the to-do it opens there (a catalogue code and its label), who gets it,
    what is said when nobody could, and the audit entry."""

    transition: str
    todo_code: str
    todo_label: str
    assignees: Callable
    nobody: str
    action: str
    message: str


def hand_over(*, actor, project, document, step, to, after=None):
    """Submit the ``document`` of ``step`` as the Handover ``to`` says: the
    project moves, the handler's to-do closes and the assignees' opens, due by
    the catalogue's limit for ``to.todo_code``."""
    assignees = to.assignees(project)
    if not assignees:
        raise ValidationError(to.nobody)
    moment = now()
    document.submitted_at = moment
    document.save(update_fields=["submitted_at", "updated_at"])
    getattr(project, to.transition)()
    project.save(update_fields=["state", "updated_at"])
    todo_close(target=project, step_code=step_todo_code(step), actor=actor)
    todo_open(
        target=project,
        step_code=to.todo_code,
        label=to.todo_label,
        assignees=assignees,
        url=project.get_absolute_url(),
        due_at=due_for_step(to.todo_code, moment),
    )
    audit_record(
        actor=actor,
        action=to.action,
        target=project,
        after={"state": project.state, **(after or {})},
        message=to.message,
    )


def sign(*, actor, project, document, submitted, level, approve, opinion):
    """Record one sign-off of ``document`` (an Approval.Document), or its return.

    A return needs a reason; one person signs once per round, so the second
    level needs someone else. Return the opinion as recorded.
    """
    if Approval.objects.filter(
        project=project,
        document=document,
        decided_by=actor,
        decided_at__gte=submitted.submitted_at,
    ).exists():
        raise Refused(_("You have already signed this round."), code="signed_twice")
    opinion = (opinion or "").strip()
    if not approve and not opinion:
        raise ValidationError({"opinion": _("Give the reason for returning it.")})
    Approval.objects.create(
        project=project,
        document=document,
        level=level,
        decision=Approval.Decision.APPROVED if approve else Approval.Decision.RETURNED,
        opinion=opinion,
        decided_by=actor,
        decided_at=now(),
    )
    return opinion


def send_back(*, project, move, step):
    """Return the draft of ``step`` to the handler, due when the step was due."""
    move()
    project.save(update_fields=["state", "updated_at"])
    open_handler_todo(
        project=project, step=step, due_at=project_step(project, step).due_at
    )


def head_level_approvers(project):
    """The department heads, or the overseeing deputy when the head is the handler."""
    heads = [
        u
        for u in users_with_role(
            procuratorate_id=project.procuratorate_id,
            role=Role.DEPARTMENT_HEAD,
            department_id=project.department_id,
        )
        if u.pk != project.handler_id
    ]
    if heads:
        return heads
    deputy = project.department.deputy
    return [deputy.user] if deputy and deputy.user_id != project.handler_id else []


def pg_approvers(project):
    return [
        u
        for u in users_with_role(
            procuratorate_id=project.procuratorate_id, role=Role.PROCURATOR_GENERAL
        )
        if u.pk != project.handler_id
    ]


def archivists(project):
    """交内勤归档: the department's clerks, else its head."""
    for role in (Role.DEPARTMENT_CLERK, Role.DEPARTMENT_HEAD):
        users = users_with_role(
            procuratorate_id=project.procuratorate_id,
            role=role,
            department_id=project.department_id,
        )
        if users:
            return users
    return []


def save_document(*, actor, project, model, fields, action, message):
    """``save_fields`` (its ``FIELDS``) onto the project's one ``model``
    document, new if unwritten."""
    instance = model.objects.filter(project=project).first()
    return save_fields(
        actor=actor,
        project=project,
        instance=instance or model(project=project),
        fields=fields,
        allowed=model.FIELDS,
        action=action,
        message=message,
    )


def save_fields(*, actor, project, instance, fields, allowed, action, message):
    """Copy `allowed` keys of `fields` onto `instance`, validate, save and audit."""
    before = model_snapshot(instance, fields=allowed) if instance.pk else None
    for name in allowed:
        if name in fields:
            setattr(instance, name, fields[name])
    instance.full_clean()
    instance.save()
    audit_record(
        actor=actor,
        action=action,
        target=project,
        before=before,
        after=model_snapshot(instance, fields=allowed),
        message=message,
    )
    return instance


def now():
    return timezone.now()
