"""Celery is set up so that a task whose worker dies is delivered again."""

import os
import signal
import subprocess
import sys
import uuid
from pathlib import Path

import pytest
import redis
from django.conf import settings

from procuratorate.celery import app
from tests.waiting import wait_until

ROOT = Path(__file__).resolve().parents[2]


def test_tasks_are_acknowledged_late_with_limits():
    conf = app.conf
    assert conf.task_acks_late and conf.task_reject_on_worker_lost
    assert conf.worker_prefetch_multiplier == 1
    assert conf.task_soft_time_limit < conf.task_time_limit
    # Redis would hand a still-running task to a second worker otherwise.
    assert conf.broker_transport_options["visibility_timeout"] > conf.task_time_limit


def _wait_for(client, key, seconds):
    wait_until(lambda: client.get(key), timeout=seconds, what=key)
    return True


@pytest.mark.worker
def test_a_task_whose_worker_is_killed_runs_again_on_another_worker():
    client = redis.Redis.from_url(settings.REDIS_URL)
    key = f"requeue-{uuid.uuid4().hex}"
    queue = f"requeue-{uuid.uuid4().hex[:8]}"
    env = {
        **os.environ,
        "PYTHONPATH": str(ROOT),
        "CELERY_VISIBILITY_TIMEOUT": "3",
        "CELERY_UNACKED_RESTORE_INTERVAL": "1",
        "CELERY_UNACKED_RESTORE_THROTTLE": "1",
    }
    command = [
        sys.executable, "-m", "celery", "-A", "procuratorate", "worker",
        "--pool=solo", "--include", "tests.worker_tasks", "-Q", queue,
        "--without-heartbeat", "--without-gossip", "--without-mingle", "-l", "warning",
    ]  # fmt: skip
    first = subprocess.Popen(command, env=env, cwd=ROOT, start_new_session=True)
    second = None
    try:
        app.send_task("tests.worker_tasks.slow_marker_task", args=[key, 4], queue=queue)
        assert _wait_for(client, f"{key}:started", 60), "first worker never started it"
        os.killpg(first.pid, signal.SIGKILL)  # the worker dies mid-task
        first.wait()
        second = subprocess.Popen(command, env=env, cwd=ROOT, start_new_session=True)
        assert _wait_for(client, f"{key}:done", 60), "the task was not delivered again"
        assert int(client.get(f"{key}:started")) == 2
        assert int(client.get(f"{key}:done")) == 1
    finally:
        for process in (first, second):
            if process and process.poll() is None:
                os.killpg(process.pid, signal.SIGTERM)
                process.wait(timeout=30)
        client.delete(f"{key}:started", f"{key}:done")
