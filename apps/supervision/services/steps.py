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

# What each step's to-do asks of its assignees.
STEP_LABELS = {
    STEP_ACCEPT: gettext_noop("Accept or refuse the petition"),
    STEP_REGISTER: gettext_noop("Register the case and assign a handler"),
    STEP_REVIEW: gettext_noop("Review the case and propose an outcome"),
    STEP_EXTENSION: gettext_noop("Decide on the review extension"),
    STEP_OUTCOME_HEAD: gettext_noop("Approve the outcome as department head"),
    STEP_OUTCOME_PG: gettext_noop("Approve the outcome as procurator-general"),
    STEP_CLUE_REPORT: gettext_noop("Report the clue to the procurator-general"),
    STEP_CLUE_DECIDE: gettext_noop("Decide whether to inquire into the clue"),
    STEP_CLUE_INQUIRY: gettext_noop("Conclude the preliminary inquiry"),
}
# Follow-up step of an outcome → the catalogue entry that times it.
FOLLOW_UP_STEPS = {
    "upper_decision": STEP_COURT_REPLY,
    "court_reply": STEP_COURT_REPLY,
    "retrial_result": STEP_RETRIAL,
}
FOLLOW_UP_LABELS = {
    "upper_decision": gettext_noop("Record whether the upper procuratorate protests"),
    "court_reply": gettext_noop("Record the court's answer to the suggestion"),
    "retrial_result": gettext_noop("Record the result of the retrial"),
}


def open_todo(target, step_code, assignees, due_at, *, subject=None, label=None):
    """Put step ``step_code`` of ``target`` into the assignees' to-dos, linked
    to the page of ``subject`` (the case an outcome or extension belongs to)
    or else of ``target``; ``label`` defaults to the step's."""
    todo_open(
        target=target,
        step_code=step_code,
        label=label or STEP_LABELS[step_code],
        assignees=assignees,
        url=(subject or target).get_absolute_url(),
        due_at=due_at,
        subject=subject,
    )


def open_review_todo(petition):
    open_todo(petition, STEP_REVIEW, [petition.handler], petition.review_due_at)


def open_follow_up_todo(outcome):
    step = outcome.follow_up_step
    if step is None:
        return
    petition = outcome.petition
    open_todo(
        outcome,
        FOLLOW_UP_STEPS[step],
        [petition.handler],
        outcome.follow_up_due_at,
        subject=petition,
        label=FOLLOW_UP_LABELS[step],
    )
