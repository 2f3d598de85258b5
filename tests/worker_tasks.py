"""A task used only by the worker-death test; workers load it with --include."""

import time

import redis
from celery import shared_task
from django.conf import settings


@shared_task(name="tests.worker_tasks.slow_marker_task")
def slow_marker_task(key, seconds):
    """Count starts, sleep, then mark done; the test kills the worker mid-sleep."""
    client = redis.Redis.from_url(settings.REDIS_URL)
    client.incr(f"{key}:started")
    time.sleep(seconds)
    client.incr(f"{key}:done")
