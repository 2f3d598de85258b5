"""The payout task: idempotent, and run by a real Celery worker."""

from decimal import Decimal

import pytest
from celery.contrib.testing.worker import start_worker
from django.utils import timezone

from apps.publicity import services
from apps.publicity.models import PayoutEntry, PayoutLedger
from apps.publicity.tasks import payout_compute_task
from procuratorate.celery import app
from tests.waiting import wait_until

from . import factories as f
from .test_rewards import scheme


@pytest.mark.django_db
def test_the_task_computes_and_running_it_twice_changes_nothing(people):
    year = timezone.localdate().year
    scheme(people, year)
    f.adopted(people)
    ledger = services.payout_request(actor=people["office_reviewer"], year=year)
    payout_compute_task.apply(args=[ledger.pk])
    payout_compute_task.apply(args=[ledger.pk])
    ledger.refresh_from_db()
    assert ledger.state == PayoutLedger.State.COMPUTED
    assert ledger.total_reward == Decimal("500.00")
    assert PayoutEntry.objects.filter(ledger=ledger).count() == 1


@pytest.mark.worker
@pytest.mark.django_db(transaction=True)
def test_a_real_worker_computes_the_ledger_after_the_request_commits(people):
    year = timezone.localdate().year
    scheme(people, year)
    f.adopted(people)
    with start_worker(app, perform_ping_check=False, pool="solo"):
        ledger = services.payout_request(actor=people["office_reviewer"], year=year)
        wait_until(
            PayoutLedger.objects.filter(
                pk=ledger.pk, state=PayoutLedger.State.COMPUTED
            ).exists,
            what="the computed ledger",
        )
        ledger.refresh_from_db()
    assert ledger.state == PayoutLedger.State.COMPUTED
    assert ledger.total_reward == Decimal("500.00")
