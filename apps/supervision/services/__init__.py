"""Every state change of civil and administrative supervision, one function each.

The modules: petitions (intake to registration, deadline, access), outcomes
(approval, documents, court follow-up), clues (the clue register), numbering
(the gapless document numbers), steps (to-do steps and their time limits).
"""

from .clues import (
    clue_conclude,
    clue_decide,
    clue_record_view,
    clue_register,
    clue_report,
)
from .committee import SENDABLE_STATES as COMMITTEE_SENDABLE_STATES
from .committee import outcome_send_to_committee
from .outcomes import (
    outcome_approve,
    outcome_propose,
    outcome_record_court_reply,
    outcome_record_retrial_result,
    outcome_record_upper_decision,
    outcome_return,
)
from .petitions import (
    access_grant,
    access_revoke,
    attachment_add,
    check_upload,
    extension_decide,
    extension_request,
    petition_accept,
    petition_assign_handler,
    petition_receive,
    petition_record_view,
    petition_refuse,
    petition_register,
    petition_save_review_notes,
)

__all__ = [
    "COMMITTEE_SENDABLE_STATES",
    "access_grant",
    "access_revoke",
    "attachment_add",
    "check_upload",
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
