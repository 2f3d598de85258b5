"""Scoped reads for the pages of 政务公示; each runs a fixed number of queries."""

from .board import (
    board_columns,
    board_overview,
    board_search,
    column_posts,
    post_detail,
    rule_detail,
    rule_list,
    rule_version_detail,
    time_limit_catalogue,
)
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
    "board_columns",
    "board_overview",
    "board_search",
    "column_posts",
    "month_bounds",
    "parse_month",
    "post_detail",
    "rule_detail",
    "rule_list",
    "rule_version_detail",
    "service_kind_choices",
    "service_request_detail",
    "service_request_list",
    "stock_item_detail",
    "stock_item_list",
    "supplies_month_board",
    "time_limit_catalogue",
]
