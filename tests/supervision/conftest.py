"""Supervision test fixtures: the civil-administrative department and its people."""

import pytest

from apps.core.models import Role
from apps.supervision.models import SUPERVISION_DEPARTMENT_CODE
from tests.factories import DepartmentFactory, make_user


@pytest.fixture(autouse=True)
def media_in_tmp(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def civil(procuratorate, people):
    """民事行政检察科, overseen by the `deputy` of the shared `people` fixture."""
    return DepartmentFactory(
        procuratorate=procuratorate,
        code=SUPERVISION_DEPARTMENT_CODE,
        name="民事行政检察科",
        deputy=people["deputy"].staff,
    )


@pytest.fixture
def other_civil(other_procuratorate):
    return DepartmentFactory(
        procuratorate=other_procuratorate,
        code=SUPERVISION_DEPARTMENT_CODE,
        name="民事行政检察科",
    )


@pytest.fixture
def sv(people, civil, office, other_civil):
    """Everyone a supervision test needs, keyed by a short name.

    head, handler, handler2, clerk: the civil-administrative department;
    deputy: oversees it; other_deputy: oversees nothing here; pg;
    other_staff, other_head: the prosecution department; outsider_head: the
    civil-administrative head of another procuratorate; the three admins.
    """
    return {
        "pg": people["pg"],
        "deputy": people["deputy"],
        "other_deputy": make_user(
            department=office,
            roles=[Role.DEPUTY_PROCURATOR_GENERAL],
            username="t.deputy2",
        ),
        "head": make_user(
            department=civil, roles=[Role.DEPARTMENT_HEAD], username="t.civil.head"
        ),
        "handler": make_user(department=civil, username="t.civil.staff1"),
        "handler2": make_user(department=civil, username="t.civil.staff2"),
        "clerk": make_user(
            department=civil, roles=[Role.DEPARTMENT_CLERK], username="t.civil.clerk"
        ),
        "other_staff": people["staff"],
        "other_head": people["head"],
        "committee_office": people["committee_office"],
        "outsider_head": make_user(
            department=other_civil,
            roles=[Role.DEPARTMENT_HEAD],
            username="t.outsider.civil",
        ),
        "outsider": people["outsider"],
        "system_admin": people["system_admin"],
        "security_admin": people["security_admin"],
        "audit_admin": people["audit_admin"],
    }
