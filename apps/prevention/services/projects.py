"""Steps 1 and 2: opening a project, selecting the case, the approval form."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, gettext_noop
from django_fsm import can_proceed

from apps.audit.services import audit_record, model_snapshot
from apps.core.actions import authorize, locked, locked_for_step, transition_check
from apps.core.numbering import number_next
from apps.todos.services import todo_close, todo_open
from apps.workdays.clock import due_for_step

from ..models import (
    Approval,
    ApprovalForm,
    CaseSelection,
    PreventionProject,
    Step,
)
from ._common import (
    PROJECT_RELATED,
    Handover,
    advance,
    hand_over,
    head_level_approvers,
    now,
    out_of_order,
    pg_approvers,
    save_document,
    send_back,
    sign,
    start_step,
)

# The series of core.numbering that project numbers are taken from.
PROJECT_SERIES = "prevention.project"


TO_HEAD = Handover(
    transition="submit_approval",
    todo_code="prevention.approval_head",
    todo_label=gettext_noop("Approve the prevention project (department)"),
    assignees=head_level_approvers,
    nobody=gettext_lazy("The department has no head who could approve the project."),
    action="prevention.approval_form.submit",
    message=gettext_noop("Submitted the approval form"),
)


@transaction.atomic
def project_create(*, actor, title, affected_unit, affected_unit_authority=""):
    """Open a prevention project in the actor's department; step 1 begins."""
    authorize(actor, "prevention.add_project")
    staff = actor.staff
    started = now()
    year = timezone.localdate(started).year
    # Numbers run per procuratorate and year, without gaps.
    sequence = number_next(
        procuratorate=staff.procuratorate, series=PROJECT_SERIES, year=year
    )
    project = PreventionProject(
        procuratorate_id=staff.procuratorate_id,
        department_id=staff.department_id,
        handler=actor,
        year=year,
        sequence=sequence,
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
        after=model_snapshot(
            project, fields=["year", "sequence", *PreventionProject.FIELDS]
        ),
        message=gettext_noop("Opened a prevention project"),
    )
    return project


@transaction.atomic
def case_selection_save(*, actor, project, fields, complete=False):
    """Record step 1; with `complete`, check the criteria and open step 2."""
    project = locked_for_step(
        actor,
        project,
        "complete_selection",
        related=PROJECT_RELATED,
        wrong_step=lambda p: out_of_order(p, Step.SELECTION),
    )
    department = fields.get("source_department")
    if department is not None and department.procuratorate_id != (
        project.procuratorate_id
    ):
        raise ValidationError(
            {"source_department": _("The department belongs to another procuratorate.")}
        )
    selection = save_document(
        actor=actor,
        project=project,
        model=CaseSelection,
        fields=fields,
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
        advance(
            project, actor, project.complete_selection, Step.SELECTION, Step.APPROVAL
        )
    return selection


@transaction.atomic
def approval_form_save(*, actor, project, fields, submit=False):
    """Write the approval form (立项审批表); with `submit`, send it to the head."""
    project = locked_for_step(
        actor,
        project,
        "submit_approval",
        related=PROJECT_RELATED,
        wrong_step=lambda p: out_of_order(p, Step.APPROVAL),
    )
    form = save_document(
        actor=actor,
        project=project,
        model=ApprovalForm,
        fields=fields,
        action="prevention.approval_form.save",
        message=gettext_noop("Saved the approval form"),
    )
    if submit:
        hand_over(
            actor=actor, project=project, document=form, step=Step.APPROVAL, to=TO_HEAD
        )
    return form


@transaction.atomic
def approval_decide(*, actor, project, approve, opinion=""):
    """Sign the approval form at the current level, or return it with a reason."""
    project = locked(project, related=PROJECT_RELATED)
    # The level that signs now is the one whose transition is open.
    if can_proceed(project.approve_by_head):
        level = Approval.Level.DEPARTMENT_HEAD
        move = project.approve_by_head if approve else project.return_by_head
    else:
        level = Approval.Level.PROCURATOR_GENERAL
        move = project.approve_by_pg if approve else project.return_by_pg
    transition_check(actor, move, wrong_step=out_of_order(project, Step.APPROVAL))
    opinion = sign(
        actor=actor,
        project=project,
        document=Approval.Document.APPROVAL_FORM,
        submitted=project.approval_form,
        level=level,
        approve=approve,
        opinion=opinion,
    )
    todo_close(
        target=project, step_code=f"prevention.approval_{_code(level)}", actor=actor
    )
    if not approve:
        send_back(project=project, move=move, step=Step.APPROVAL)
    elif level == Approval.Level.DEPARTMENT_HEAD:
        move()
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
            due_at=due_for_step("prevention.approval_pg", now()),
        )
    else:
        advance(project, actor, move, Step.APPROVAL, Step.ANALYSIS)
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
