"""The demo data builds through the services, and building it twice adds nothing."""

import pytest

from apps.appraisal import demo
from apps.appraisal.models import Cycle, DepartmentResult, ScoreRun, Target
from apps.core.demo import seed_organisation

pytestmark = pytest.mark.django_db


def test_demo_seed_is_complete_and_idempotent():
    procuratorate, _logins = seed_organisation()
    demo.seed(procuratorate)
    counts = (Cycle.objects.count(), Target.objects.count(), ScoreRun.objects.count())
    demo.seed(procuratorate)
    assert (
        Cycle.objects.count(),
        Target.objects.count(),
        ScoreRun.objects.count(),
    ) == counts
    closed = Cycle.objects.get(name="2025年度")
    assert closed.status == "closed"
    assert DepartmentResult.objects.filter(run__cycle=closed).count() == 20
    current = Cycle.objects.get(name="2026年度")
    assert current.status == "open"
    assert current.targets.filter(reports__is_behind=True).exists()
    shared = current.targets.get(department__code="anti_corruption", level="department")
    assert shared.shares.count() == 3
