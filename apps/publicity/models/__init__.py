"""信息宣传 models, one module per part of the work.

The workflow of an item is declared as FSM transitions in `items`; who may take
each step, the row locks, to-dos and audit live in `services/`.
"""

from .bulletins import Bulletin, BulletinEntry
from .items import (
    Attachment,
    Authorship,
    Category,
    Item,
    ItemEvent,
    Kind,
    Medium,
    OutletLevel,
    Revision,
    Urgency,
)
from .outlets import Adoption, Dispatch, Outlet
from .rewards import (
    PayoutEntry,
    PayoutLedger,
    PayoutLine,
    Quota,
    RewardRule,
    RewardScheme,
)

__all__ = [
    "Adoption",
    "Attachment",
    "Authorship",
    "Bulletin",
    "BulletinEntry",
    "Category",
    "Dispatch",
    "Item",
    "ItemEvent",
    "Kind",
    "Medium",
    "Outlet",
    "OutletLevel",
    "PayoutEntry",
    "PayoutLedger",
    "PayoutLine",
    "Quota",
    "Revision",
    "RewardRule",
    "RewardScheme",
    "Urgency",
]
