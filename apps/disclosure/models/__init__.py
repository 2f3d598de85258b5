"""政务公示 models, by subject: board, requests, stock, plans, meetings."""

from .board import BoardColumn, BoardPost, Rule, RuleVersion
from .meetings import MeetingQuestion, OfficeMeeting
from .plans import MonthlyPlan, PlanItem
from .requests import (
    ServiceKind,
    ServiceRequest,
    ServiceRequestAmendment,
    ServiceRequestLine,
    ServiceStep,
)
from .stock import StockItem, StockMovement

__all__ = [
    "BoardColumn",
    "BoardPost",
    "MeetingQuestion",
    "MonthlyPlan",
    "OfficeMeeting",
    "PlanItem",
    "Rule",
    "RuleVersion",
    "ServiceKind",
    "ServiceRequest",
    "ServiceRequestAmendment",
    "ServiceRequestLine",
    "ServiceStep",
    "StockItem",
    "StockMovement",
]
