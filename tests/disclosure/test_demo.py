"""The demo data is made through the services and can be seeded twice."""

import pytest

from apps.core.demo import seed_organisation
from apps.disclosure import demo
from apps.disclosure.models import (
    BoardPost,
    MonthlyPlan,
    OfficeMeeting,
    Rule,
    ServiceRequest,
    StockItem,
)

pytestmark = pytest.mark.django_db


def test_demo_seeds_every_part_once():
    procuratorate, _logins = seed_organisation()
    demo.seed(procuratorate)
    counts = [
        m.objects.filter(procuratorate=procuratorate).count()
        for m in (
            StockItem,
            Rule,
            BoardPost,
            ServiceRequest,
            MonthlyPlan,
            OfficeMeeting,
        )
    ]
    assert counts[1] == 14  # 9 post responsibilities + 5 rules
    assert all(counts)
    demo.seed(procuratorate)
    assert counts == [
        m.objects.filter(procuratorate=procuratorate).count()
        for m in (
            StockItem,
            Rule,
            BoardPost,
            ServiceRequest,
            MonthlyPlan,
            OfficeMeeting,
        )
    ]
    states = set(
        ServiceRequest.objects.filter(procuratorate=procuratorate).values_list(
            "state", flat=True
        )
    )
    assert {"issued", "deferred", "rejected", "awaiting_issue"} <= states
