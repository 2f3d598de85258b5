"""Reference data for publicity tests.

The time limits and the outlet catalogue are seeded by migrations. A
transactional test (a real worker, a browser journey) empties every table when
it ends; the shared conftest restores what the database held when the session
serialized it, but with --reuse-db a database emptied by the previous session
is serialized empty. So every test puts the reference data back first (the
seed functions are idempotent); the shared conftest forgets cached
content-type ids before every test.
"""

from importlib import import_module

import pytest
from django.apps import apps

SEEDS = (
    "apps.workdays.migrations.0002_seed_time_limits",
    "apps.publicity.migrations.0002_seed_time_limits_and_outlets",
)


def restore_reference_data():
    for module in SEEDS:
        import_module(module).seed(apps, None)


@pytest.fixture(autouse=True)
def publicity_reference_data(request):
    if not any(m.name == "django_db" for m in request.node.iter_markers()) and not (
        {"db", "transactional_db", "live_server"} & set(request.fixturenames)
    ):
        return
    request.getfixturevalue(
        "transactional_db"
        if "live_server" in request.fixturenames
        or any(
            m.name == "django_db" and m.kwargs.get("transaction")
            for m in request.node.iter_markers()
        )
        else "db"
    )
    restore_reference_data()
