"""Who may do what in 政务公示, as named predicates (django-rules).

The office director (办公室主任) is the head of the office: a department head
who also holds the office-reviewer role. Office reviewers are the office's
staff who buy, keep the store, publish on the board and moderate comments.
"""

import rules

from apps.core.rules import (
    is_any_admin,
    is_department_clerk,
    is_department_head,
    is_leadership,
    is_office_reviewer,
    is_staff_member,
    is_system_admin,
    same_procuratorate,
    staff_of,
)

can_use = is_staff_member & ~is_any_admin
is_office_director = is_department_head & is_office_reviewer


@rules.predicate
def is_requester(user, request):
    return request is not None and request.requested_by_id == user.pk


@rules.predicate
def in_requesting_department(user, request):
    staff = staff_of(user)
    return bool(
        staff and request is not None and staff.department_id == request.department_id
    )


@rules.predicate
def in_comprehensive_department(user):
    staff = staff_of(user)
    return bool(
        staff and staff.department_id and staff.department.kind == "comprehensive"
    )


rules.add_perm("disclosure.view_board", can_use)
rules.add_perm(
    "disclosure.submit_request", can_use & (is_department_clerk | is_department_head)
)
rules.add_perm("disclosure.view_request", can_use & same_procuratorate)
# Object-level: the director decides, never on a request of their own.
rules.add_perm(
    "disclosure.decide_request",
    can_use & is_office_director & same_procuratorate & ~is_requester,
)
rules.add_perm(
    "disclosure.handle_request", can_use & is_office_reviewer & same_procuratorate
)
rules.add_perm(
    "disclosure.amend_request",
    can_use
    & same_procuratorate
    & (
        is_office_reviewer
        | (in_requesting_department & (is_department_clerk | is_department_head))
    ),
)
rules.add_perm("disclosure.publish", can_use & is_office_reviewer)
rules.add_perm(
    "disclosure.manage_post", can_use & is_office_reviewer & same_procuratorate
)
rules.add_perm(
    "disclosure.manage_rule", can_use & is_office_reviewer & same_procuratorate
)
rules.add_perm("disclosure.view_stock", can_use & (is_office_reviewer | is_leadership))
rules.add_perm("disclosure.manage_stock", can_use & is_office_reviewer)
rules.add_perm(
    "disclosure.view_statistics", can_use & (is_office_reviewer | is_leadership)
)
# Reference data (columns, service kinds) is kept by the system administrator
# in the administration site, like the time-limit catalogue.
for model in ("boardcolumn", "servicekind"):
    for action in ("view", "add", "change", "delete"):
        rules.add_perm(f"disclosure.{action}_{model}", is_system_admin)


@rules.predicate
def owns_plan(user, plan):
    """The person of a personal plan; the head or clerk of a department plan."""
    staff = staff_of(user)
    if not staff or plan is None or staff.procuratorate_id != plan.procuratorate_id:
        return False
    if plan.staff_id is not None:
        return plan.staff_id == staff.pk
    return staff.department_id == plan.department_id and staff.has_role(
        "department_head", "department_clerk"
    )


rules.add_perm("disclosure.keep_plans", can_use & in_comprehensive_department)
rules.add_perm("disclosure.edit_plan", can_use & owns_plan)
rules.add_perm("disclosure.record_meeting", can_use & is_office_reviewer)
