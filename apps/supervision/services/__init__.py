"""Every state change of civil and administrative supervision, one function each.

The modules: petitions (intake to registration, handler, notes, documents),
extensions (more time for the review), access (grants outside the department),
outcomes (approval, documents, court follow-up), committee (a case sent to the
procuratorial committee), clues (the clue register), numbering (how document
numbers read), steps (to-do steps and their time limits). Each checks who may
act with core.actions (authorize, transition_check) under a row lock (locked).
"""

from .access import access_grant, access_revoke
from .clues import (
    clue_conclude,
    clue_decide,
    clue_record_view,
    clue_register,
    clue_report,
)
from .committee import outcome_send_to_committee
from .extensions import extension_decide, extension_request
from .outcomes import (
    outcome_approve,
    outcome_propose,
    outcome_record_court_reply,
    outcome_record_retrial_result,
    outcome_record_upper_decision,
    outcome_return,
)
from .petitions import (
    attachment_add,
    petition_accept,
    petition_assign_handler,
    petition_receive,
    petition_record_view,
    petition_refuse,
    petition_register,
    petition_save_review_notes,
)

__all__ = [
    "access_grant",
    "access_revoke",
    "attachment_add",
    "clue_conclude",
    "clue_decide",
    "clue_record_view",
    "clue_register",
    "clue_report",
    "extension_decide",
    "extension_request",
    "outcome_approve",
    "outcome_propose",
    "outcome_record_court_reply",
    "outcome_record_retrial_result",
    "outcome_record_upper_decision",
    "outcome_return",
    "outcome_send_to_committee",
    "petition_accept",
    "petition_assign_handler",
    "petition_receive",
    "petition_record_view",
    "petition_refuse",
    "petition_register",
    "petition_save_review_notes",
]
