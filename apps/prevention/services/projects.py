"""Steps 1 and 2: opening a project, selecting the case, the approval form."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from apps.audit.services import audit_record, model_snapshot
from apps.core.models import Procuratorate
from apps.todos.services import todo_close, todo_open
from apps.workdays.clock import due_for_step

from ..models import (
    Approval,
    ApprovalForm,
    CaseSelection,
    PreventionProject,
    State,
    Step,
)
from ._common import (
    complete_step,
    head_level_approvers,
    lock_project,
    now,
    open_handler_todo,
    pg_approvers,
    project_step,
    require_perm,
    require_state,
    save_fields,
    start_step,
    step_todo_code,
)

PROJECT_FIELDS = ["title", "affected_unit", "affected_unit_authority"]
SELECTION_FIELDS = [
    "source_case_number",
    "source_case_name",
    "source_department",
    "suspect",
    "charge",
    "amount_involved",
    "case_summary",
    *CaseSelection.CRITERIA,
    "selection_reason",
]
APPROVAL_FORM_FIELDS = ["case_facts", "reasons", "work_plan"]


@transaction.atomic
def project_create(*, actor, title, affected_unit, affected_unit_authority=""):
    """Open a prevention project in the actor's department; step 1 begins."""
    require_perm(actor, "prevention.add_project")
    staff = actor.staff
    # Numbers run per procuratorate and year; the row lock keeps them gapless.
    Procuratorate.objects.select_for_update().get(pk=staff.procuratorate_id)
    started = now()
    year = timezone.localdate(started).year
    last = PreventionProject.objects.filter(
        procuratorate_id=staff.procuratorate_id, year=year
    ).aggregate(n=Max("sequence"))["n"]
    project = PreventionProject(
        procuratorate_id=staff.procuratorate_id,
        department_id=staff.department_id,
        handler=actor,
        year=year,
        sequence=(last or 0) + 1,
        title=title,
        affected_unit=affected_unit,
        affected_unit_authority=affected_unit_authority,
    )
    project.full_clean()
    project.save()
    start_step(project=project, step=Step.SELECTION, now=started)
    audit_record(
        actor=actor,
        action="prevention.project.create",
        target=project,
        after=model_snapshot(project, fields=["year", "sequence", *PROJECT_FIELDS]),
        message=gettext_noop("Opened a prevention project"),
    )
    return project


@transaction.atomic
def case_selection_save(*, actor, project, fields, complete=False):
    """Record step 1; with `complete`, check the criteria and open step 2."""
    project = lock_project(project)
    require_perm(actor, "prevention.edit_project", project)
    require_state(project, Step.SELECTION, State.SELECTION)
    department = fields.get("source_department")
    if department is not None and department.procuratorate_id != (
        project.procuratorate_id
    ):
        raise ValidationError(
            {"source_department": _("The department belongs to another procuratorate.")}
        )
    selection = CaseSelection.objects.filter(project=project).first()
    selection = save_fields(
        actor=actor,
        project=project,
        instance=selection or CaseSelection(project=project),
        fields=fields,
        allowed=SELECTION_FIELDS,
        action="prevention.selection.save",
        message=gettext_noop("Saved the case selection"),
    )
    if complete:
        if selection.criteria_met < CaseSelection.MIN_CRITERIA:
            raise ValidationError(
                _(
                    "A representative case meets at least %(n)d of the four "
                    "selection criteria; this one meets %(met)d."
                )
                % {"n": CaseSelection.MIN_CRITERIA, "met": selection.criteria_met}
            )
        _advance(project, actor, "complete_selection", Step.SELECTION, Step.APPROVAL)
    return selection


def _advance(project, actor, transition_name, done, following):
    """Finish step `done`, move the state, and open step `following`."""
    moment = now()
    getattr(project, transition_name)()
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


@transaction.atomic
def approval_form_save(*, actor, project, fields, submit=False):
    """Write the approval form (立项审批表); with `submit`, send it to the head."""
    project = lock_project(project)
    require_perm(actor, "prevention.edit_project", project)
    require_state(project, Step.APPROVAL, State.APPROVAL_DRAFT)
    form = ApprovalForm.objects.filter(project=project).first()
    form = save_fields(
        actor=actor,
        project=project,
        instance=form or ApprovalForm(project=project),
        fields=fields,
        allowed=APPROVAL_FORM_FIELDS,
        action="prevention.approval_form.save",
        message=gettext_noop("Saved the approval form"),
    )
    if submit:
        approvers = head_level_approvers(project)
        if not approvers:
            raise ValidationError(
                _("The department has no head who could approve the project.")
            )
        moment = now()
        form.submitted_at = moment
        form.save(update_fields=["submitted_at", "updated_at"])
        project.submit_approval()
        project.save(update_fields=["state", "updated_at"])
        todo_close(target=project, step_code=step_todo_code(Step.APPROVAL), actor=actor)
        todo_open(
            target=project,
            step_code="prevention.approval_head",
            label=gettext_noop("Approve the prevention project (department)"),
            assignees=approvers,
            url=project.get_absolute_url(),
            due_at=due_for_step("prevention.approval_head", moment),
        )
        audit_record(
            actor=actor,
            action="prevention.approval_form.submit",
            target=project,
            after={"state": project.state},
            message=gettext_noop("Submitted the approval form"),
        )
    return form


@transaction.atomic
def approval_decide(*, actor, project, approve, opinion=""):
    """Sign the approval form at the current level, or return it with a reason."""
    project = lock_project(project)
    require_state(project, Step.APPROVAL, State.APPROVAL_HEAD, State.APPROVAL_PG)
    form = project.approval_form
    if project.state == State.APPROVAL_HEAD:
        level, perm = Approval.Level.DEPARTMENT_HEAD, "prevention.approve_as_head"
    else:
        level, perm = Approval.Level.PROCURATOR_GENERAL, "prevention.approve_as_pg"
    require_perm(actor, perm, project)
    _refuse_double_signature(actor, project, Approval.Document.APPROVAL_FORM, form)
    opinion = (opinion or "").strip()
    if not approve and not opinion:
        raise ValidationError({"opinion": _("Give the reason for returning it.")})
    moment = now()
    Approval.objects.create(
        project=project,
        document=Approval.Document.APPROVAL_FORM,
        level=level,
        decision=Approval.Decision.APPROVED if approve else Approval.Decision.RETURNED,
        opinion=opinion,
        decided_by=actor,
        decided_at=moment,
    )
    todo_close(
        target=project, step_code=f"prevention.approval_{_code(level)}", actor=actor
    )
    if not approve:
        project.return_approval()
        project.save(update_fields=["state", "updated_at"])
        open_handler_todo(
            project=project,
            step=Step.APPROVAL,
            due_at=project_step(project, Step.APPROVAL).due_at,
        )
    elif level == Approval.Level.DEPARTMENT_HEAD:
        project.approve_by_head()
        project.save(update_fields=["state", "updated_at"])
        approvers = pg_approvers(project)
        if not approvers:
            raise ValidationError(_("There is no procurator-general to approve it."))
        todo_open(
            target=project,
            step_code="prevention.approval_pg",
            label=gettext_noop("Approve the prevention project"),
            assignees=approvers,
            url=project.get_absolute_url(),
            due_at=due_for_step("prevention.approval_pg", moment),
        )
    else:
        _advance(project, actor, "approve_by_pg", Step.APPROVAL, Step.ANALYSIS)
    audit_record(
        actor=actor,
        action="prevention.approval_form." + ("approve" if approve else "return"),
        target=project,
        after={"level": level, "opinion": opinion, "state": project.state},
        message=gettext_noop("Approved the approval form")
        if approve
        else gettext_noop("Returned the approval form"),
    )
    return project


def _code(level):
    return "head" if level == Approval.Level.DEPARTMENT_HEAD else "pg"


def _refuse_double_signature(actor, project, document, submitted):
    """One person signs once per round: the second level needs someone else."""
    if Approval.objects.filter(
        project=project,
        document=document,
        decided_by=actor,
        decided_at__gte=submitted.submitted_at,
    ).exists():
        raise PermissionDenied(_("You have already signed this round."))
