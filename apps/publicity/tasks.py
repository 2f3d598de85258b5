"""Celery tasks of 信息宣传: thin, take ids, safe to run twice."""

from celery import shared_task

from .services.rewards import payout_compute


@shared_task(acks_late=True)
def payout_compute_task(ledger_id):
    """Compute the year-end payout ledger; running it again gives the same ledger."""
    payout_compute(ledger_id=ledger_id)
