"""Who may do what in integrity culture.

Integrity culture is organised by the discipline inspection office (纪检监察)
and the political department (政治处) — the essay's "明确责任部门和人员" — and
by the leadership. Every member of staff takes part.
"""

import rules

from apps.core.models import Role
from apps.core.rules import (
    has_role,
    is_any_admin,
    is_leadership,
    is_procurator_general,
    is_staff_member,
    same_procuratorate,
    staff_of,
)

# Department codes (apps.core.demo) of the offices that run integrity culture.
ORGANISER_DEPARTMENTS = ("discipline", "political")

is_business_user = is_staff_member & ~is_any_admin


@rules.predicate
def in_organiser_department(user):
    staff = staff_of(user)
    return bool(
        staff and staff.department_id and staff.department.code in ORGANISER_DEPARTMENTS
    )


@rules.predicate
def quiz_finished(user, quiz):
    return quiz is not None and quiz.is_finished


@rules.predicate
def drafted_plan(user, plan):
    return plan is not None and plan.drafted_by_id == user.pk


is_organiser = is_business_user & (is_leadership | in_organiser_department)

rules.add_perm("integrity.view", is_business_user)
rules.add_perm("integrity.organise", is_organiser)
# Object-level: the contest (or question) must be of the user's procuratorate.
rules.add_perm("integrity.manage_quiz", is_organiser & same_procuratorate)
rules.add_perm("integrity.manage_question", is_organiser & same_procuratorate)
rules.add_perm("integrity.take_quiz", is_business_user & same_procuratorate)
rules.add_perm(
    "integrity.view_ranking",
    is_business_user & same_procuratorate & (quiz_finished | is_organiser),
)

# The annual plan and its activities.
rules.add_perm("integrity.manage_plan", is_organiser & same_procuratorate)
rules.add_perm(
    "integrity.approve_plan",
    is_business_user & is_procurator_general & same_procuratorate & ~drafted_plan,
)
rules.add_perm("integrity.manage_activity", is_organiser & same_procuratorate)
rules.add_perm("integrity.take_part", is_business_user & same_procuratorate)

# The outside-supervision channel: recorded where remarks arrive (discipline
# inspection, complaints, office), handled by discipline inspection.
DISCIPLINE = "discipline"
RECEIVING_DEPARTMENTS = ("discipline", "complaints", "office")


def _department_code(user):
    staff = staff_of(user)
    return staff.department.code if staff and staff.department_id else None


@rules.predicate
def in_discipline(user):
    return _department_code(user) == DISCIPLINE


@rules.predicate
def in_receiving_department(user):
    return _department_code(user) in RECEIVING_DEPARTMENTS


@rules.predicate
def heads_discipline(user):
    staff = staff_of(user)
    return bool(staff and in_discipline(user) and staff.has_role("department_head"))


@rules.predicate
def recorded_remark(user, remark):
    return remark is not None and remark.recorded_by_id == user.pk


@rules.predicate
def assigned_remark(user, remark):
    return remark is not None and remark.assignee_id == user.pk


rules.add_perm(
    "integrity.record_remark",
    is_business_user & (in_receiving_department | is_leadership),
)
rules.add_perm(
    "integrity.view_remark_list", is_business_user & (in_discipline | is_leadership)
)
rules.add_perm(
    "integrity.view_remark",
    is_business_user
    & same_procuratorate
    & (in_discipline | is_leadership | recorded_remark),
)
rules.add_perm(
    "integrity.assign_remark", is_business_user & same_procuratorate & heads_discipline
)
rules.add_perm(
    "integrity.answer_remark", is_business_user & same_procuratorate & assigned_remark
)
rules.add_perm(
    "integrity.close_remark", is_business_user & same_procuratorate & heads_discipline
)

rules.add_perm(
    "integrity.view_indicators",
    is_business_user
    & (is_leadership | in_organiser_department | has_role(Role.APPRAISAL_OFFICE)),
)
rules.add_perm("integrity.manage_exemplar", is_organiser & same_procuratorate)


@rules.predicate
def judges_contest(user, contest):
    return contest is not None and contest.judges.filter(pk=user.pk).exists()


rules.add_perm("integrity.manage_contest", is_organiser & same_procuratorate)
# Judges do not compete in the contest they judge.
rules.add_perm(
    "integrity.enter_contest",
    is_business_user & same_procuratorate & ~judges_contest,
)
rules.add_perm(
    "integrity.judge_contest", is_business_user & same_procuratorate & judges_contest
)
