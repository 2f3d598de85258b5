"""政务公示 models: service requests and stock first; board, rules, plans follow."""

from .board import BoardColumn, BoardPost, Rule, RuleVersion
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
