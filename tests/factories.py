"""Factories for the organisation; other apps' factories build on these."""

import factory
from django.contrib.auth.hashers import make_password

from apps.core.models import Department, Procuratorate, Role, Staff, User

TEST_PASSWORD = "Test@2026pass"
_PASSWORD_HASH = make_password(TEST_PASSWORD, hasher="md5")


class ProcuratorateFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Procuratorate
        django_get_or_create = ("code",)

    code = factory.Sequence(lambda n: f"proc-{n}")
    name = factory.Sequence(lambda n: f"第{n}区人民检察院")
    level = Procuratorate.Level.BASIC


class DepartmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Department

    procuratorate = factory.SubFactory(ProcuratorateFactory)
    code = factory.Sequence(lambda n: f"dept-{n}")
    name = factory.Sequence(lambda n: f"第{n}科")
    kind = Department.Kind.BUSINESS


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    password = _PASSWORD_HASH


class StaffFactory(factory.django.DjangoModelFactory):
    """A member of staff; `roles=[Role.DEPARTMENT_HEAD]` etc. Returns the Staff."""

    class Meta:
        model = Staff

    user = factory.SubFactory(UserFactory)
    department = factory.SubFactory(DepartmentFactory)
    procuratorate = factory.SelfAttribute("department.procuratorate")
    name = factory.Sequence(lambda n: f"干警{n}")
    position = "检察员"
    roles = factory.LazyFunction(list)


def make_user(
    *, department=None, procuratorate=None, roles=(), username=None, **kwargs
):
    """Create an account with a staff profile and return the User."""
    if department is None and procuratorate is not None:
        department = DepartmentFactory(procuratorate=procuratorate)
    extra = {"user__username": username} if username else {}
    staff = StaffFactory(
        department=department,
        procuratorate=department.procuratorate if department else procuratorate,
        roles=[str(r) for r in roles],
        **extra,
        **kwargs,
    )
    return User.objects.get(pk=staff.user_id)


__all__ = [
    "TEST_PASSWORD",
    "DepartmentFactory",
    "ProcuratorateFactory",
    "Role",
    "StaffFactory",
    "UserFactory",
    "make_user",
]
