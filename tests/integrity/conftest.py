import pytest

from apps.core.models import Department, Role
from tests.factories import DepartmentFactory, make_user


@pytest.fixture
def discipline(procuratorate):
    return DepartmentFactory(
        procuratorate=procuratorate,
        code="discipline",
        name="纪检监察室",
        kind=Department.Kind.COMPREHENSIVE,
    )


@pytest.fixture
def organiser(discipline):
    """A member of the discipline inspection office: organises integrity culture."""
    return make_user(department=discipline, username="t.discipline")


@pytest.fixture
def other_organiser(other_procuratorate):
    dept = DepartmentFactory(procuratorate=other_procuratorate, code="discipline")
    return make_user(department=dept, roles=[Role.DEPARTMENT_HEAD])
