"""Petitions (申诉) and the cases they become: parties, documents, extensions.

A petition is received, accepted or refused, registered as a case (立案) with a
case number, reviewed by a handler (who may ask for more time), and closed by
one outcome (see outcomes.py). The transitions carry their permission: the
state graph and who may take each step are read from here and from rules.py.
"""

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from django_fsm import FSMField, transition

from apps.core.fields import procuratorate_field, user_field
from apps.core.models import TimeStampedModel
from apps.core.uploads import RandomPath
from apps.core.workflow import step

from .fields import department_fk, petition_fk

# The department that handles this app's cases is found by its code; the demo
# organisation and the deployment guide use this code for 民事行政检察科.
SUPERVISION_DEPARTMENT_CODE = "civil_administrative"


class Source(models.TextChoices):
    """Where a case came from (案源); the essay's channels for widening them."""

    WALK_IN = "walk_in", _("Walk-in petition")
    LAWYER = "lawyer", _("Referred by a lawyer")
    JUDICIAL_OFFICE = "judicial_office", _("Referred by a judicial office")
    STREET_OFFICE = "street_office", _("Referred by a street office")
    OTHER_DEPARTMENT = "other_department", _("Referred by another department")
    UPPER_PROCURATORATE = (
        "upper_procuratorate",
        _("Assigned by the upper procuratorate"),
    )
    OWN_INITIATIVE = "own_initiative", _("On the procuratorate's own initiative")


class CaseType(models.TextChoices):
    CIVIL = "civil", _("Civil")
    ADMINISTRATIVE = "administrative", _("Administrative")


class CourtLevel(models.TextChoices):
    BASIC = "basic", _("Basic people's court")
    INTERMEDIATE = "intermediate", _("Intermediate people's court")
    HIGH = "high", _("High people's court")
    SUPREME = "supreme", _("Supreme people's court")


class JudgmentKind(models.TextChoices):
    JUDGMENT = "judgment", _("Judgment")
    RULING = "ruling", _("Ruling")
    MEDIATION = "mediation", _("Mediation statement")


class Petition(TimeStampedModel):
    """A petition for supervision (申诉) and, once registered, the case (案件)."""

    class State(models.TextChoices):
        RECEIVED = "received", _("Awaiting acceptance")
        REFUSED = "refused", _("Not accepted")
        ACCEPTED = "accepted", _("Accepted, awaiting registration")
        UNDER_REVIEW = "under_review", _("Under review")
        OUTCOME_PENDING = "outcome_pending", _("Outcome awaiting approval")
        FOLLOW_UP = "follow_up", _("Following the court")
        CLOSED = "closed", pgettext_lazy("supervision", "Closed")

    procuratorate = procuratorate_field()
    department = department_fk(_("handling department"))
    state = FSMField(
        _("state"), max_length=20, choices=State.choices, default=State.RECEIVED
    )
    source = models.CharField(_("case source"), max_length=30, choices=Source.choices)
    source_detail = models.CharField(
        _("referred by"),
        max_length=120,
        blank=True,
        help_text=_("The law firm, judicial office, street office or department."),
    )
    received_on = models.DateField(_("received on"))
    received_by = user_field(_("received by"))
    # The original judgment the petition asks to supervise.
    case_type = models.CharField(
        _("case type"), max_length=20, choices=CaseType.choices
    )
    cause = models.CharField(_("cause of action"), max_length=100)
    court_name = models.CharField(_("court"), max_length=100)
    court_level = models.CharField(
        _("court level"), max_length=20, choices=CourtLevel.choices
    )
    judgment_number = models.CharField(_("judgment case number"), max_length=80)
    judgment_kind = models.CharField(
        _("kind of judgment"),
        max_length=20,
        choices=JudgmentKind.choices,
        default=JudgmentKind.JUDGMENT,
    )
    judgment_date = models.DateField(_("date of judgment"))
    request = models.TextField(_("what the petitioner asks"), blank=True)
    grounds = models.TextField(_("grounds"))
    # Acceptance (受理) or refusal (不予受理), with the letter's number.
    accept_due_at = models.DateTimeField(_("acceptance due"), null=True, blank=True)
    decided_at = models.DateTimeField(
        _("accepted or refused at"), null=True, blank=True
    )
    decided_by = user_field(_("accepted or refused by"), optional=True)
    decision_note = models.TextField(_("reasons for not accepting"), blank=True)
    letter_number = models.CharField(_("letter number"), max_length=60, blank=True)
    # Registration (立案).
    register_due_at = models.DateTimeField(_("registration due"), null=True, blank=True)
    registered_at = models.DateTimeField(_("registered at"), null=True, blank=True)
    registered_by = user_field(pgettext_lazy("case", "registered by"), optional=True)
    case_number = models.CharField(_("case number"), max_length=60, blank=True)
    case_year = models.PositiveSmallIntegerField(_("case year"), null=True, blank=True)
    case_serial = models.PositiveIntegerField(_("case serial"), null=True, blank=True)
    handler = user_field(_("handler"), optional=True)
    review_due_at = models.DateTimeField(_("review due"), null=True, blank=True)
    review_notes = models.TextField(_("review notes"), blank=True)
    closed_at = models.DateTimeField(_("case closed at"), null=True, blank=True)

    class Meta:
        verbose_name = _("petition")
        verbose_name_plural = _("petitions")
        ordering = ["-received_on", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["procuratorate", "case_year", "case_serial"],
                condition=Q(case_serial__isnull=False),
                name="supervision_case_number_unique",
            ),
            models.CheckConstraint(
                condition=Q(registered_at__isnull=True)
                | (
                    Q(case_serial__isnull=False)
                    & Q(handler__isnull=False)
                    & ~Q(case_number="")
                ),
                name="supervision_registered_case_has_number_and_handler",
            ),
        ]
        indexes = [
            models.Index(fields=["procuratorate", "department", "state"]),
            models.Index(fields=["procuratorate", "received_on"]),
        ]

    def __str__(self):
        return self.case_number or _("Petition %(cause)s (%(judgment)s)") % {
            "cause": self.cause,
            "judgment": self.judgment_number,
        }

    def get_absolute_url(self):
        return reverse("supervision:petition_detail", args=[self.pk])

    @property
    def is_registered(self):
        return self.registered_at is not None

    def has_open_extension(self):
        """Whether an extension of the review awaits the procurator-general."""
        return any(e.state == Extension.State.REQUESTED for e in self.extensions.all())

    # The state graph and who may take each step (rules.py). Services check a
    # step with core.actions.transition_check under a row lock, pages offer
    # the steps available to the user. Steps with ``target=None`` leave the
    # state as it is: they say at which states the step is open.
    @step(State.RECEIVED, State.ACCEPTED, "supervision.decide_acceptance")
    def accept(self):
        pass

    @step(State.RECEIVED, State.REFUSED, "supervision.decide_acceptance")
    def refuse(self):
        pass

    @step(State.ACCEPTED, State.UNDER_REVIEW, "supervision.register_petition")
    def register(self):
        pass

    @step([State.UNDER_REVIEW, State.FOLLOW_UP], None, "supervision.assign_handler")
    def assign_handler(self):
        pass

    @step(State.UNDER_REVIEW, None, "supervision.review_petition")
    def keep_review_notes(self):
        pass

    @step(
        State.UNDER_REVIEW,
        None,
        "supervision.request_extension",
        conditions=[lambda petition: not petition.has_open_extension()],
    )
    def request_extension(self):
        pass

    @step(
        [
            State.RECEIVED,
            State.ACCEPTED,
            State.UNDER_REVIEW,
            State.OUTCOME_PENDING,
            State.FOLLOW_UP,
        ],
        None,
        "supervision.change_petition",
    )
    def add_attachment(self):
        pass

    @step(State.UNDER_REVIEW, State.OUTCOME_PENDING, "supervision.propose_outcome")
    def submit_outcome(self):
        pass

    # The rest follow from a step on the outcome, which carries the permission.
    @transition(field=state, source=State.OUTCOME_PENDING, target=State.UNDER_REVIEW)
    def return_outcome(self):
        pass

    @transition(field=state, source=State.OUTCOME_PENDING, target=State.FOLLOW_UP)
    def follow_court(self):
        pass

    @transition(
        field=state,
        source=[State.OUTCOME_PENDING, State.FOLLOW_UP],
        target=State.CLOSED,
    )
    def close(self):
        pass


class Party(TimeStampedModel):
    """A party to the original case: the petitioner, the other side, or a third."""

    class Role(models.TextChoices):
        PETITIONER = "petitioner", _("Petitioner")
        RESPONDENT = "respondent", _("Other party")
        THIRD_PARTY = "third_party", _("Third party")

    class Kind(models.TextChoices):
        PERSON = "person", _("Natural person")
        ORGANISATION = "organisation", _("Legal person or other organisation")

    petition = petition_fk(_("petition"), "parties")
    role = models.CharField(
        pgettext_lazy("supervision", "role"), max_length=20, choices=Role.choices
    )
    kind = models.CharField(
        _("kind"), max_length=20, choices=Kind.choices, default=Kind.PERSON
    )
    name = models.CharField(_("name"), max_length=100)
    id_number = models.CharField(
        _("identity or credit code"),
        max_length=30,
        blank=True,
        help_text=_("ID card number, or unified social credit code."),
    )
    legal_representative = models.CharField(
        _("legal representative"), max_length=40, blank=True
    )
    phone = models.CharField(_("phone"), max_length=30, blank=True)
    address = models.CharField(_("address"), max_length=200, blank=True)
    agent = models.CharField(
        _("agent"),
        max_length=100,
        blank=True,
        help_text=_("Lawyer or other agent, with the law firm."),
    )

    class Meta:
        verbose_name = _("party")
        verbose_name_plural = _("parties")
        ordering = ["petition", "role", "id"]

    def __str__(self):
        return self.name


class Attachment(TimeStampedModel):
    """A document handed in with the petition; served only to who may see the case."""

    class Kind(models.TextChoices):
        PETITION_LETTER = "petition_letter", _("Petition letter")
        JUDGMENT = "judgment", _("Copy of the judgment")
        EVIDENCE = "evidence", _("Evidence")
        IDENTITY = "identity", _("Proof of identity")
        AUTHORISATION = "authorisation", _("Power of attorney")
        OTHER = "other", _("Other")

    petition = petition_fk(_("petition"), "attachments")
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    # A random name: what the petitioner called the file is kept in the row,
    # and never becomes part of a path on disk.
    file = models.FileField(
        _("file"),
        upload_to=RandomPath("supervision/{instance.petition_id}"),
        max_length=200,
    )
    original_name = models.CharField(_("file name"), max_length=200)
    size = models.PositiveIntegerField(_("size in bytes"))
    content_type = models.CharField(_("content type"), max_length=100)
    uploaded_by = user_field(_("uploaded by"))

    class Meta:
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")
        ordering = ["petition", "created_at", "id"]

    def __str__(self):
        return self.original_name

    def get_absolute_url(self):
        return reverse("supervision:attachment_download", args=[self.pk])


class Extension(TimeStampedModel):
    """A request to extend the review deadline, approved by the procurator-general."""

    class State(models.TextChoices):
        REQUESTED = "requested", _("Awaiting approval")
        APPROVED = "approved", _("Approved")
        REFUSED = "refused", _("Refused")

    procuratorate = procuratorate_field()
    petition = petition_fk(_("case"), "extensions")
    state = FSMField(
        _("state"), max_length=20, choices=State.choices, default=State.REQUESTED
    )
    days = models.PositiveSmallIntegerField(
        _("extra days"), validators=[MinValueValidator(1), MaxValueValidator(90)]
    )
    reason = models.TextField(_("stated reason"))
    requested_by = user_field(_("requested by"))
    decided_by = user_field(_("decided by"), optional=True)
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    decision_note = models.CharField(_("note"), max_length=200, blank=True)
    previous_due_at = models.DateTimeField(_("previous due"), null=True, blank=True)
    new_due_at = models.DateTimeField(_("new due"), null=True, blank=True)

    class Meta:
        verbose_name = _("review extension")
        verbose_name_plural = _("review extensions")
        ordering = ["petition", "created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["petition"],
                condition=Q(state="requested"),
                name="supervision_one_open_extension",
            ),
            models.CheckConstraint(
                condition=Q(days__gte=1) & Q(days__lte=90),
                name="supervision_extension_days_range",
            ),
        ]

    def __str__(self):
        return _("Extension of %(days)s days") % {"days": self.days}

    def get_absolute_url(self):
        return self.petition.get_absolute_url()

    @step(State.REQUESTED, State.APPROVED, "supervision.decide_extension")
    def approve(self):
        pass

    @step(State.REQUESTED, State.REFUSED, "supervision.decide_extension")
    def refuse(self):
        pass
