"""Who may do what in the organisation app, as named predicates (django-rules).

Other apps build on the role predicates here rather than re-reading roles.
"""

import rules

from .models import Role


def staff_of(user):
    return getattr(user, "staff", None) if user.is_authenticated else None


def has_role(*roles):
    """Predicate factory: true when the user's staff profile holds any of `roles`."""
    name = "has_role:" + ",".join(str(r) for r in roles)

    @rules.predicate(name)
    def predicate(user):
        staff = staff_of(user)
        return bool(staff and staff.user.is_active and staff.has_role(*roles))

    return predicate


@rules.predicate
def is_staff_member(user):
    return staff_of(user) is not None and user.is_active


is_procurator_general = has_role(Role.PROCURATOR_GENERAL)
is_deputy = has_role(Role.DEPUTY_PROCURATOR_GENERAL)
is_leadership = has_role(Role.PROCURATOR_GENERAL, Role.DEPUTY_PROCURATOR_GENERAL)
is_department_head = has_role(Role.DEPARTMENT_HEAD)
is_information_officer = has_role(Role.INFORMATION_OFFICER)
is_department_clerk = has_role(Role.DEPARTMENT_CLERK)
is_office_reviewer = has_role(Role.OFFICE_REVIEWER)
is_committee_office = has_role(Role.COMMITTEE_OFFICE)
is_appraisal_office = has_role(Role.APPRAISAL_OFFICE)
is_system_admin = has_role(Role.SYSTEM_ADMIN)
is_security_admin = has_role(Role.SECURITY_ADMIN)
is_audit_admin = has_role(Role.AUDIT_ADMIN)
is_any_admin = is_system_admin | is_security_admin | is_audit_admin


@rules.predicate
def same_procuratorate(user, obj):
    staff = staff_of(user)
    return bool(
        staff and obj is not None and obj.procuratorate_id == staff.procuratorate_id
    )


@rules.predicate
def heads_department_of(user, department):
    """True when the user is head of `department` (a Department)."""
    staff = staff_of(user)
    return bool(
        staff
        and department is not None
        and staff.has_role(Role.DEPARTMENT_HEAD)
        and staff.department_id == department.pk
    )


@rules.predicate
def oversees_department(user, department):
    """True when the user is the deputy who oversees `department` (分管)."""
    staff = staff_of(user)
    return bool(staff and department is not None and department.deputy_id == staff.pk)


# Business pages: any active member of staff. Administrators keep to their own
# consoles (separation of duties), so they do not act in the business apps.
rules.add_perm("core.use_business_apps", is_staff_member & ~is_any_admin)
rules.add_perm("core.export_staff_roster", is_staff_member)

# Admin site: the system administrator keeps the organisation and accounts.
rules.add_perm("core.access_admin", is_any_admin)
for model in ("procuratorate", "department", "staff", "user"):
    for action in ("view", "add", "change", "delete"):
        rules.add_perm(f"core.{action}_{model}", is_system_admin)

# Login lockouts (django-axes): the security administrator reviews and unlocks
# (deleting an access attempt unlocks that account).
for model in ("accessattempt", "accesslog", "accessfailurelog"):
    rules.add_perm(f"axes.view_{model}", is_security_admin)
rules.add_perm("axes.delete_accessattempt", is_security_admin)
