"""Every state change of the three meetings, one keyword-only function per action.

Other apps use `topic_file` (see docs/meetings.md); its signature is stable.
"""

from .bodies import (
    Joining,
    bodies_ensure,
    body_set_officials,
    office_roster_sync,
    roster_change,
)
from .minutes import minutes_approve, minutes_return, minutes_submit, minutes_update
from .monthly import (
    first_working_day,
    monthly_report_comment,
    monthly_report_submit,
    months_to_prepare,
    office_meeting_ensure_monthly,
    office_meetings_ensure,
)
from .sittings import (
    agenda_add,
    attendance_record,
    item_carry_over,
    meeting_close,
    meeting_create,
    meeting_open,
    next_speaker,
    opinion_record,
    recusal_record,
    sitting_in_allow,
)
from .supervision import (
    execution_report,
    supervision_assign,
    supervision_confirm,
    supervision_follow_up,
    supervision_send_back,
    supervisions_flag_overdue,
)
from .topics import (
    topic_approve,
    topic_file,
    topic_material_add,
    topic_resubmit,
    topic_return,
    topic_review_pass,
    topic_route,
    topic_withdraw,
)
from .voting import (
    ballot_count_record,
    item_decide_by_pg,
    resolution_record_upper_decision,
    resolution_report_upward,
    vote_record,
    voting_close,
    voting_open,
)

__all__ = [
    "Joining",
    "agenda_add",
    "attendance_record",
    "ballot_count_record",
    "bodies_ensure",
    "body_set_officials",
    "execution_report",
    "first_working_day",
    "item_carry_over",
    "item_decide_by_pg",
    "meeting_close",
    "meeting_create",
    "meeting_open",
    "minutes_approve",
    "minutes_return",
    "minutes_submit",
    "minutes_update",
    "monthly_report_comment",
    "monthly_report_submit",
    "months_to_prepare",
    "next_speaker",
    "office_meeting_ensure_monthly",
    "office_meetings_ensure",
    "office_roster_sync",
    "opinion_record",
    "recusal_record",
    "resolution_record_upper_decision",
    "resolution_report_upward",
    "roster_change",
    "sitting_in_allow",
    "supervision_assign",
    "supervision_confirm",
    "supervision_follow_up",
    "supervision_send_back",
    "supervisions_flag_overdue",
    "topic_approve",
    "topic_file",
    "topic_material_add",
    "topic_resubmit",
    "topic_return",
    "topic_review_pass",
    "topic_route",
    "topic_withdraw",
    "vote_record",
    "voting_close",
    "voting_open",
]
