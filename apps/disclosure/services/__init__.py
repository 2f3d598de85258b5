"""Every state change of 政务公示, one keyword-only function per action.

Split by subject: `requests` (service requests and their steps), `stock` (the
store), `board` (posts and rules), `plans` (monthly plans and results),
`meetings` (the office's meetings). Import the functions from here.
"""

from .board import (
    board_post_publish,
    board_post_withdraw,
    rule_publish,
    rule_revise,
)
from .meetings import (
    meeting_question_add,
    meeting_question_answer,
    meeting_record,
)
from .plans import (
    plan_create,
    plan_item_add,
    plan_item_remove,
    plan_publish,
    plan_record_results,
    plans_open_month_todos,
)
from .requests import (
    service_request_amend,
    service_request_complete,
    service_request_decide,
    service_request_fall_short,
    service_request_issue,
    service_request_purchase,
    service_request_stock_in,
    service_request_submit,
)
from .stock import (
    stock_adjust,
    stock_item_create,
    stock_item_update,
    stock_receive,
)

__all__ = [
    "board_post_publish",
    "board_post_withdraw",
    "meeting_question_add",
    "meeting_question_answer",
    "meeting_record",
    "plan_create",
    "plan_item_add",
    "plan_item_remove",
    "plan_publish",
    "plan_record_results",
    "plans_open_month_todos",
    "rule_publish",
    "rule_revise",
    "service_request_amend",
    "service_request_complete",
    "service_request_decide",
    "service_request_fall_short",
    "service_request_issue",
    "service_request_purchase",
    "service_request_stock_in",
    "service_request_submit",
    "stock_adjust",
    "stock_item_create",
    "stock_item_update",
    "stock_receive",
]
