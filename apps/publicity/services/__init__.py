"""Every state change of 信息宣传, one keyword-only function per action."""

from .adoptions import adoption_record
from .attachments import attachment_add, attachment_remove
from .bulletins import bulletin_create, bulletin_issue, bulletin_update
from .chain import (
    item_approve,
    item_dispatch,
    item_return,
    item_review,
    item_sign_off,
    item_submit,
)
from .items import item_create, item_delete, item_office_edit, item_update
from .quotas import quotas_set
from .rewards import (
    payout_approve,
    payout_compute,
    payout_request,
    reward_scheme_save,
)

__all__ = [
    "adoption_record",
    "attachment_add",
    "attachment_remove",
    "bulletin_create",
    "bulletin_issue",
    "bulletin_update",
    "item_approve",
    "item_create",
    "item_delete",
    "item_dispatch",
    "item_office_edit",
    "item_return",
    "item_review",
    "item_sign_off",
    "item_submit",
    "item_update",
    "payout_approve",
    "payout_compute",
    "payout_request",
    "quotas_set",
    "reward_scheme_save",
]
