"""The Celery application: configured from Django settings, tasks autodiscovered."""

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "procuratorate.settings.local")

app = Celery("procuratorate")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
