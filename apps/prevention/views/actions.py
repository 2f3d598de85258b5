"""What a user can do on a prevention project's page, one ``Action`` each.

The eight steps' forms, the sign-offs, the materials and the archive all go
through ``PROJECT_ACTIONS.view`` (``/prevention/<id>/act/<action>/``), which
checks, calls one service and always redirects back to the project page
(post/redirect/get), also after a refusal. A step's action is offered when the
model's transition that finishes the step is open to the user: the step order
and who may are declared there, once.
"""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from apps.core.actions import Action, ActionSet

from .. import services
from ..forms import (
    ActivityForm,
    AnalysisReportForm,
    ApprovalFormForm,
    CaseSelectionForm,
    DecisionForm,
    DeliveryForm,
    FinalReportForm,
    MaterialForm,
    ReturnVisitForm,
    SuggestionLetterForm,
    SymposiumForm,
)
from ..models import Material
from ..selectors import project_detail

SAVED = _("Saved.")


def load_project(request, pk):
    """The project with its documents, or 404 when the user may not see it."""
    project = project_detail(user=request.user, pk=pk)
    if not request.user.has_perm("prevention.view_project", project):
        raise Http404
    return project


def load_material(request, pk):
    material = get_object_or_404(Material, pk=pk)
    material.project = load_project(request, material.project_id)
    return material


@dataclass(frozen=True)
class WhileOpen(Action):
    """An action that moves no state: open while ``open_when(obj)`` holds."""

    open_when: Callable[[Any], bool] | None = None

    def is_open(self, obj):
        return super().is_open(obj) and (self.open_when is None or self.open_when(obj))

    def may(self, user, obj):
        return self.is_open(obj) and super().may(user, obj)


def _document(name):
    """``form_kwargs`` editing the project's document ``name`` (if written)."""
    return lambda request, project: {"instance": getattr(project, name, None)}


def _finished_or_saved(finished_message):
    return lambda finished: finished_message if finished else SAVED


def step(
    name,
    label,
    *,
    transition,
    form,
    service,
    finished,
    finish="complete",
    form_kwargs=None,
):
    """The form of a step's document, with "save" and "finish" buttons.

    ``service(actor=, project=, fields=, <finish>=)`` saves the step's document
    (and with ``<finish>=True`` finishes the step); the step is open while the
    ``transition`` that finishes it is open to the user. The form edits the
    project's document ``name`` unless ``form_kwargs`` says otherwise.
    """

    def run_step(user, project, data):
        fields = dict(data)
        finishing = fields.pop("finish")
        service(actor=user, project=project, fields=fields, **{finish: finishing})
        return finishing

    return Action(
        name,
        label,
        transition=transition,
        form=form,
        form_kwargs=form_kwargs or _document(name),
        run=run_step,
        done=_finished_or_saved(finished),
    )


def decision(name, *, transition, service):
    """A sign-off form: approve, or return with a reason."""

    def run(user, project, data):
        service(
            actor=user,
            project=project,
            approve=data["approve"],
            opinion=data.get("opinion", ""),
        )
        return data["approve"]

    return Action(
        name,
        _("Approve"),
        transition=transition,
        form=DecisionForm,
        run=run,
        done=lambda approved: (
            _("Approved.") if approved else _("Returned to the handler.")
        ),
    )


def _letter_initial(request, project):
    letter = getattr(project, "suggestion_letter", None)
    if letter is None:
        return {"initial": {"addressee": project.affected_unit}}
    return {
        "initial": {
            "addressee": letter.addressee,
            "problems": letter.problems,
            "suggestions": "\n".join(item.text for item in letter.items.all()),
        }
    }


def _return_visit_form(request, project):
    return {
        "instance": getattr(project, "return_visit", None),
        "suggestions": project.suggestion_letter.items.all(),
    }


def _save_letter(*, actor, project, fields, submit):
    services.suggestion_letter_save(
        actor=actor, project=project, **fields, submit=submit
    )


def _save_return_visit(*, actor, project, fields, complete):
    fields, feedback = ReturnVisitForm.split(fields)
    services.return_visit_save(
        actor=actor,
        project=project,
        fields=fields,
        feedback=feedback,
        complete=complete,
    )


PROJECT_ACTIONS = ActionSet(
    "prevention:project_act",
    load=load_project,
    actions=[
        step(
            "selection",
            _("Finish step 1"),
            transition="complete_selection",
            form=CaseSelectionForm,
            form_kwargs=lambda request, project: {
                "user": request.user,
                "instance": getattr(project, "selection", None),
            },
            service=services.case_selection_save,
            finished=_("Step 1 is finished."),
        ),
        step(
            "approval_form",
            pgettext_lazy("prevention", "Submit for approval"),
            transition="submit_approval",
            form=ApprovalFormForm,
            service=services.approval_form_save,
            finish="submit",
            finished=_("Sent to the department head for approval."),
        ),
        # One sign-off form per level; its buttons say approve or return.
        decision(
            "head_decision",
            transition="approve_by_head",
            service=services.approval_decide,
        ),
        decision(
            "pg_decision", transition="approve_by_pg", service=services.approval_decide
        ),
        step(
            "analysis",
            _("Finish step 3"),
            transition="complete_analysis",
            form=AnalysisReportForm,
            service=services.analysis_report_save,
            finished=_("Step 3 is finished."),
        ),
        step(
            "symposium",
            _("Finish step 4"),
            transition="complete_symposium",
            form=SymposiumForm,
            service=services.symposium_save,
            finished=_("Step 4 is finished."),
        ),
        step(
            "letter",
            _("Submit to the procurator-general"),
            transition="submit_suggestion",
            form=SuggestionLetterForm,
            form_kwargs=_letter_initial,
            service=_save_letter,
            finish="submit",
            finished=_("Sent to the procurator-general for approval."),
        ),
        decision(
            "letter_decision",
            transition="approve_suggestion",
            service=services.suggestion_letter_decide,
        ),
        Action(
            "delivery",
            _("Record the delivery"),
            transition="record_delivery",
            form=DeliveryForm,
            form_kwargs=lambda request, project: {
                "initial": {"delivered_on": timezone.localdate()}
            },
            run=lambda user, project, data: services.suggestion_letter_deliver(
                actor=user, project=project, **data
            ),
            done=_("The delivery is recorded; step 5 is finished."),
        ),
        Action(
            "activity",
            _("Record the activity"),
            transition="complete_activities",
            form=ActivityForm,
            run=lambda user, project, data: services.activity_add(
                actor=user, project=project, fields=data
            ),
            done=_("The activity is recorded."),
        ),
        Action(
            "finish_activities",
            _("Finish step 6"),
            transition="complete_activities",
            run=lambda user, project, data: services.activities_complete(
                actor=user, project=project
            ),
            done=_("Step 6 is finished."),
        ),
        step(
            "return_visit",
            _("Finish step 7"),
            transition="complete_return_visit",
            form=ReturnVisitForm,
            form_kwargs=_return_visit_form,
            service=_save_return_visit,
            finished=_("Step 7 is finished."),
        ),
        step(
            "final_report",
            _("Hand over for archiving"),
            transition="submit_final_report",
            form=FinalReportForm,
            service=services.final_report_save,
            finish="submit",
            finished=_("Handed to the clerk for archiving."),
        ),
        Action(
            "archive",
            _("Archive and bind the case file"),
            transition="archive",
            confirm=_("Archive the project? It is locked afterwards."),
            run=lambda user, project, data: services.project_archive(
                actor=user, project=project
            ),
            done=_("Archived. The case file is being bound."),
        ),
        # Collected materials are filed under whichever step is open.
        WhileOpen(
            "material",
            _("Upload"),
            perm="prevention.edit_project",
            open_when=lambda project: not project.is_archived,
            form=MaterialForm,
            run=lambda user, project, data: services.material_add(
                actor=user, project=project, **data
            ),
            done=_("The material is filed."),
        ),
    ],
)

MATERIAL_ACTIONS = ActionSet(
    "prevention:material_act",
    load=load_material,
    back=lambda material: material.project.get_absolute_url(),
    actions=[
        WhileOpen(
            "remove",
            _("Remove"),
            perm="prevention.remove_material",
            # A material is taken back only while the step it was filed in is open.
            open_when=lambda material: material.step == material.project.current_step,
            confirm=_("Remove this material?"),
            run=lambda user, material, data: services.material_remove(
                actor=user, material=material
            ),
            done=_("The material is removed."),
        ),
    ],
)
