"""The demo data is made through the services and can be seeded twice."""

import pytest

from apps.core.demo import seed_organisation
from apps.meetings import demo
from apps.meetings.models import (
    BodyKind,
    Meeting,
    Membership,
    Resolution,
    Supervision,
    Topic,
)
from apps.meetings.roster import house_overlaps

pytestmark = pytest.mark.django_db


def test_demo_seed_is_idempotent_and_realistic():
    procuratorate, _logins = seed_organisation()
    demo.seed(procuratorate)
    counts = (
        Topic.objects.count(),
        Meeting.objects.count(),
        Membership.objects.count(),
        Resolution.objects.count(),
    )
    demo.seed(procuratorate)
    assert counts == (
        Topic.objects.count(),
        Meeting.objects.count(),
        Membership.objects.count(),
        Resolution.objects.count(),
    )
    committee = Membership.objects.filter(body__kind=BodyKind.COMMITTEE)
    assert committee.count() == 9 and committee.filter(is_full_time=True).count() == 1
    resolution = Resolution.objects.get()
    assert resolution.result == Resolution.Result.PASSED
    assert resolution.document_number == f"长检委决〔{resolution.doc_year}〕1号"
    assert Supervision.objects.get().state == Supervision.State.OPEN
    assert Meeting.objects.filter(regular_month__isnull=False).count() == 1
    overlaps = house_overlaps(procuratorate.pk)
    assert [o.overlap.shared for o in overlaps] == [4, 7, 9]
