from .models import Department, Staff
from .scoping import scope_to_procuratorate


def staff_list(*, user, department_id=None):
    """Active staff of the user's procuratorate, by department order; one query."""
    qs = scope_to_procuratorate(
        Staff.objects.filter(user__is_active=True).select_related(
            "department", "user", "procuratorate"
        ),
        user,
    )
    if department_id:
        qs = qs.filter(department_id=department_id)
    return qs.order_by("department__sort_order", "department__name", "name")


def department_list(*, user):
    """Active departments of the user's procuratorate, with their overseeing deputy."""
    return scope_to_procuratorate(
        Department.objects.filter(is_active=True).select_related("deputy"), user
    ).order_by("sort_order", "name")


def staff_with_role(*, procuratorate_id, role, department_id=None):
    """Active staff holding `role` in a procuratorate (optionally one department)."""
    qs = Staff.objects.filter(
        procuratorate_id=procuratorate_id,
        roles__contains=[str(role)],
        user__is_active=True,
    ).select_related("user", "department")
    if department_id is not None:
        qs = qs.filter(department_id=department_id)
    return qs


def users_with_role(*, procuratorate_id, role, department_id=None):
    """The accounts of `staff_with_role`, for opening to-dos."""
    return [
        s.user
        for s in staff_with_role(
            procuratorate_id=procuratorate_id, role=role, department_id=department_id
        )
    ]
