"""Plan against result, rolled up from people to departments; fixed queries."""

from dataclasses import dataclass, field

from django.db.models import Prefetch

from apps.core.models import Department, Staff
from apps.core.scoping import get_scoped_or_404, scope_to_procuratorate

from ..models import MonthlyPlan, PlanItem


@dataclass
class Progress:
    """Counts over planned tasks (unplanned work is counted apart)."""

    planned: int = 0
    done: int = 0
    measured: int = 0
    completion_sum: int = 0
    unplanned: int = 0

    def add_items(self, items):
        for item in items:
            if not item.planned:
                self.unplanned += 1
                continue
            self.planned += 1
            if item.completion is not None:
                self.measured += 1
                self.completion_sum += item.completion
                self.done += item.completion == 100

    def add(self, other):
        self.planned += other.planned
        self.done += other.done
        self.measured += other.measured
        self.completion_sum += other.completion_sum
        self.unplanned += other.unplanned

    @property
    def percent(self):
        """Average completion of the planned tasks whose results are in."""
        if not self.measured:
            return None
        return round(self.completion_sum / self.measured)


@dataclass
class DepartmentRow:
    department: Department
    plan: MonthlyPlan | None = None
    people: list = field(default_factory=list)  # [(staff, plan or None, Progress)]
    own: Progress = field(default_factory=Progress)
    total: Progress = field(default_factory=Progress)


def _plans(user):
    return scope_to_procuratorate(MonthlyPlan.objects.all(), user).prefetch_related(
        Prefetch(
            "items", queryset=PlanItem.objects.order_by("-planned", "sort_order", "id")
        )
    )


def plan_board(*, user, month):
    """Every administrative department of the month: its plan, its people's
    plans, and progress rolled up from the people to the department.
    Four queries whatever the number of plans."""
    departments = list(
        scope_to_procuratorate(
            Department.objects.filter(
                kind=Department.Kind.COMPREHENSIVE, is_active=True
            ),
            user,
        ).order_by("sort_order", "name")
    )
    people = list(
        Staff.objects.filter(department__in=departments, user__is_active=True)
        .exclude(roles__overlap=["system_admin", "security_admin", "audit_admin"])
        .order_by("name")
    )
    # Drafts are their authors' business until published.
    plans = list(
        _plans(user)
        .filter(month=month)
        .exclude(state=MonthlyPlan.State.DRAFT)
        .select_related("staff", "department")
    )

    department_plans = {p.department_id: p for p in plans if p.staff_id is None}
    person_plans = {p.staff_id: p for p in plans if p.staff_id is not None}
    rows = {d.pk: DepartmentRow(department=d) for d in departments}
    for department_id, plan in department_plans.items():
        row = rows.get(department_id)
        if row is not None:
            row.plan = plan
            row.own.add_items(plan.items.all())
            row.total.add(row.own)
    for person in people:
        plan = person_plans.get(person.pk)
        progress = Progress()
        if plan is not None:
            progress.add_items(plan.items.all())
        row = rows[person.department_id]
        row.people.append((person, plan, progress))
        row.total.add(progress)
    return [rows[d.pk] for d in departments]


def plan_detail(*, user, pk):
    plan = get_scoped_or_404(
        _plans(user).select_related("staff", "department", "created_by__staff"),
        user,
        pk=pk,
    )
    progress = Progress()
    progress.add_items(plan.items.all())
    return plan, progress


def my_month_plans(*, user, month):
    """The user's own plan and their department's plan of `month` (any state)."""
    staff = user.staff
    plans = scope_to_procuratorate(MonthlyPlan.objects.all(), user).filter(
        month=month, department_id=staff.department_id
    )
    mine = {"department": None, "personal": None}
    for plan in plans.filter(staff__isnull=True) | plans.filter(staff=staff):
        mine["personal" if plan.staff_id else "department"] = plan
    return mine
