"""Celery tasks of integrity culture: thin, take ids, safe to run twice."""

from celery import shared_task

from .services import attempts_expire


@shared_task(name="apps.integrity.tasks.attempts_expire_task")
def attempts_expire_task():
    """Score the contest attempts whose time ran out (the participant left)."""
    return attempts_expire()
