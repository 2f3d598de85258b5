"""Scoped reads for the pages of 政务公示; each runs a fixed number of queries."""

from .requests import (
    month_bounds,
    parse_month,
    service_kind_choices,
    service_request_detail,
    service_request_list,
    supplies_month_board,
)
from .stock import stock_item_detail, stock_item_list

__all__ = [
    "month_bounds",
    "parse_month",
    "service_kind_choices",
    "service_request_detail",
    "service_request_list",
    "stock_item_detail",
    "stock_item_list",
    "supplies_month_board",
]
