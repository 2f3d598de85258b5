"""Who may do what in 信息宣传, as named predicates.

The steps of the chain and the states they leave from are the model's
transitions (`Item.submit`, `Item.approve`, …), each naming one of these
permissions; a page offers a step when the transition is available to the
user, and the service asks the same transition. So the predicates here say
only who may, never at which step.
"""

import rules
from django_fsm import has_transition_perm

from apps.core.models import Role
from apps.core.rules import (
    is_any_admin,
    is_department_head,
    is_deputy,
    is_information_officer,
    is_leadership,
    is_office_reviewer,
    is_procurator_general,
    is_staff_member,
    is_system_admin,
    same_procuratorate,
    staff_of,
)

from .models import Item

uses_publicity = is_staff_member & ~is_any_admin


@rules.predicate
def is_author(user, item):
    return item is not None and item.author_id == user.pk


@rules.predicate
def is_coauthor(user, item):
    if item is None:
        return False
    # Pages that show many items prefetch authorships; use them when present.
    return any(a.user_id == user.pk for a in item.authorships.all())


@rules.predicate
def approves_for_department(user, item):
    """Head or information officer of the item's department, or its deputy (分管)."""
    staff = staff_of(user)
    if staff is None or item is None:
        return False
    if staff.department_id == item.department_id and staff.has_role(
        Role.DEPARTMENT_HEAD, Role.INFORMATION_OFFICER
    ):
        return True
    return bool(item.department.deputy_id and item.department.deputy_id == staff.pk)


@rules.predicate
def author_is_procurator_general(user, item):
    staff = staff_of(item.author) if item is not None else None
    return bool(staff and staff.has_role(Role.PROCURATOR_GENERAL))


def _state_in(*states):
    name = "publicity_state_in:" + ",".join(states)

    @rules.predicate(name)
    def predicate(user, item):
        return item is not None and item.state in states

    return predicate


S = Item.State
is_draft = _state_in(S.DRAFT)
is_author_editable = _state_in(*Item.AUTHOR_EDITABLE)
is_dispatched = _state_in(S.DISPATCHED)
is_office_editable = _state_in(*Item.OFFICE_EDITABLE)

mine = same_procuratorate & uses_publicity
# The procurator-general signs; a deputy signs the procurator-general's own item.
signs_off = (is_procurator_general & ~is_author) | (
    is_deputy & author_is_procurator_general
)

may_approve = mine & approves_for_department & ~is_author
may_review = mine & is_office_reviewer & ~is_author
may_sign_off = mine & signs_off

# The forward step each reviewing state waits for; whoever may take it may
# instead return the item to its author.
_FORWARD = ("approve", "review", "sign_off")


@rules.predicate
def may_move_forward(user, item):
    return item is not None and any(
        has_transition_perm(getattr(item, name), user) for name in _FORWARD
    )


rules.add_perm("publicity.use", uses_publicity)
rules.add_perm("publicity.add_item", uses_publicity)
rules.add_perm(
    "publicity.view_item",
    mine
    & (
        is_author
        | is_coauthor
        | (~is_draft & (approves_for_department | is_office_reviewer | is_leadership))
        # Once dispatched an item has left the house: colleagues may read it.
        | is_dispatched
    ),
)
rules.add_perm("publicity.change_item", mine & is_author & is_author_editable)
rules.add_perm("publicity.delete_item", mine & is_author & is_draft)
# Steps of the chain: the model's transitions name these and hold the states.
rules.add_perm("publicity.submit_item", mine & is_author)
rules.add_perm("publicity.approve_item", may_approve)
rules.add_perm("publicity.review_item", may_review)
rules.add_perm("publicity.sign_off_item", may_sign_off)
rules.add_perm("publicity.dispatch_item", mine & is_office_reviewer)
rules.add_perm("publicity.return_item", may_move_forward)
rules.add_perm("publicity.edit_item_in_review", may_review & is_office_editable)
rules.add_perm("publicity.add_attachment", mine & is_author & is_author_editable)
rules.add_perm("publicity.record_adoption", mine & is_office_reviewer & is_dispatched)

# Queues: each lists the items waiting at one step.
rules.add_perm(
    "publicity.view_department_queue",
    uses_publicity & (is_department_head | is_information_officer | is_deputy),
)
rules.add_perm("publicity.view_office_queue", uses_publicity & is_office_reviewer)
rules.add_perm("publicity.view_sign_off_queue", uses_publicity & is_leadership)

# Everyone sees statistics and quota completion (the monthly 信息点评会 is open).
rules.add_perm("publicity.view_statistics", uses_publicity)
rules.add_perm("publicity.view_adoptions", uses_publicity)
rules.add_perm("publicity.manage_quotas", uses_publicity & is_office_reviewer)
rules.add_perm("publicity.manage_rewards", uses_publicity & is_office_reviewer)
rules.add_perm(
    "publicity.view_ledger", uses_publicity & (is_office_reviewer | is_leadership)
)
rules.add_perm("publicity.approve_ledger", mine & is_procurator_general)
rules.add_perm("publicity.manage_bulletins", uses_publicity & is_office_reviewer)
rules.add_perm("publicity.view_bulletins", uses_publicity)

# The outlet catalogue is reference data the system administrator keeps.
for action in ("view", "add", "change", "delete"):
    rules.add_perm(f"publicity.{action}_outlet", is_system_admin)
