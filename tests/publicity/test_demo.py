"""The demo data: made through the services, and safe to run twice."""

import pytest

from apps.core.demo import seed_organisation
from apps.publicity import demo
from apps.publicity.models import Adoption, Item, Quota
from apps.todos.models import TodoItem

pytestmark = pytest.mark.django_db


def test_demo_seed_is_idempotent_and_fills_every_step():
    procuratorate, _ = seed_organisation()
    demo.seed(procuratorate)
    counts = (Item.objects.count(), Adoption.objects.count(), Quota.objects.count())
    demo.seed(procuratorate)
    assert (
        Item.objects.count(),
        Adoption.objects.count(),
        Quota.objects.count(),
    ) == counts
    states = set(Item.objects.values_list("state", flat=True))
    assert states == set(Item.State.values)
    # Every item waiting for someone is in their to-dos.
    for item in Item.objects.exclude(state__in=["draft", "dispatched"]):
        assert TodoItem.objects.filter(object_id=str(item.pk), status="open").exists()
