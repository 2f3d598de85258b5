"""The waiting steps of a case and the to-dos that put them in someone's inbox."""

from django.utils.translation import gettext_noop

from apps.todos.services import todo_open

STEP_ACCEPT = "supervision.accept"
STEP_REGISTER = "supervision.register"
STEP_REVIEW = "supervision.review"
STEP_EXTENSION = "supervision.extension_decide"
STEP_OUTCOME_HEAD = "supervision.outcome_head"
STEP_OUTCOME_PG = "supervision.outcome_pg"
STEP_COURT_REPLY = "supervision.court_reply"
STEP_RETRIAL = "supervision.retrial_follow"
STEP_CLUE_REPORT = "supervision.clue_report"
STEP_CLUE_DECIDE = "supervision.clue_decide"
STEP_CLUE_INQUIRY = "supervision.clue_inquiry"

# Follow-up step of an outcome → the catalogue entry that times it.
FOLLOW_UP_STEPS = {
    "upper_decision": STEP_COURT_REPLY,
    "court_reply": STEP_COURT_REPLY,
    "retrial_result": STEP_RETRIAL,
}
FOLLOW_UP_LABELS = {
    "upper_decision": gettext_noop("Record the upper procuratorate's decision"),
    "court_reply": gettext_noop("Record the court's answer to the suggestion"),
    "retrial_result": gettext_noop("Record the result of the retrial"),
}


def open_review_todo(petition):
    todo_open(
        target=petition,
        step_code=STEP_REVIEW,
        label=gettext_noop("Review the case and propose an outcome"),
        assignees=[petition.handler],
        url=petition.get_absolute_url(),
        due_at=petition.review_due_at,
    )


def open_follow_up_todo(outcome):
    step = outcome.follow_up_step
    if step is None:
        return
    petition = outcome.petition
    todo_open(
        target=outcome,
        step_code=FOLLOW_UP_STEPS[step],
        label=FOLLOW_UP_LABELS[step],
        assignees=[petition.handler],
        url=petition.get_absolute_url(),
        due_at=outcome.follow_up_due_at,
        subject=petition,
    )
