"""Reference data for publicity tests.

The time limits and the outlet catalogue are seeded by migrations; a test with
`transaction=True` flushes them, so every test puts them back first (the seed
functions are idempotent).
"""

from importlib import import_module

import pytest
from django.apps import apps


@pytest.fixture(autouse=True)
def publicity_reference_data(request):
    if "django_db_setup" not in request.fixturenames and not any(
        m.name == "django_db" for m in request.node.iter_markers()
    ):
        return
    request.getfixturevalue("django_db_setup")
    for module in (
        "apps.workdays.migrations.0002_seed_time_limits",
        "apps.publicity.migrations.0002_seed_time_limits_and_outlets",
    ):
        import_module(module).seed(apps, None)
