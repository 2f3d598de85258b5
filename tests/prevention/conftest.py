import pytest

from .builders import ensure_time_limits


@pytest.fixture(autouse=True)
def _prevention_time_limits(db):
    ensure_time_limits()
