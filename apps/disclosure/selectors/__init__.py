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
from .meetings import meeting_detail, meeting_list, meeting_question_detail
from .plans import Progress, my_month_plans, plan_board, plan_detail
from .requests import (
    month_bounds,
    parse_month,
    service_kind_choices,
    service_request_detail,
    service_request_list,
    supplies_month_board,
)
from .statistics import disclosure_statistics, newsletter_context
from .stock import stock_item_detail, stock_item_list

__all__ = [
    "Progress",
    "board_columns",
    "board_overview",
    "board_search",
    "column_posts",
    "disclosure_statistics",
    "meeting_detail",
    "meeting_list",
    "meeting_question_detail",
    "month_bounds",
    "my_month_plans",
    "newsletter_context",
    "parse_month",
    "plan_board",
    "plan_detail",
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
