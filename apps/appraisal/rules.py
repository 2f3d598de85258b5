"""Who may do what in performance appraisal (one place to read the permissions).

Predicates say who may act; the model's transitions name these permissions
and hold the states each step leaves from (`transition_check` asks both).
Object predicates receive the object the action is on; without one (a menu
entry, a page of many items) they answer False unless noted.
"""

import rules

from apps.core.models import Role
from apps.core.rules import (
    is_any_admin,
    is_appraisal_office,
    is_department_head,
    is_leadership,
    is_procurator_general,
    is_staff_member,
    oversees_department,
    staff_of,
)

can_use = is_staff_member & ~is_any_admin
is_office = can_use & is_appraisal_office
is_pg = can_use & is_procurator_general
is_leader = can_use & is_leadership


@rules.predicate
def in_procuratorate(user, obj):
    staff = staff_of(user)
    return bool(
        staff and obj is not None and obj.procuratorate_id == staff.procuratorate_id
    )


def _holds(user, department_id, *roles):
    """The user holds one of `roles` in the department `department_id`."""
    staff = staff_of(user)
    return bool(
        staff
        and department_id
        and staff.department_id == department_id
        and staff.has_role(*roles)
    )


def _heads(user, department_id):
    return _holds(user, department_id, Role.DEPARTMENT_HEAD)


def _drafts_for(user, department_id):
    """The department head or its clerk (内勤) keeps the department's drafts."""
    return _holds(user, department_id, Role.DEPARTMENT_HEAD, Role.DEPARTMENT_CLERK)


# Plans, targets, special tasks, reports and results each belong to a
# department (`department_id`), and the individual ones to a member of staff.
@rules.predicate
def heads_its_department(user, obj):
    return obj is not None and _heads(user, obj.department_id)


@rules.predicate
def drafts_for_its_department(user, obj):
    return obj is not None and _drafts_for(user, obj.department_id)


@rules.predicate
def oversees_its_department(user, obj):
    return obj is not None and oversees_department(user, obj.department)


@rules.predicate
def member_of_its_department(user, obj):
    staff = staff_of(user)
    return bool(staff and obj is not None and staff.department_id == obj.department_id)


@rules.predicate
def owns_it(user, obj):
    staff = staff_of(user)
    return bool(staff and obj is not None and obj.staff_id == staff.pk)


@rules.predicate
def is_individual_target(user, target):
    return target is not None and target.level == "individual"


@rules.predicate
def adjustment_is_individual(user, adjustment):
    return adjustment is not None and adjustment.target.level == "individual"


@rules.predicate
def heads_adjustment_department(user, adjustment):
    return adjustment is not None and _heads(user, adjustment.target.department_id)


@rules.predicate
def requested_adjustment(user, adjustment):
    return adjustment is not None and adjustment.requested_by_id == user.pk


@rules.predicate
def requested_by_its_head(user, adjustment):
    """A head asking to adjust their own staff target (nobody above in the dept)."""
    return adjustment is not None and _heads(
        adjustment.requested_by, adjustment.target.department_id
    )


@rules.predicate
def report_is_behind(user, report):
    """Only a report behind plan asks for remedial measures (not a workflow state)."""
    return report is not None and report.is_behind


@rules.predicate
def in_open_cycle(user, obj):
    """A report has no workflow of its own; its cycle's lock governs it."""
    return obj is not None and not obj.cycle.is_closed


# Pages and reference data.
rules.add_perm("appraisal.view_appraisal", can_use)
rules.add_perm("appraisal.manage_cycles", is_office)
rules.add_perm("appraisal.manage_cycle", is_office & in_procuratorate)
rules.add_perm("appraisal.view_rankings", is_office | is_leader)
rules.add_perm("appraisal.view_board", is_leader)

# Setting targets: department → appraisal office → party group.
rules.add_perm(
    "appraisal.edit_plan",
    in_procuratorate & can_use & (drafts_for_its_department | is_office),
)
# The department drafts its own plan (its head or clerk; an office member
# drafts the office's own plan).
rules.add_perm(
    "appraisal.draft_plan",
    in_procuratorate
    & can_use
    & (drafts_for_its_department | (is_office & member_of_its_department)),
)
rules.add_perm(
    "appraisal.propose_plan", in_procuratorate & can_use & heads_its_department
)
rules.add_perm("appraisal.review_plan", in_procuratorate & is_office)
rules.add_perm("appraisal.submit_plans", in_procuratorate & is_office)
# The party group approves; its secretary, the procurator-general, records it.
rules.add_perm("appraisal.approve_plans", in_procuratorate & is_pg)
rules.add_perm(
    "appraisal.set_individual_targets",
    in_procuratorate & can_use & heads_its_department,
)

# Individual targets and results are seen by their owner, the department head,
# the appraisal office and leadership; department targets by everyone.
rules.add_perm(
    "appraisal.view_target",
    in_procuratorate
    & can_use
    & (~is_individual_target | owns_it | heads_its_department | is_office | is_leader),
)
rules.add_perm(
    "appraisal.report_progress",
    in_procuratorate
    & can_use
    & (
        (~is_individual_target & drafts_for_its_department)
        | (is_individual_target & (owns_it | heads_its_department))
    ),
)
rules.add_perm(
    "appraisal.request_adjustment",
    in_procuratorate
    & can_use
    & (
        (~is_individual_target & heads_its_department)
        | (is_individual_target & owns_it)
    ),
)
rules.add_perm(
    "appraisal.review_adjustment",
    in_procuratorate & is_office & ~adjustment_is_individual,
)
rules.add_perm(
    "appraisal.decide_adjustment",
    in_procuratorate
    & ~requested_adjustment
    & (
        (~adjustment_is_individual & is_pg)
        | (adjustment_is_individual & can_use & heads_adjustment_department)
        # A head's own staff target: the appraisal office decides instead.
        | (adjustment_is_individual & is_office & requested_by_its_head)
    ),
)
rules.add_perm(
    "appraisal.grade_target",
    in_procuratorate
    & can_use
    & (
        is_office
        | (~is_individual_target & oversees_its_department)
        | (is_individual_target & heads_its_department)
    ),
)

# Special tasks: proposed by a department head, approved by leadership.
rules.add_perm("appraisal.propose_special_task", can_use & is_department_head)
rules.add_perm(
    "appraisal.decide_special_task",
    in_procuratorate & (is_pg | (is_leader & oversees_its_department)),
)
rules.add_perm(
    "appraisal.report_special_task",
    in_procuratorate & can_use & drafts_for_its_department,
)

# Progress flagged behind plan: the head answers, the overseeing deputy comments.
rules.add_perm(
    "appraisal.remedy_report",
    in_procuratorate
    & can_use
    & heads_its_department
    & report_is_behind
    & in_open_cycle,
)
rules.add_perm(
    "appraisal.comment_report",
    in_procuratorate & (is_pg | (is_leader & oversees_its_department)) & in_open_cycle,
)

# Scoring: the office computes, the party group approves (recorded by the PG).
rules.add_perm("appraisal.compute_scores", in_procuratorate & is_office)
rules.add_perm("appraisal.approve_results", in_procuratorate & is_pg)
rules.add_perm("appraisal.view_run", in_procuratorate & (is_office | is_leader))
rules.add_perm(
    "appraisal.view_department_result",
    in_procuratorate & (is_office | is_leader | (can_use & member_of_its_department)),
)
rules.add_perm(
    "appraisal.view_individual_result",
    in_procuratorate
    & (is_office | is_leader | (can_use & (owns_it | heads_its_department))),
)
