import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from apps.core.models import Role, Staff
from tests.factories import DepartmentFactory, StaffFactory


@pytest.mark.django_db
class TestSeparatedAdministrators:
    def test_database_refuses_two_admin_roles_on_one_account(self):
        staff = StaffFactory(roles=[Role.SYSTEM_ADMIN])
        with pytest.raises(IntegrityError), transaction.atomic():
            Staff.objects.filter(pk=staff.pk).update(
                roles=[Role.SYSTEM_ADMIN, Role.AUDIT_ADMIN]
            )

    @pytest.mark.parametrize(
        "roles",
        [
            [Role.SYSTEM_ADMIN, Role.SECURITY_ADMIN],
            [Role.SECURITY_ADMIN, Role.AUDIT_ADMIN],
            [Role.SYSTEM_ADMIN, Role.AUDIT_ADMIN, Role.SECURITY_ADMIN],
        ],
    )
    def test_validation_explains_the_separation(self, roles):
        staff = StaffFactory.build(
            department=DepartmentFactory(), roles=roles, user=StaffFactory().user
        )
        with pytest.raises(ValidationError) as exc:
            staff.full_clean(exclude=["user"])
        assert "roles" in exc.value.message_dict

    def test_one_admin_role_with_business_roles_is_allowed(self):
        staff = StaffFactory(roles=[Role.AUDIT_ADMIN])
        staff.full_clean()


@pytest.mark.django_db
def test_department_of_another_procuratorate_is_refused():
    staff = StaffFactory()
    staff.department = DepartmentFactory()  # a new procuratorate
    with pytest.raises(ValidationError) as exc:
        staff.full_clean()
    assert "department" in exc.value.message_dict


@pytest.mark.django_db
def test_department_head_needs_a_department(procuratorate):
    staff = StaffFactory.build(
        department=None,
        procuratorate=procuratorate,
        roles=[Role.DEPARTMENT_HEAD],
        user=StaffFactory().user,
    )
    with pytest.raises(ValidationError):
        staff.full_clean(exclude=["user"])
