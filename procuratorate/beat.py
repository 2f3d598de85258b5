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
    # Three meetings: the regular office meeting of the month exists before its
    # first working day (idempotent; next month's is prepared from the 25th).
    "meetings-office-meetings-ensure": {
        "task": "apps.meetings.tasks.office_meetings_ensure_task",
        "schedule": crontab(minute=10, hour=6),
    },
    # Three meetings: supervised resolutions past their deadline (idempotent).
    "meetings-supervisions-flag-overdue": {
        "task": "apps.meetings.tasks.supervisions_flag_overdue_task",
        "schedule": crontab(minute=20, hour="0,12"),
    },
}
# Appraisal: open progress reporting for checkpoints falling due within a week.
CELERY_BEAT_SCHEDULE["appraisal-open-checkpoint-reporting"] = {
    "task": "apps.appraisal.tasks.checkpoints_open_reporting_task",
    "schedule": crontab(hour=7, minute=30),
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
