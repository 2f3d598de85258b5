"""政务公示 models: service requests and stock first; board, rules, plans follow."""

from .requests import (
    ServiceKind,
    ServiceRequest,
    ServiceRequestAmendment,
    ServiceRequestLine,
    ServiceStep,
)
from .stock import StockItem, StockMovement

__all__ = [
    "ServiceKind",
    "ServiceRequest",
    "ServiceRequestAmendment",
    "ServiceRequestLine",
    "ServiceStep",
    "StockItem",
    "StockMovement",
]
