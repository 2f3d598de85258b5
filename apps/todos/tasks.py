from celery import shared_task

from .services import todos_flag_overdue


@shared_task(name="apps.todos.tasks.todos_flag_overdue_task")
def todos_flag_overdue_task():
    """Flag overdue to-dos; idempotent, so a duplicate run changes nothing."""
    return todos_flag_overdue()
