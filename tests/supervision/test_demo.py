"""The demo data is made by the services and can be seeded twice."""

import pytest

from apps.core.demo import seed_organisation
from apps.supervision import demo
from apps.supervision.models import Clue, Outcome, Petition

pytestmark = pytest.mark.django_db


def test_demo_seed_is_idempotent_and_covers_the_workflow():
    procuratorate, _logins = seed_organisation()
    demo.seed(procuratorate)
    counts = (Petition.objects.count(), Outcome.objects.count(), Clue.objects.count())
    demo.seed(procuratorate)
    assert (
        Petition.objects.count(),
        Outcome.objects.count(),
        Clue.objects.count(),
    ) == counts
    states = set(Petition.objects.values_list("state", flat=True))
    assert {"received", "refused", "under_review", "outcome_pending", "closed"} <= (
        states
    )
    assert Outcome.objects.filter(court_result="changed").exists()
    assert set(Clue.objects.values_list("state", flat=True)) == {
        "became_case",
        "inquiry",
        "registered",
    }
