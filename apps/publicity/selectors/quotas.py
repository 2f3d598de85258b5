"""任务分解: the year's targets with their completion to date.

A quota with a level counts adoptions at that level or higher ("市级以上" is
how the essays speak); without one it counts adoptions at any level. A
person's completion counts every adoption of an item they wrote or co-wrote.
"""

from collections import defaultdict

from django.db.models import Count

from apps.core.scoping import scope_to_procuratorate, user_procuratorate_id

from ..models import Adoption, Authorship, OutletLevel, Quota
from .statistics import rate_percent

# Highest first: a level counts towards quotas at its own level and below.
LEVEL_ORDER = [
    OutletLevel.NATIONAL,
    OutletLevel.PROVINCIAL,
    OutletLevel.PREFECTURAL,
    OutletLevel.COUNTY,
]


def _at_or_above(level):
    return LEVEL_ORDER[: LEVEL_ORDER.index(level) + 1] if level else LEVEL_ORDER


def _done(counts_by_level, level):
    return sum(counts_by_level.get(lv, 0) for lv in _at_or_above(level))


def adoption_counts_by_department(*, procuratorate_id, year):
    """{department_id: {level: adoptions}} for adoptions dated in `year`."""
    counts = defaultdict(dict)
    for r in (
        Adoption.objects.filter(
            procuratorate_id=procuratorate_id, adopted_on__year=year
        )
        .values("item__department_id", "outlet__level")
        .annotate(n=Count("id"))
    ):
        counts[r["item__department_id"]][r["outlet__level"]] = r["n"]
    return counts


def adoption_counts_by_person(*, procuratorate_id, year):
    """{user_id: {level: adoptions}}: each author of an item counts its adoptions."""
    counts = defaultdict(dict)
    for r in (
        Authorship.objects.filter(
            item__procuratorate_id=procuratorate_id,
            item__adoptions__adopted_on__year=year,
        )
        .values("user_id", "item__adoptions__outlet__level")
        .annotate(n=Count("item__adoptions"))
    ):
        counts[r["user_id"]][r["item__adoptions__outlet__level"]] = r["n"]
    return counts


def quota_progress(*, user, year):
    """The year's department and personal quotas, each with `done` and `percent`."""
    procuratorate_id = user_procuratorate_id(user)
    quotas = list(
        scope_to_procuratorate(Quota.objects.filter(year=year), user)
        .select_related("department", "user", "user__staff", "user__staff__department")
        .order_by("department__sort_order", "user__staff__name", "level")
    )
    by_department = adoption_counts_by_department(
        procuratorate_id=procuratorate_id, year=year
    )
    by_person = adoption_counts_by_person(procuratorate_id=procuratorate_id, year=year)
    departments, persons = [], []
    for quota in quotas:
        if quota.department_id:
            quota.done = _done(by_department.get(quota.department_id, {}), quota.level)
            departments.append(quota)
        else:
            quota.done = _done(by_person.get(quota.user_id, {}), quota.level)
            persons.append(quota)
        quota.percent = min(rate_percent(quota.done, quota.target) or 0, 100)
        quota.met = quota.done >= quota.target
    return {"departments": departments, "persons": persons}


def quota_progress_for_user(*, user, year):
    """The quotas that concern `user`: their own and their department's."""
    progress = quota_progress(user=user, year=year)
    staff = getattr(user, "staff", None)
    department_id = staff.department_id if staff else None
    return [q for q in progress["departments"] if q.department_id == department_id] + [
        q for q in progress["persons"] if q.user_id == user.pk
    ]
