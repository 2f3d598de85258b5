"""Who may do what in case-specific prevention.

The states in which each may be done are the model's transitions, which carry
these permissions; nothing here looks at the state.

The project team is the handler (承办人) and the head of the project's
department. Leadership sees every project of the procuratorate; other staff
see their own department's projects only. Nobody approves their own project.
"""

import rules

from apps.core.rules import (
    is_any_admin,
    is_department_clerk,
    is_department_head,
    is_deputy,
    is_leadership,
    is_procurator_general,
    is_staff_member,
    same_procuratorate,
    staff_of,
)

is_business_user = is_staff_member & ~is_any_admin


@rules.predicate
def has_department(user):
    staff = staff_of(user)
    return bool(staff and staff.department_id)


@rules.predicate
def is_handler(user, project):
    return project is not None and project.handler_id == user.pk


@rules.predicate
def in_project_department(user, project):
    staff = staff_of(user)
    return bool(
        staff and project is not None and staff.department_id == project.department_id
    )


@rules.predicate
def deputy_of_project_department(user, project):
    staff = staff_of(user)
    return bool(
        staff and project is not None and project.department.deputy_id == staff.pk
    )


heads_project_department = is_department_head & in_project_department
oversees_project_department = is_deputy & deputy_of_project_department
clerk_of_project_department = is_department_clerk & in_project_department


@rules.predicate
def edits_material_project(user, material):
    return material is not None and user.has_perm(
        "prevention.edit_project", material.project
    )


in_scope = is_business_user & same_procuratorate

rules.add_perm("prevention.view_project_list", is_business_user)
rules.add_perm("prevention.add_project", is_business_user & has_department)
rules.add_perm(
    "prevention.view_project",
    in_scope & (is_leadership | in_project_department | is_handler),
)
rules.add_perm(
    "prevention.edit_project", in_scope & (is_handler | heads_project_department)
)
# Taking back a filed material (while its step is open: the service checks).
rules.add_perm("prevention.remove_material", edits_material_project)
# The department-level sign-off: the head, or the overseeing deputy when the
# head is the handler (nobody signs their own project).
rules.add_perm(
    "prevention.approve_as_head",
    in_scope & (heads_project_department | oversees_project_department) & ~is_handler,
)
rules.add_perm(
    "prevention.approve_as_pg", in_scope & is_procurator_general & ~is_handler
)
# 交内勤归档: the department's clerk files the case; the head may stand in.
rules.add_perm(
    "prevention.archive_project",
    in_scope & (clerk_of_project_department | heads_project_department),
)
rules.add_perm(
    "prevention.view_statistics",
    is_business_user & (is_leadership | is_department_head),
)
