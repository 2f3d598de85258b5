"""The steps of cases, outcomes, extensions, grants and clues, declared once.

Each ActionSet names, per step, who may take it (the model's transition, which
carries its permission, or a permission of rules.py), its form, the one
service it calls and what the user reads afterwards. Pages offer what
``offered()`` returns; every POST goes through ``view``, which always
redirects back to the object's page.
"""

from django.contrib.auth.decorators import permission_required
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from apps.core.actions import Action, ActionSet

from .. import selectors, services
from ..forms import (
    ApproveForm,
    AttachmentForm,
    ClueConcludeForm,
    ClueDecideForm,
    ClueReportForm,
    ExtensionDecideForm,
    ExtensionRequestForm,
    GrantForm,
    HandlerForm,
    NotesForm,
    OutcomeForm,
    RefuseForm,
    ReturnForm,
    follow_up_form,
)
from ..models import Extension, Outcome


# ------------------------------------------------------------------ cases
def _members(request, petition):
    return {"members": selectors.department_members(department=petition.department)}


def _handler_now(request, petition):
    handler = getattr(petition.handler, "staff", None)
    return {**_members(request, petition), "initial": {"handler": handler}}


def _proposal_initial(request, petition):
    """A returned proposal comes back as it was; a new one is addressed to the court."""
    returned = getattr(petition, "outcome", None)
    if returned is None:
        return {"initial": {"recipient": petition.court_name}}
    return {
        "initial": {
            "kind": returned.kind,
            "suggestion_scope": returned.suggestion_scope,
            "recipient": returned.recipient,
            "opinion": returned.opinion,
            "is_major": returned.is_major,
        }
    }


petition_actions = ActionSet(
    "supervision:petition_action",
    load=lambda request, pk: selectors.petition_get(user=request.user, pk=pk),
    actions=[
        Action(
            "accept",
            _("Accept the petition"),
            transition="accept",
            run=lambda user, petition, data: services.petition_accept(
                actor=user, petition=petition
            ),
            done=_("The petition was accepted; the acceptance letter is numbered."),
            style="success",
        ),
        Action(
            "refuse",
            _("Do not accept"),
            transition="refuse",
            form=RefuseForm,
            run=lambda user, petition, data: services.petition_refuse(
                actor=user, petition=petition, reasons=data["reasons"]
            ),
            done=_("The petition was not accepted; the letter is numbered."),
            confirm=_("Refuse this petition?"),
            style="outline-danger",
        ),
        Action(
            "register",
            _("Register and assign"),
            title=_("Register the case"),
            transition="register",
            form=HandlerForm,
            form_kwargs=_members,
            run=lambda user, petition, data: services.petition_register(
                actor=user, petition=petition, handler=data["handler"]
            ),
            done=_("The case was registered."),
        ),
        Action(
            "outcome",
            _("Send for approval"),
            title=_("Propose the outcome"),
            transition="submit_outcome",
            form=OutcomeForm,
            form_kwargs=_proposal_initial,
            run=lambda user, petition, data: services.outcome_propose(
                actor=user, petition=petition, **data
            ),
            done=_("The outcome was sent for approval."),
        ),
        Action(
            "notes",
            _("Save notes"),
            title=_("Review notes"),
            transition="keep_review_notes",
            form=NotesForm,
            form_kwargs=lambda request, petition: {
                "initial": {"notes": petition.review_notes}
            },
            run=lambda user, petition, data: services.petition_save_review_notes(
                actor=user, petition=petition, notes=data["notes"]
            ),
            done=_("The review notes were saved."),
            style="outline-primary",
        ),
        Action(
            "extension",
            _("Request an extension"),
            title=_("Ask for more time"),
            transition="request_extension",
            form=ExtensionRequestForm,
            run=lambda user, petition, data: services.extension_request(
                actor=user, petition=petition, days=data["days"], reason=data["reason"]
            ),
            done=_("The extension was requested from the procurator-general."),
            style="outline-primary",
        ),
        Action(
            "assign",
            _("Assign"),
            title=_("Change the handler"),
            transition="assign_handler",
            form=HandlerForm,
            form_kwargs=_handler_now,
            run=lambda user, petition, data: services.petition_assign_handler(
                actor=user, petition=petition, handler=data["handler"]
            ),
            done=_("The handler was changed."),
            style="outline-primary",
        ),
        Action(
            "attachment",
            _("Attach"),
            title=_("Attach a document"),
            transition="add_attachment",
            form=AttachmentForm,
            run=lambda user, petition, data: services.attachment_add(
                actor=user, petition=petition, kind=data["kind"], upload=data["file"]
            ),
            done=_("The file was attached."),
            style="outline-primary",
        ),
        Action(
            "grant",
            _("Give access"),
            title=_("Access outside the department"),
            perm="supervision.grant_access",
            form=GrantForm,
            form_kwargs=lambda request, petition: {
                "candidates": selectors.grantable_staff(petition=petition)
            },
            run=lambda user, petition, data: services.access_grant(
                actor=user, petition=petition, **data
            ),
            done=_("Access to the case was granted."),
            style="outline-secondary",
        ),
    ],
)


# --------------------------------------------------------------- outcomes
def _follow_up(user, outcome, data):
    record = {
        "upper_decision": services.outcome_record_upper_decision,
        "court_reply": services.outcome_record_court_reply,
        "retrial_result": services.outcome_record_retrial_result,
    }[outcome.follow_up_step]
    return record(actor=user, outcome=outcome, **data)


outcome_actions = ActionSet(
    "supervision:outcome_action",
    load=lambda request, pk: selectors.outcome_get(user=request.user, pk=pk),
    actions=[
        Action(
            "approve",
            _("Approve"),
            transition="approve",
            form=ApproveForm,
            # Only the head of a case not yet major chooses to send it on.
            form_kwargs=lambda request, outcome: {
                "ask_major": outcome.state == Outcome.State.AWAITING_HEAD
                and not outcome.needs_procurator_general
            },
            run=lambda user, outcome, data: services.outcome_approve(
                actor=user, outcome=outcome, is_major=data.get("is_major")
            ),
            done=_("The outcome was approved."),
            style="success",
        ),
        Action(
            "return",
            _("Return for revision"),
            transition="send_back",
            form=ReturnForm,
            run=lambda user, outcome, data: services.outcome_return(
                actor=user, outcome=outcome, note=data["note"]
            ),
            done=_("The outcome was returned to the handler."),
            style="outline-warning",
        ),
        Action(
            "committee",
            _("Send to the committee"),
            transition="send_to_committee",
            run=lambda user, outcome, data: services.outcome_send_to_committee(
                actor=user, outcome=outcome
            ),
            done=_("The case was sent to the procuratorial committee as a topic."),
            confirm=_("Send this case to the procuratorial committee as a topic?"),
            style="outline-primary",
        ),
        Action(
            "follow_up",
            pgettext_lazy("court result", "Record"),
            title=_("Court follow-up"),
            transition="record_follow_up",
            form=follow_up_form,
            form_kwargs=lambda request, outcome: {"step": outcome.follow_up_step},
            run=_follow_up,
            done=_("The answer was recorded."),
        ),
    ],
)


# ------------------------------------------------------------- extensions
def _extension_decided(extension):
    if extension.state == Extension.State.APPROVED:
        return _("The extension was approved.")
    return _("The extension was refused.")


extension_actions = ActionSet(
    "supervision:extension_action",
    load=lambda request, pk: selectors.extension_get(user=request.user, pk=pk),
    actions=[
        Action(
            "decide",
            _("Decide"),
            title=_("Review extension requested"),
            transition="approve",  # approve and refuse: same step, same people
            form=ExtensionDecideForm,
            run=lambda user, extension, data: services.extension_decide(
                actor=user,
                extension=extension,
                approve=data["decision"] == "approve",
                note=data["note"],
            ),
            done=_extension_decided,
        ),
    ],
)


# ----------------------------------------------------------------- grants
grant_actions = ActionSet(
    "supervision:grant_action",
    load=lambda request, pk: selectors.grant_get(user=request.user, pk=pk),
    back=lambda grant: grant.petition.get_absolute_url(),
    actions=[
        Action(
            "revoke",
            _("Revoke"),
            perm="supervision.revoke_access",
            run=lambda user, grant, data: services.access_revoke(
                actor=user, grant=grant
            ),
            done=_("Access to the case was revoked."),
            style="link text-danger",
        ),
    ],
)


# ------------------------------------------------------------------ clues
clue_actions = ActionSet(
    "supervision:clue_action",
    load=lambda request, pk: selectors.clue_get(user=request.user, pk=pk),
    actions=[
        Action(
            "report",
            _("Report the clue"),
            title=_("Report to the procurator-general"),
            transition="report",
            form=ClueReportForm,
            run=lambda user, clue, data: services.clue_report(
                actor=user, clue=clue, note=data["note"]
            ),
            done=_("The clue was reported to the procurator-general."),
        ),
        Action(
            "decide",
            _("Decide"),
            title=_("Preliminary inquiry"),
            transition="start_inquiry",  # or dismiss: same step, same people
            form=ClueDecideForm,
            form_kwargs=lambda request, clue: {
                "candidates": selectors.procuratorate_staff(
                    procuratorate_id=clue.procuratorate_id
                )
            },
            run=lambda user, clue, data: services.clue_decide(
                actor=user, clue=clue, **data
            ),
            done=_("The decision was recorded."),
        ),
        Action(
            "conclude",
            _("Conclude"),
            title=_("Conclude the inquiry"),
            transition="became_case",  # or not_case: same step, same people
            form=ClueConcludeForm,
            run=lambda user, clue, data: services.clue_conclude(
                actor=user, clue=clue, **data
            ),
            done=_("The inquiry was concluded."),
        ),
    ],
)

# The POST endpoints; business users only, the sets check the rest.
_case_users = permission_required(
    "supervision.view_petition_list", raise_exception=True
)
petition_action = _case_users(petition_actions.view)
outcome_action = _case_users(outcome_actions.view)
extension_action = _case_users(extension_actions.view)
grant_action = _case_users(grant_actions.view)
clue_action = permission_required("supervision.view_clue_list", raise_exception=True)(
    clue_actions.view
)
