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
