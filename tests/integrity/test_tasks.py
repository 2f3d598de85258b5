"""The attempt-expiry job, through a real Celery worker."""

import datetime

import pytest
from celery.contrib.testing.worker import start_worker
from django.utils import timezone

from apps.integrity import services
from apps.integrity.models import Attempt
from apps.integrity.tasks import attempts_expire_task
from procuratorate.celery import app
from tests.waiting import wait_until

from .builders import bank, open_quiz


@pytest.mark.worker
@pytest.mark.django_db(transaction=True)
def test_expiry_job_scores_an_abandoned_attempt(people, organiser):
    bank(organiser)
    quiz = open_quiz(organiser)
    attempt = services.attempt_start(actor=people["staff"], quiz=quiz)
    past = timezone.now() - datetime.timedelta(minutes=30)
    Attempt.objects.filter(pk=attempt.pk).update(
        started_at=past - datetime.timedelta(minutes=15), deadline=past
    )
    with start_worker(app, perform_ping_check=False, shutdown_timeout=30):
        attempts_expire_task.delay()
        # Results are not stored (no backend): wait on the database instead.
        wait_until(
            lambda: (
                Attempt.objects.filter(pk=attempt.pk)
                .exclude(status=Attempt.Status.IN_PROGRESS)
                .exists()
            ),
            what="the attempt to be scored",
        )
    attempt.refresh_from_db()
    assert attempt.status == Attempt.Status.EXPIRED
    assert attempt.finished_at is not None
