"""The demo data is made through the services and can be seeded twice."""

import pytest

from apps.core.demo import seed_organisation
from apps.prevention import demo
from apps.prevention.models import PreventionProject, State

pytestmark = pytest.mark.django_db


def test_demo_seed_is_idempotent():
    procuratorate, _ = seed_organisation()
    demo.seed(procuratorate)
    demo.seed(procuratorate)
    states = dict(
        PreventionProject.objects.filter(procuratorate=procuratorate).values_list(
            "title", "state"
        )
    )
    assert len(states) == 3
    assert sorted(states.values()) == sorted(
        [State.ARCHIVED, State.SUGGESTION_PG, State.ANALYSIS]
    )
    archived = PreventionProject.objects.get(state=State.ARCHIVED)
    assert archived.case_file
