import pytest
from django.utils import translation


@pytest.fixture(autouse=True)
def english_messages():
    """Service messages are matched by their English source text."""
    with translation.override("en"):
        yield
