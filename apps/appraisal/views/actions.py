"""The buttons of the appraisal pages: one ActionSet per kind of object.

Each action names the model transition (or permission) that says who may
take it now, the form it needs and the one service it calls. A page offers
``<set>.offered(request, obj)``; ``<set>.view`` is the one POST endpoint,
which always redirects (also after a refusal) and keeps what was typed.
"""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from apps.core.actions import Action, ActionSet, calls

from .. import selectors
from ..forms import (
    CheckpointChoiceForm,
    CommentForm,
    DecisionForm,
    GradeForm,
    NoteForm,
    ReasonForm,
    RemedyForm,
    SpecialTaskApproveForm,
    SpecialTaskReportForm,
    TemplateApplyForm,
    TemplateSaveForm,
)
from ..models import TargetTemplate
from ..services import adjustments as adjustment_services
from ..services import cycles as cycle_services
from ..services import plans as plan_services
from ..services import progress as progress_services
from ..services import scoring as scoring_services
from ..services import targets as target_services


def _loader(selector):
    return lambda request, pk: selector(user=request.user, pk=pk)


SMALL = " btn-sm"

# ----------------------------------------------------------------- cycles
cycle_actions = ActionSet(
    "appraisal:cycle_act",
    load=_loader(selectors.cycle_get),
    actions=[
        Action(
            "launch",
            _("Ask departments to propose"),
            transition="launch",
            style="outline-primary" + SMALL,
            run=calls(cycle_services.cycle_launch, "cycle"),
            done=_("The departments have been asked to propose their targets."),
        ),
        Action(
            "open_grading",
            _("Open grading"),
            transition="open_grading",
            style="outline-primary" + SMALL,
            run=calls(scoring_services.grading_open, "cycle"),
            done=_("The reviewers have the qualitative targets in their to-dos."),
        ),
        Action(
            "compute",
            _("Compute scores"),
            transition="compute",
            style="primary" + SMALL,
            run=calls(scoring_services.score_run_start, "cycle"),
            done=_("The scores are being computed."),
            next=lambda cycle, run: run.get_absolute_url(),
        ),
        Action(
            "close",
            _("Close the cycle"),
            transition="close",
            style="dark" + SMALL,
            confirm=_("Close the cycle? Nothing in it can change afterwards."),
            run=calls(cycle_services.cycle_close, "cycle"),
            done=_("The cycle is closed and locked."),
        ),
        Action(
            "submit_plans",
            _("Submit the reviewed plans to the party group"),
            transition="submit_plans",
            style="outline-primary" + SMALL,
            run=calls(plan_services.plans_submit, "cycle"),
            done=_("The reviewed targets are before the party group."),
        ),
        Action(
            "approve_plans",
            _("Record the approval"),
            transition="approve_plans",
            form=DecisionForm,
            style="success" + SMALL,
            confirm=_(
                "Record the party group's approval? The targets freeze: "
                "afterwards they change only by an adjustment."
            ),
            run=calls(plan_services.plans_approve, "cycle", "decision_reference"),
            done=_("The party group's approval is recorded; the targets are frozen."),
        ),
        Action(
            "open_reporting",
            _("Open reporting"),
            transition="open_reporting",
            form=CheckpointChoiceForm,
            form_kwargs=lambda request, cycle: {"cycle": cycle},
            style="link btn-sm p-0",
            run=lambda user, cycle, data: progress_services.checkpoint_open_reporting(
                actor=user, checkpoint=data["checkpoint"]
            ),
            done=_("The departments have been asked to report their progress."),
        ),
    ],
)


# ------------------------------------------------------------------ plans
def _return(name):
    """The two ways a plan goes back to its department, with a reason."""
    return Action(
        name,
        _("Return with this reason"),
        title=_("Return to the department"),
        transition=name,
        form=ReasonForm,
        style="outline-warning" + SMALL,
        run=calls(plan_services.plan_return, "plan", "reason"),
        done=_("The targets went back to the department."),
    )


plan_actions = ActionSet(
    "appraisal:plan_act",
    load=_loader(selectors.plan_get),
    actions=[
        Action(
            "propose",
            _("Propose to the appraisal office"),
            transition="propose",
            style="primary" + SMALL,
            run=calls(plan_services.plan_propose, "plan"),
            done=_("The targets are proposed to the appraisal office."),
        ),
        Action(
            "review",
            _("Accept after review"),
            transition="review",
            style="success" + SMALL,
            run=calls(plan_services.plan_review, "plan"),
            done=_("The targets are reviewed."),
        ),
        _return("send_back"),
        _return("send_back_from_party_group"),
        Action(
            "issue_staff_targets",
            _("Issue the drafted staff targets"),
            transition="set_staff_targets",
            style="primary" + SMALL,
            run=calls(plan_services.individual_targets_issue, "plan"),
            done=_("The staff targets are issued and frozen."),
        ),
        Action(
            "apply_template",
            _("Create from template"),
            transition="draft",
            form=TemplateApplyForm,
            form_kwargs=lambda request, plan: {
                "templates": TargetTemplate.objects.filter(
                    department_id=plan.department_id
                )
            },
            style="outline-secondary" + SMALL,
            run=calls(target_services.targets_create_from_template, "plan", "template"),
            done=_("The template's targets are drafted."),
        ),
        Action(
            "keep_template",
            _("Keep as template"),
            perm="appraisal.draft_plan",
            form=TemplateSaveForm,
            form_kwargs=lambda request, plan: {
                "initial": {"name": plan.department.name}
            },
            style="outline-secondary" + SMALL,
            run=calls(target_services.template_save_from_plan, "plan", "name"),
            done=_("The targets are kept as a template for next year."),
        ),
    ],
)


# ---------------------------------------------------------------- targets
def _grade_form_kwargs(request, target):
    mine = target.grades.filter(reviewer=request.user).first()
    return {"target": target, "initial": {"grade": mine.grade} if mine else None}


GRADE = Action(
    "grade",
    _("Record my grade"),
    transition="grade",
    form=GradeForm,
    form_kwargs=_grade_form_kwargs,
    style="primary" + SMALL,
    run=calls(scoring_services.grade_record, "target", "grade", "comment"),
    done=_("The grade is recorded."),
)

target_actions = ActionSet(
    "appraisal:target_act",
    load=_loader(selectors.target_get),
    actions=[
        GRADE,
        Action(
            "delete",
            _("Delete"),
            transition="discard",
            style="link btn-sm text-danger",
            confirm=_("Delete this draft target?"),
            run=calls(target_services.target_delete, "target"),
            done=_("The draft target is deleted."),
            next=lambda target, result: (
                target.plan or target.cycle
            ).get_absolute_url(),
        ),
    ],
)

# The grading page grades many targets and comes back to itself.
grading_actions = ActionSet(
    "appraisal:grading_act",
    load=_loader(selectors.target_get),
    actions=[GRADE],
    back=lambda target: reverse("appraisal:grading", args=[target.cycle_id]),
)


# ------------------------------------------------------------ adjustments
adjustment_actions = ActionSet(
    "appraisal:adjustment_act",
    load=_loader(selectors.adjustment_get),
    actions=[
        Action(
            "review",
            _("Reviewed: pass to the party group"),
            transition="review",
            form=NoteForm,
            style="primary" + SMALL,
            run=calls(adjustment_services.adjustment_review, "adjustment", "note"),
            done=_("The adjustment is reviewed and goes to the party group."),
        ),
        Action(
            "approve",
            _("Approve"),
            transition="approve",
            form=NoteForm,
            style="success" + SMALL,
            run=calls(adjustment_services.adjustment_approve, "adjustment", "note"),
            done=_("The adjustment is approved and applied to the target."),
        ),
        Action(
            "reject",
            _("Refuse (give the reason above)"),
            transition="reject",
            form=NoteForm,
            style="outline-danger" + SMALL,
            run=calls(adjustment_services.adjustment_reject, "adjustment", "note"),
            done=_("The adjustment is refused."),
        ),
    ],
)


# ---------------------------------------------------------- special tasks
task_actions = ActionSet(
    "appraisal:special_task_act",
    load=_loader(selectors.special_task_get),
    actions=[
        Action(
            "approve",
            _("Approve with this credit"),
            title=_("Leadership decision"),
            transition="approve",
            form=SpecialTaskApproveForm,
            form_kwargs=lambda request, task: {
                "initial": {"credit_points": task.requested_points}
            },
            style="success" + SMALL,
            run=lambda user, task, data: progress_services.special_task_approve(
                actor=user, task=task, **data
            ),
            done=_("The special task is approved and earns credit."),
        ),
        Action(
            "reject",
            _("Decline"),
            title=_("Leadership decision"),
            transition="reject",
            form=NoteForm,
            style="outline-danger" + SMALL,
            run=calls(progress_services.special_task_reject, "task", "note"),
            done=_("The special task is declined."),
        ),
        Action(
            "report",
            _("Report progress"),
            transition="report",
            form=SpecialTaskReportForm,
            form_kwargs=lambda request, task: {"task": task},
            style="primary" + SMALL,
            run=lambda user, task, data: progress_services.special_task_report(
                actor=user, task=task, **data
            ),
            done=_("The progress is reported."),
        ),
    ],
)


# ---------------------------------------------------------------- reports
COMMENT = Action(
    "comment",
    pgettext_lazy("appraisal", "Comment"),
    perm="appraisal.comment_report",
    form=CommentForm,
    style="primary" + SMALL,
    run=calls(progress_services.report_comment, "report", "text"),
    done=_("The comment is recorded."),
)

report_actions = ActionSet(
    "appraisal:report_act",
    load=_loader(selectors.report_get),
    actions=[
        Action(
            "remedy",
            _("Save the measures"),
            title=_("Answer the behind-plan flag"),
            perm="appraisal.remedy_report",
            form=RemedyForm,
            form_kwargs=lambda request, report: {"initial": {"remedy": report.remedy}},
            style="primary" + SMALL,
            run=calls(progress_services.report_remedy, "report", "remedy"),
            done=_("The remedial measures are recorded."),
        ),
        COMMENT,
    ],
)

# The leadership board comments in place and comes back to the board.
board_actions = ActionSet(
    "appraisal:board_act",
    load=_loader(selectors.report_get),
    actions=[COMMENT],
    back=lambda report: reverse("dashboard:home"),
)


# ------------------------------------------------------------------- runs
run_actions = ActionSet(
    "appraisal:run_act",
    load=_loader(selectors.run_get),
    actions=[
        Action(
            "approve",
            _("Approve the results"),
            transition="approve",
            form=DecisionForm,
            style="success" + SMALL,
            confirm=_(
                "Approve the results for the party group? They freeze and cannot "
                "be computed again."
            ),
            run=calls(scoring_services.score_run_approve, "run", "decision_reference"),
            done=_("The results are approved and frozen."),
        ),
    ],
)


def offers_by_name(action_set, request, obj):
    """The offered actions of ``obj`` by name, for pages that place them apart."""
    return {offer.name: offer for offer in action_set.offered(request, obj)}
