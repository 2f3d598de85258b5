"""Celery tasks of the appraisal app: thin, idempotent, taking ids."""

import datetime

from celery import shared_task
from django.utils import timezone

from .models import Checkpoint, Cycle
from .services.progress import checkpoint_open_reporting
from .services.scoring import score_run_compute

# Reporting for a checkpoint opens this many days before it falls due.
REPORTING_LEAD_DAYS = 7


@shared_task
def score_run_compute_task(run_id):
    """Compute a queued score run (does nothing to a run already computed)."""
    run = score_run_compute(run_id=run_id)
    return run.status


@shared_task
def checkpoints_open_reporting_task():
    """Daily: open progress reporting for checkpoints falling due within a week."""
    horizon = timezone.localdate() + datetime.timedelta(days=REPORTING_LEAD_DAYS)
    opened = 0
    for checkpoint in Checkpoint.objects.filter(
        cycle__status=Cycle.Status.OPEN,
        reporting_opened_at__isnull=True,
        due_date__lte=horizon,
    ):
        checkpoint_open_reporting(checkpoint=checkpoint)
        opened += 1
    return opened
