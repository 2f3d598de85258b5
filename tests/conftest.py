"""Fixtures every app's tests share: an organisation with people in each role."""

import pkgutil
from importlib import import_module

import pytest
from django.apps import apps as django_apps
from django.contrib.contenttypes.models import ContentType
from django.db import connections

from apps.core.models import Department, Role

from .factories import DepartmentFactory, ProcuratorateFactory, make_user


def pytest_collection_modifyitems(config, items):
    """Give every transactional test a serialized rollback.

    A transactional test (a real worker, the live server of a browser journey)
    ends by emptying every table, which would also delete the reference data
    that migrations seed (the time-limit catalogue, outlets, scope lists) for
    the tests that follow. Serialized rollback restores it.
    """
    for item in items:
        marker = item.get_closest_marker("django_db")
        transactional = (marker is not None and marker.kwargs.get("transaction")) or (
            "live_server" in getattr(item, "fixturenames", ())
        )
        if transactional:
            kwargs = dict(marker.kwargs) if marker is not None else {}
            kwargs.update(transaction=True, serialized_rollback=True)
            item.add_marker(pytest.mark.django_db(**kwargs), append=False)


def reference_data_seeds():
    """Every `seed(apps, schema_editor)` of the project's data migrations.

    A data migration that puts reference rows in place (time limits, outlets,
    scope lists) names its idempotent function `seed`.
    """
    seeds = []
    for config in django_apps.get_app_configs():
        if not config.name.startswith("apps."):
            continue
        try:
            package = import_module(f"{config.name}.migrations")
        except ModuleNotFoundError:
            continue
        for info in sorted(pkgutil.iter_modules(package.__path__)):
            module = import_module(f"{package.__name__}.{info.name}")
            if callable(getattr(module, "seed", None)):
                seeds.append(module.seed)
    return seeds


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """The reference data, in the database and in the session's snapshot.

    pytest-django runs plain database tests first and transactional ones
    after; each transactional test ends by emptying every table and the next
    one restores the snapshot taken when the session began (serialized
    rollback). Under --reuse-db the database of the previous session was left
    empty by its last transactional test, so its snapshot would be empty too:
    seed the reference data once, then take the snapshot again.
    """
    with django_db_blocker.unblock():
        for seed in reference_data_seeds():
            seed(django_apps, None)
        for connection in connections.all():
            snapshot = connection.creation.serialize_db_to_string()
            connection._test_serialized_contents = snapshot
            # Playwright's sync API runs the browser journeys in another
            # context, where `connections` holds other wrapper objects that
            # would restore nothing: the backend's class carries it for them.
            type(connection)._test_serialized_contents = snapshot


@pytest.fixture(autouse=True)
def _fresh_content_type_cache():
    """Content-type ids cached by an earlier test may not exist after a flush."""
    ContentType.objects.clear_cache()


@pytest.fixture
def procuratorate(db):
    return ProcuratorateFactory(code="test-basic", name="测试区人民检察院")


@pytest.fixture
def other_procuratorate(db):
    return ProcuratorateFactory(code="test-other", name="邻区人民检察院")


@pytest.fixture
def office(procuratorate):
    return DepartmentFactory(
        procuratorate=procuratorate,
        code="office",
        name="办公室",
        kind=Department.Kind.COMPREHENSIVE,
    )


@pytest.fixture
def prosecution(procuratorate):
    return DepartmentFactory(
        procuratorate=procuratorate, code="prosecution", name="公诉科"
    )


@pytest.fixture
def people(procuratorate, office, prosecution, other_procuratorate):
    """One account per role, keyed by a short name, plus outsiders.

    `staff` and `head` are in prosecution; `office_reviewer` in the office;
    `outsider` is a department head of another procuratorate.
    """
    users = {
        "pg": make_user(
            department=office, roles=[Role.PROCURATOR_GENERAL], username="t.pg"
        ),
        "deputy": make_user(
            department=office,
            roles=[Role.DEPUTY_PROCURATOR_GENERAL],
            username="t.deputy",
        ),
        "head": make_user(
            department=prosecution, roles=[Role.DEPARTMENT_HEAD], username="t.head"
        ),
        "officer": make_user(
            department=prosecution,
            roles=[Role.INFORMATION_OFFICER],
            username="t.officer",
        ),
        "clerk": make_user(
            department=prosecution, roles=[Role.DEPARTMENT_CLERK], username="t.clerk"
        ),
        "staff": make_user(department=prosecution, username="t.staff"),
        "office_reviewer": make_user(
            department=office, roles=[Role.OFFICE_REVIEWER], username="t.reviewer"
        ),
        "office_head": make_user(
            department=office,
            roles=[Role.DEPARTMENT_HEAD, Role.OFFICE_REVIEWER],
            username="t.officehead",
        ),
        "committee_office": make_user(
            department=office, roles=[Role.COMMITTEE_OFFICE], username="t.committee"
        ),
        "appraisal_office": make_user(
            department=office, roles=[Role.APPRAISAL_OFFICE], username="t.appraisal"
        ),
        "system_admin": make_user(
            department=office, roles=[Role.SYSTEM_ADMIN], username="t.sysadmin"
        ),
        "security_admin": make_user(
            department=office, roles=[Role.SECURITY_ADMIN], username="t.secadmin"
        ),
        "audit_admin": make_user(
            department=office, roles=[Role.AUDIT_ADMIN], username="t.auditadmin"
        ),
        "outsider": make_user(
            department=DepartmentFactory(
                procuratorate=other_procuratorate, code="prosecution", name="公诉科"
            ),
            roles=[Role.DEPARTMENT_HEAD],
            username="t.outsider",
        ),
    }
    prosecution.deputy = users["deputy"].staff
    prosecution.save(update_fields=["deputy"])
    return users
