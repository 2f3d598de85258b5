import pytest
from django.contrib.contenttypes.models import ContentType
from django.utils import translation


@pytest.fixture(autouse=True)
def english_messages():
    """Service messages are matched by their English source text."""
    with translation.override("en"):
        yield


@pytest.fixture(autouse=True)
def fresh_content_types():
    # A transactional test flushes and restores the tables, and content types
    # may come back with other ids than the cache holds.
    ContentType.objects.clear_cache()
