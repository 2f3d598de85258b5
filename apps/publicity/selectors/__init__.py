"""Scoped reads of 信息宣传; every list and statistics page runs a fixed number of
queries whatever the data size."""

from .items import (
    LIST_LIMIT,
    OFFICE_TABS,
    adoption_get,
    adoption_list,
    attachment_get,
    department_queue,
    departments_approved_by,
    is_late,
    item_get,
    item_history,
    item_list_mine,
    item_revisions,
    office_queue,
    office_queue_counts,
    outlet_choices,
    sign_off_queue,
)

__all__ = [
    "LIST_LIMIT",
    "OFFICE_TABS",
    "adoption_get",
    "adoption_list",
    "attachment_get",
    "department_queue",
    "departments_approved_by",
    "is_late",
    "item_get",
    "item_history",
    "item_list_mine",
    "item_revisions",
    "office_queue",
    "office_queue_counts",
    "outlet_choices",
    "sign_off_queue",
]
