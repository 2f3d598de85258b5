"""Request numbers come from core's gap-free sequence; the migration that moved
them there seeded it with the highest serials already given."""

import importlib

import pytest
from django.apps import apps as global_apps

from apps.core.models import NumberSequence
from apps.disclosure.models import ServiceRequest

from .conftest import at, submit

pytestmark = pytest.mark.django_db

seed_sequences = importlib.import_module(
    "apps.disclosure.migrations.0008_request_numbers_in_core_sequence"
).seed_sequences


def numbered_the_old_way(request, number):
    """A request as the old counting left it: a number the sequence never gave."""
    return ServiceRequest.objects.create(
        procuratorate=request.procuratorate,
        number=number,
        kind=request.kind,
        department=request.department,
        requested_by=request.requested_by,
        title="旧编号的申请",
        content="……",
        submitted_at=request.submitted_at,
    )


def test_a_request_created_after_the_migration_gets_the_next_number(
    clock, people, supplies, pens
):
    # Given requests numbered before the migration, up to 2025-0040 (with gaps),
    # and one of the year before, and no sequence yet.
    clock.at(2025, 11, 24)
    first = submit(people["clerk"], supplies, (pens, 1))
    numbered_the_old_way(first, "2025-0040")
    numbered_the_old_way(first, "2024-0007")
    NumberSequence.objects.all().delete()

    # When the data migration runs,
    seed_sequences(global_apps, None)

    # then each year's sequence holds its highest serial,
    assert dict(
        NumberSequence.objects.filter(series="disclosure.request").values_list(
            "year", "last_number"
        )
    ) == {2025: 40, 2024: 7}
    # and the next request carries on without repeating a number.
    clock.set(at(2025, 11, 25))
    assert submit(people["clerk"], supplies, (pens, 1)).number == "2025-0041"
    assert submit(people["head"], supplies, (pens, 1)).number == "2025-0042"


def test_the_migration_never_moves_a_sequence_back(clock, people, supplies, pens):
    clock.at(2025, 11, 24)
    for _n in range(3):
        submit(people["clerk"], supplies, (pens, 1))
    seed_sequences(global_apps, None)
    assert submit(people["clerk"], supplies, (pens, 1)).number == "2025-0004"


def test_each_procuratorate_counts_its_own(
    clock, people, supplies, pens, other_procuratorate
):
    from tests.factories import DepartmentFactory, Role, make_user

    clock.at(2025, 11, 24)
    submit(people["clerk"], supplies, (pens, 1))
    clerk = make_user(
        department=DepartmentFactory(procuratorate=other_procuratorate),
        roles=[Role.DEPARTMENT_CLERK],
        username="t.otherclerk",
    )
    assert submit(clerk, supplies, ("订书机", 1)).number == "2025-0001"
