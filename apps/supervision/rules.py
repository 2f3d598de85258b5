"""Who may do what in civil and administrative supervision (one place to read it).

The states at which each step is open are the model's transitions, which
name the permission below; nothing here repeats them.

Confidentiality first: a case is seen only by its department, the deputy who
oversees that department, the procurator-general, and people given explicit
access to that one case. Everyone else is told the case does not exist.
Clues of judicial staff's crimes are stricter still: no access grants.
"""

import rules
from django.db.models import Q
from django.utils import timezone

from apps.core.rules import (
    is_any_admin,
    is_department_head,
    is_procurator_general,
    is_staff_member,
    same_procuratorate,
    staff_of,
)

from .models import SUPERVISION_DEPARTMENT_CODE, AccessGrant

is_business_user = is_staff_member & ~is_any_admin


@rules.predicate
def is_supervision_member(user):
    """True for staff of the civil-administrative department."""
    staff = staff_of(user)
    return bool(
        staff
        and staff.department_id
        and staff.department.code == SUPERVISION_DEPARTMENT_CODE
    )


@rules.predicate
def oversees_supervision(user):
    """True for the deputy who oversees the civil-administrative department."""
    staff = staff_of(user)
    if not staff:
        return False
    # Asked by every page's navigation: remember the answer for this request's
    # user object instead of querying once per menu entry.
    if not hasattr(staff, "_oversees_supervision"):
        staff._oversees_supervision = staff.overseen_departments.filter(
            code=SUPERVISION_DEPARTMENT_CODE
        ).exists()
    return staff._oversees_supervision


@rules.predicate
def in_record_department(user, obj):
    """True when the user works in the department handling the case or clue."""
    staff = staff_of(user)
    return bool(staff and obj is not None and staff.department_id == obj.department_id)


@rules.predicate
def oversees_record_department(user, obj):
    staff = staff_of(user)
    return bool(staff and obj is not None and obj.department.deputy_id == staff.pk)


@rules.predicate
def heads_record_department(user, obj):
    staff = staff_of(user)
    return bool(
        staff
        and obj is not None
        and staff.department_id == obj.department_id
        and is_department_head(user)
    )


def live_grant_q(user, prefix=""):
    """Q for grants of `user` that are neither revoked nor expired."""
    today = timezone.localdate()
    return Q(
        **{
            f"{prefix}grantee": user,
            f"{prefix}revoked_at__isnull": True,
        }
    ) & (
        Q(**{f"{prefix}expires_on__isnull": True})
        | Q(**{f"{prefix}expires_on__gte": today})
    )


@rules.predicate
def holds_grant(user, petition):
    if petition is None or not user.is_authenticated:
        return False
    return AccessGrant.objects.filter(live_grant_q(user), petition=petition).exists()


@rules.predicate
def is_handler(user, petition):
    return bool(petition is not None and petition.handler_id == user.pk)


@rules.predicate
def handles_outcome_case(user, outcome):
    return bool(outcome is not None and outcome.petition.handler_id == user.pk)


@rules.predicate
def heads_outcome_department(user, outcome):
    return bool(outcome is not None and heads_record_department(user, outcome.petition))


@rules.predicate
def proposed_outcome(user, outcome):
    """Nobody approves their own proposal."""
    return bool(outcome is not None and outcome.proposed_by_id == user.pk)


@rules.predicate
def requested_extension(user, extension):
    """Nobody decides on their own request for more time."""
    return bool(extension is not None and extension.requested_by_id == user.pk)


@rules.predicate
def may_grant_on_case(user, grant):
    return bool(
        grant is not None and user.has_perm("supervision.grant_access", grant.petition)
    )


@rules.predicate
def is_inquirer(user, clue):
    return bool(clue is not None and clue.inquirer_id == user.pk)


# Department, overseeing deputy, procurator-general: the case's natural readers.
in_chain = in_record_department | oversees_record_department | is_procurator_general
can_view_petition = is_business_user & same_procuratorate & (in_chain | holds_grant)
can_work_on_petition = is_business_user & same_procuratorate & in_record_department
can_lead_petition = is_business_user & same_procuratorate & heads_record_department
can_view_clue = is_business_user & same_procuratorate & in_chain
# Statistics, exports and the clue register: the department and its leadership.
in_supervision_line = is_business_user & (
    is_supervision_member | oversees_supervision | is_procurator_general
)

# The list page is open to every business user: it shows only what they may see.
rules.add_perm("supervision.view_petition_list", is_business_user)
rules.add_perm("supervision.use_supervision", in_supervision_line)
rules.add_perm("supervision.add_petition", is_business_user & is_supervision_member)
rules.add_perm("supervision.view_petition", can_view_petition)
rules.add_perm("supervision.change_petition", can_work_on_petition)
rules.add_perm("supervision.decide_acceptance", can_lead_petition)
rules.add_perm("supervision.register_petition", can_lead_petition)
rules.add_perm("supervision.assign_handler", can_lead_petition)
rules.add_perm("supervision.review_petition", can_work_on_petition & is_handler)
rules.add_perm("supervision.request_extension", can_work_on_petition & is_handler)
rules.add_perm(
    "supervision.decide_extension",
    is_business_user
    & same_procuratorate
    & is_procurator_general
    & ~requested_extension,
)
rules.add_perm("supervision.propose_outcome", can_work_on_petition & is_handler)
rules.add_perm(
    "supervision.approve_outcome_as_head",
    is_business_user
    & same_procuratorate
    & heads_outcome_department
    & ~proposed_outcome,
)
rules.add_perm(
    "supervision.approve_outcome_as_pg",
    is_business_user & same_procuratorate & is_procurator_general & ~proposed_outcome,
)
rules.add_perm(
    "supervision.record_follow_up",
    is_business_user
    & same_procuratorate
    & (handles_outcome_case | heads_outcome_department),
)
rules.add_perm(
    "supervision.grant_access",
    is_business_user
    & same_procuratorate
    & (heads_record_department | oversees_record_department | is_procurator_general),
)
rules.add_perm("supervision.revoke_access", may_grant_on_case)
# On the outcome: the head of the case's department or the procurator-general.
rules.add_perm(
    "supervision.send_to_committee",
    is_business_user
    & same_procuratorate
    & (heads_outcome_department | is_procurator_general),
)
rules.add_perm("supervision.view_statistics", in_supervision_line)
rules.add_perm("supervision.export_petitions", in_supervision_line)
# Clues.
rules.add_perm("supervision.view_clue_list", in_supervision_line)
rules.add_perm("supervision.add_clue", is_business_user & is_supervision_member)
rules.add_perm("supervision.view_clue", can_view_clue)
rules.add_perm(
    "supervision.report_clue",
    is_business_user & same_procuratorate & heads_record_department,
)
rules.add_perm(
    "supervision.decide_clue",
    is_business_user & same_procuratorate & is_procurator_general,
)
rules.add_perm(
    "supervision.conclude_clue",
    is_business_user & same_procuratorate & (is_inquirer | heads_record_department),
)
# Reference data in the admin: nothing of this app is edited there.
