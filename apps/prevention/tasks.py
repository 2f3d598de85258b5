"""Celery tasks of case-specific prevention: thin, take ids, safe to run twice."""

from celery import shared_task

from .services import case_file_bind


@shared_task(autoretry_for=(OSError,), max_retries=3, default_retry_delay=30)
def case_file_bind_task(project_id):
    """Bind the archived project's case file (a PDF of every document in order)."""
    case_file_bind(project_id=project_id)
