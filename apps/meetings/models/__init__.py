"""The three meetings (三会): bodies and their rosters over time, topics, meetings,
votes, resolutions, minutes and the supervision of what was decided.

Workflows live in `services/`; the models hold data, choices, constraints and
the FSM transition declarations.
"""

from .bodies import (
    PERSONNEL_CATEGORIES,
    SCOPE_BODY,
    SEAT_SPEAKING_RANK,
    Ballot,
    Body,
    BodyKind,
    Membership,
    ScopeCategory,
    Seat,
    scope_choices_for,
)
from .monthly import MonthlyReport
from .outcomes import (
    ExecutionReport,
    FollowUp,
    Minutes,
    Resolution,
    Supervision,
    SupervisionAssignment,
)
from .sittings import (
    AgendaItem,
    Attendance,
    Meeting,
    Opinion,
    Recusal,
    SittingIn,
    Vote,
    VoteChoice,
)
from .topics import (
    MATERIAL_KINDS,
    MATERIAL_MAX_BYTES,
    Topic,
    TopicLog,
    TopicMaterial,
)

__all__ = [
    "MATERIAL_KINDS",
    "MATERIAL_MAX_BYTES",
    "PERSONNEL_CATEGORIES",
    "SCOPE_BODY",
    "SEAT_SPEAKING_RANK",
    "AgendaItem",
    "Attendance",
    "Ballot",
    "Body",
    "BodyKind",
    "ExecutionReport",
    "FollowUp",
    "Meeting",
    "Membership",
    "Minutes",
    "MonthlyReport",
    "Opinion",
    "Recusal",
    "Resolution",
    "ScopeCategory",
    "Seat",
    "SittingIn",
    "Supervision",
    "SupervisionAssignment",
    "Topic",
    "TopicLog",
    "TopicMaterial",
    "Vote",
    "VoteChoice",
    "scope_choices_for",
]
