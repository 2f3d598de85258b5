"""Every periodic task of the project, declared in one place for Celery beat."""

from celery.schedules import crontab

CELERY_BEAT_SCHEDULE = {
    # Flag to-dos whose due time has passed; cheap, so run often.
    "todos-flag-overdue": {
        "task": "apps.todos.tasks.todos_flag_overdue_task",
        "schedule": crontab(minute="*/5"),
    },
    # Resend lost report jobs, fail stalled ones, delete files older than 7 days.
    "reports-cleanup": {
        "task": "apps.reports.tasks.report_jobs_cleanup_task",
        "schedule": crontab(minute="*/10"),
    },
    # Ask administrative departments and staff for this month's plan; runs
    # daily so a plan still missing after the 1st keeps its to-do. Idempotent.
    "disclosure-open-plan-todos": {
        "task": "apps.disclosure.tasks.disclosure_open_plan_todos_task",
        "schedule": crontab(hour=7, minute=10),
    },
}
CELERY_BEAT_SCHEDULE.update(
    {
        # Knowledge contests: score attempts whose time ran out in a closed tab.
        "integrity-attempts-expire": {
            "task": "apps.integrity.tasks.attempts_expire_task",
            "schedule": crontab(minute="*"),
        },
    }
)
