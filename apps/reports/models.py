"""Report jobs: an export asked for by one person, produced in the background."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from apps.core.uploads import RandomPath


class ReportJob(models.Model):
    """One export of one report kind (see registry.py) in one format."""

    class Status(models.TextChoices):
        # A context keeps these apart from other apps' "Done" (e.g. a to-do's 已办).
        QUEUED = "queued", pgettext_lazy("report job status", "Queued")
        RUNNING = "running", pgettext_lazy("report job status", "Running")
        DONE = "done", pgettext_lazy("report job status", "Done")
        FAILED = "failed", pgettext_lazy("report job status", "Failed")

    class Format(models.TextChoices):
        XLSX = "xlsx", _("Excel")
        PDF = "pdf", _("PDF")

    procuratorate = models.ForeignKey(
        "core.Procuratorate",
        verbose_name=_("procuratorate"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("requested by"),
        on_delete=models.PROTECT,
        related_name="report_jobs",
    )
    kind = models.CharField(_("report"), max_length=60)
    format = models.CharField(_("format"), max_length=10, choices=Format.choices)
    params = models.JSONField(_("parameters"), default=dict, blank=True)
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=Status.choices,
        default=Status.QUEUED,
        db_index=True,
    )
    progress = models.PositiveSmallIntegerField(_("progress"), default=0)
    # Shown to the requester as it is, in the site language (set by the worker).
    message = models.CharField(_("progress message"), max_length=255, blank=True)
    file = models.FileField(_("file"), upload_to=RandomPath("reports"), blank=True)
    filename = models.CharField(_("file name"), max_length=255, blank=True)
    # A sentence for the requester; the traceback goes to the log only.
    error = models.TextField(_("error"), blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)
    started_at = models.DateTimeField(_("started at"), null=True, blank=True)
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)

    class Meta:
        verbose_name = _("report job")
        verbose_name_plural = _("report jobs")
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(
                fields=["requested_by", "-created_at"],
                name="reportjob_requester_created",
            )
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(progress__gte=0) & Q(progress__lte=100),
                name="reportjob_progress_range",
            ),
            models.CheckConstraint(
                condition=Q(status__in=["queued", "running", "done", "failed"]),
                name="reportjob_status_valid",
            ),
            models.CheckConstraint(
                condition=Q(format__in=["xlsx", "pdf"]),
                name="reportjob_format_valid",
            ),
            models.CheckConstraint(
                condition=~Q(status="running") | Q(started_at__isnull=False),
                name="reportjob_running_has_start",
            ),
            # A finished job always has its file.
            models.CheckConstraint(
                condition=Q(status="done", file__gt="") | ~Q(status="done"),
                name="reportjob_done_has_file",
            ),
        ]

    def __str__(self):
        return f"{self.kind}.{self.format} #{self.pk}"

    def get_absolute_url(self):
        return reverse("reports:job_detail", args=[self.pk])

    @property
    def is_active(self):
        """True while a worker may still change the job (the page keeps polling)."""
        return self.status in {self.Status.QUEUED, self.Status.RUNNING}

    @property
    def is_downloadable(self):
        return self.status == self.Status.DONE and bool(self.file)
