"""The pages of the three meetings; thin: parse, check, call one service or selector."""

from .bodies import body_detail, body_list
from .outcomes import (
    decision_pdf,
    half_year_review,
    half_year_review_pdf,
    monthly_report,
    resolution_action,
    resolution_detail,
    supervision_action,
    supervision_detail,
    supervision_list,
)
from .sittings import (
    item_action,
    item_detail,
    meeting_action,
    meeting_create,
    meeting_detail,
    meeting_list,
    minutes_pdf,
)
from .topics import index, topic_action, topic_create, topic_detail, topic_list

__all__ = [
    "body_detail",
    "body_list",
    "decision_pdf",
    "half_year_review",
    "half_year_review_pdf",
    "index",
    "item_action",
    "item_detail",
    "meeting_action",
    "meeting_create",
    "meeting_detail",
    "meeting_list",
    "minutes_pdf",
    "monthly_report",
    "resolution_action",
    "resolution_detail",
    "supervision_action",
    "supervision_detail",
    "supervision_list",
    "topic_action",
    "topic_create",
    "topic_detail",
    "topic_list",
]
