import pytest

from apps.core.models import Department, Role
from tests.factories import DepartmentFactory, make_user

from .builders import Scenario


@pytest.fixture
def second(procuratorate, people):
    """A second business department (侦查监督科), overseen by the same deputy."""
    return DepartmentFactory(
        procuratorate=procuratorate,
        code="investigation",
        name="侦查监督科",
        kind=Department.Kind.BUSINESS,
        deputy=people["deputy"].staff,
    )


@pytest.fixture
def second_head(second):
    return make_user(
        department=second, roles=[Role.DEPARTMENT_HEAD], username="t.head2"
    )


@pytest.fixture
def scenario(people, office, prosecution, second, second_head):
    return Scenario(people, office, prosecution, second, second_head)


@pytest.fixture(autouse=True)
def appraisal_time_limits(db):
    """Re-seed the appraisal steps of the time-limit catalogue if a flush lost them.

    A transactional test that ends a session with --reuse-db leaves the tables
    flushed (serialized rollback restores them only at the next transactional
    test), so the catalogue the migration seeded may be gone.
    """
    from importlib import import_module

    from apps.workdays.models import TimeLimit

    steps = import_module("apps.appraisal.migrations.0002_time_limits").STEPS
    if TimeLimit.objects.filter(code__startswith="appraisal.").count() < len(steps):
        for order, (code, name, days) in enumerate(steps):
            TimeLimit.objects.update_or_create(
                code=code,
                defaults={
                    "name": name,
                    "amount": days,
                    "unit": "working_days",
                    "category": "绩效考评",
                    "sort_order": order,
                    "is_published": False,
                },
            )
