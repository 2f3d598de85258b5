"""Waiting for a real Celery worker: on a marker in the database, never a sleep."""

import time

DEFAULT_TIMEOUT = 30.0


def wait_until(condition, *, timeout=DEFAULT_TIMEOUT, interval=0.1, what=None):
    """Poll ``condition()`` until it is true; fail the test after ``timeout``.

    ``condition`` reads what the worker leaves behind (a row, a state, a
    counter); the test then asserts on that state, so a slow machine only
    waits longer and never passes or fails by chance.
    """
    deadline = time.monotonic() + timeout
    while True:
        value = condition()
        if value:
            return value
        if time.monotonic() >= deadline:
            raise AssertionError(
                f"waited {timeout:.0f} s for {what or condition.__name__}; never true"
            )
        time.sleep(interval)
