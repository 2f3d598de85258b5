"""Outcomes: resolutions, minutes, and the supervision of execution."""

from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from django_fsm import transition

from apps.core.fields import user_field
from apps.core.models import TimeStampedModel
from apps.core.workflow import step

from .base import ProcuratorateRecord, state_field
from .sittings import AgendaItem, Meeting


class Resolution(ProcuratorateRecord):
    """The outcome of one agenda item (决议 / 决定)."""

    class Result(models.TextChoices):
        PASSED = "passed", _("Passed")
        FAILED = "failed", _("Not passed")
        POSTPONED = "postponed", _("Postponed")
        ADOPTED = "adopted", _("Decided by the procurator-general: adopted")
        NOT_ADOPTED = "not_adopted", _("Decided by the procurator-general: not adopted")

    class Status(models.TextChoices):
        EFFECTIVE = "effective", _("In force")
        REPORTED_UPWARD = (
            "reported_upward",
            _("Reported to the upper procuratorate for decision"),
        )

    item = models.OneToOneField(
        AgendaItem,
        verbose_name=_("agenda item"),
        on_delete=models.PROTECT,
        related_name="resolution",
    )
    result = models.CharField(_("result"), max_length=20, choices=Result.choices)
    text = models.TextField(_("decision"))
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.EFFECTIVE
    )
    pg_disagrees = models.BooleanField(
        _("procurator-general disagrees with the majority"), default=False
    )
    upward_reason = models.TextField(_("reason for reporting upward"), blank=True)
    reported_upward_at = models.DateTimeField(
        _("reported upward at"), null=True, blank=True
    )
    upper_decision = models.TextField(
        _("decision of the upper procuratorate"), blank=True
    )
    doc_year = models.PositiveSmallIntegerField(
        _("document year"), null=True, blank=True
    )
    doc_seq = models.PositiveIntegerField(_("document number"), null=True, blank=True)
    decided_at = models.DateTimeField(_("decided at"))
    decided_by = user_field(_("recorded by"))

    class Meta:
        verbose_name = _("resolution")
        verbose_name_plural = _("resolutions")
        ordering = ["-decided_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["procuratorate", "doc_year", "doc_seq"],
                condition=Q(doc_seq__isnull=False),
                name="meetings_decision_number_unique",
            )
        ]

    def __str__(self):
        return f"{self.item.topic} · {self.get_result_display()}"

    def get_absolute_url(self):
        return reverse("meetings:resolution_detail", args=[self.pk])

    @property
    def document_number(self):
        if self.doc_seq is None:
            return ""
        prefix = self.procuratorate.case_number_prefix or self.procuratorate.short_name
        return f"{prefix}委决〔{self.doc_year}〕{self.doc_seq}号"

    @property
    def carries_out(self):
        """True when there is something to carry out (and so to supervise)."""
        return self.status == self.Status.EFFECTIVE and self.result in (
            self.Result.PASSED,
            self.Result.ADOPTED,
        )


class Minutes(ProcuratorateRecord):
    """The minutes (会议纪要): drafted, submitted, approved, then locked."""

    class State(models.TextChoices):
        DRAFT = "draft", _("Draft")
        SUBMITTED = "submitted", _("Awaiting approval")
        APPROVED = "approved", _("Approved and locked")

    meeting = models.OneToOneField(
        Meeting,
        verbose_name=_("meeting"),
        on_delete=models.PROTECT,
        related_name="minutes",
    )
    summary = models.TextField(_("summary"), blank=True)
    state = state_field(State, State.DRAFT)
    approved_by = user_field(_("approved by"), null=True, blank=True)
    approved_at = models.DateTimeField(_("approved at"), null=True, blank=True)
    pdf = models.FileField(_("approved PDF"), upload_to="meetings/minutes/", blank=True)

    class Meta:
        verbose_name = _("minutes")
        verbose_name_plural = _("minutes")
        ordering = ["-pk"]

    def __str__(self):
        return str(self.meeting)

    def get_absolute_url(self):
        return self.meeting.get_absolute_url()

    @step(State.DRAFT, State.SUBMITTED, "meetings.manage_meeting")
    def submit(self):
        pass

    @step(State.SUBMITTED, State.DRAFT, "meetings.approve_minutes")
    def send_back(self):
        pass

    @step(State.SUBMITTED, State.APPROVED, "meetings.approve_minutes")
    def approve(self):
        pass


class Supervision(ProcuratorateRecord):
    """督办: following one resolution until the departments have carried it out."""

    class State(models.TextChoices):
        OPEN = "open", _("Being carried out")
        REPORTED = "reported", _("All departments reported; awaiting confirmation")
        CLOSED = "closed", _("Completed")

    resolution = models.OneToOneField(
        Resolution,
        verbose_name=_("resolution"),
        on_delete=models.PROTECT,
        related_name="supervision",
    )
    requirement = models.TextField(_("what is to be done"))
    deadline = models.DateField(_("deadline"))
    state = state_field(State, State.OPEN)
    overdue_flagged_at = models.DateTimeField(
        _("flagged overdue at"), null=True, blank=True
    )
    closed_at = models.DateTimeField(_("completed at"), null=True, blank=True)
    created_by = user_field(pgettext_lazy("meetings", "assigned by"))

    class Meta:
        verbose_name = _("supervision")
        verbose_name_plural = _("supervisions")
        ordering = ["deadline", "pk"]

    def __str__(self):
        return str(self.resolution.item.topic)

    def get_absolute_url(self):
        return reverse("meetings:supervision_detail", args=[self.pk])

    # Follows the last department's report of completion: no one decides it.
    @transition(field=state, source=State.OPEN, target=State.REPORTED)
    def all_reported(self):
        pass

    @step(State.REPORTED, State.OPEN, "meetings.supervise")
    def reopen(self):
        pass

    @step(State.REPORTED, State.CLOSED, "meetings.supervise")
    def complete(self):
        pass


class SupervisionAssignment(TimeStampedModel):
    """One responsible department of a supervised resolution."""

    supervision = models.ForeignKey(
        Supervision,
        verbose_name=_("supervision"),
        on_delete=models.CASCADE,
        related_name="assignments",
    )
    department = models.ForeignKey(
        "core.Department",
        verbose_name=_("responsible department"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    completed_at = models.DateTimeField(_("reported done at"), null=True, blank=True)

    class Meta:
        verbose_name = _("responsible department")
        verbose_name_plural = _("responsible departments")
        ordering = ["supervision", "department__sort_order", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["supervision", "department"],
                name="meetings_assignment_once",
            )
        ]

    def __str__(self):
        return str(self.department)

    @property
    def procuratorate_id(self):
        return self.department.procuratorate_id

    def get_absolute_url(self):
        return self.supervision.get_absolute_url()


class ExecutionReport(TimeStampedModel):
    """执行情况反馈: what a responsible department has done."""

    assignment = models.ForeignKey(
        SupervisionAssignment,
        verbose_name=_("responsible department"),
        on_delete=models.CASCADE,
        related_name="reports",
    )
    text = models.TextField(_("what has been done"))
    is_complete = models.BooleanField(_("fully carried out"), default=False)
    reported_by = user_field(_("reported by"))

    class Meta:
        verbose_name = _("execution report")
        verbose_name_plural = _("execution reports")
        ordering = ["assignment", "created_at", "pk"]

    def __str__(self):
        return f"{self.assignment}: {self.text[:30]}"


class FollowUp(TimeStampedModel):
    """The committee office's follow-up notes on a supervision (催办)."""

    supervision = models.ForeignKey(
        Supervision,
        verbose_name=_("supervision"),
        on_delete=models.CASCADE,
        related_name="follow_ups",
    )
    note = models.TextField(_("note"))
    actor = user_field(_("by"))

    class Meta:
        verbose_name = _("follow-up")
        verbose_name_plural = _("follow-ups")
        ordering = ["supervision", "created_at", "pk"]

    def __str__(self):
        return self.note[:40]
