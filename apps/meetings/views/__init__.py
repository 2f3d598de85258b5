"""The pages of the three meetings; thin: parse, check, call one service or selector.

The actions on each kind of object are an ActionSet next to its views; its
`.view` is the one POST endpoint of that kind.
"""

from .bodies import BODY_ACTIONS, body_detail, body_list
from .outcomes import (
    ASSIGNMENT_ACTIONS,
    MONTHLY_ACTIONS,
    RESOLUTION_ACTIONS,
    SUPERVISION_ACTIONS,
    decision_pdf,
    half_year_review,
    half_year_review_pdf,
    monthly_report,
    resolution_detail,
    supervision_detail,
    supervision_list,
)
from .sittings import (
    ITEM_ACTIONS,
    MEETING_ACTIONS,
    MINUTES_ACTIONS,
    item_detail,
    meeting_create,
    meeting_detail,
    meeting_list,
    minutes_pdf,
)
from .topics import (
    TOPIC_ACTIONS,
    index,
    material_download,
    topic_create,
    topic_detail,
    topic_list,
)

__all__ = [
    "ASSIGNMENT_ACTIONS",
    "BODY_ACTIONS",
    "ITEM_ACTIONS",
    "MEETING_ACTIONS",
    "MINUTES_ACTIONS",
    "MONTHLY_ACTIONS",
    "RESOLUTION_ACTIONS",
    "SUPERVISION_ACTIONS",
    "TOPIC_ACTIONS",
    "body_detail",
    "body_list",
    "decision_pdf",
    "half_year_review",
    "half_year_review_pdf",
    "index",
    "item_detail",
    "material_download",
    "meeting_create",
    "meeting_detail",
    "meeting_list",
    "minutes_pdf",
    "monthly_report",
    "resolution_detail",
    "supervision_detail",
    "supervision_list",
    "topic_create",
    "topic_detail",
    "topic_list",
]
