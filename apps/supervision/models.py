"""Civil and administrative supervision (民行检察): petitions, outcomes, clues.

A petition (申诉) is received, accepted or refused, registered as a case (立案)
with a case number, reviewed by a handler, and closed by one outcome that the
department head (major ones also the procurator-general) approves. Outcomes
that go to a court are followed until the court answers. Clues of judicial
staff's crimes (职务犯罪线索) found in the work have their own register.

Every record belongs to one procuratorate and to the department that handles
it; who may see it is decided in rules.py and selectors.py.
"""

import uuid
from pathlib import Path

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django_fsm import FSMField, transition

from apps.core.models import TimeStampedModel

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


class NumberSequence(models.Model):
    """The last number given in one series of one procuratorate in one year.

    Services lock the row while they take the next number, so two people
    registering at once get consecutive numbers; a rolled-back registration
    gives its number back, so the series has no gaps.
    """

    procuratorate = models.ForeignKey(
        "core.Procuratorate",
        verbose_name=_("procuratorate"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    series = models.CharField(_("series"), max_length=30)
    year = models.PositiveSmallIntegerField(_("year"))
    last_number = models.PositiveIntegerField(_("last number"), default=0)

    class Meta:
        verbose_name = _("number sequence")
        verbose_name_plural = _("number sequences")
        ordering = ["procuratorate", "series", "-year"]
        constraints = [
            models.UniqueConstraint(
                fields=["procuratorate", "series", "year"],
                name="supervision_sequence_unique",
            )
        ]

    def __str__(self):
        return f"{self.series} {self.year}: {self.last_number}"


class Petition(TimeStampedModel):
    """A petition for supervision (申诉) and, once registered, the case (案件)."""

    class State(models.TextChoices):
        RECEIVED = "received", _("Awaiting acceptance")
        REFUSED = "refused", _("Not accepted")
        ACCEPTED = "accepted", _("Accepted, awaiting registration")
        UNDER_REVIEW = "under_review", _("Under review")
        OUTCOME_PENDING = "outcome_pending", _("Outcome awaiting approval")
        FOLLOW_UP = "follow_up", _("Following the court")
        CLOSED = "closed", _("Closed")

    procuratorate = models.ForeignKey(
        "core.Procuratorate",
        verbose_name=_("procuratorate"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    department = models.ForeignKey(
        "core.Department",
        verbose_name=_("handling department"),
        on_delete=models.PROTECT,
        related_name="+",
    )
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
    received_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("received by"),
        on_delete=models.PROTECT,
        related_name="+",
    )
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
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("accepted or refused by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    decision_note = models.TextField(_("reasons for not accepting"), blank=True)
    letter_number = models.CharField(_("letter number"), max_length=60, blank=True)
    # Registration (立案).
    register_due_at = models.DateTimeField(_("registration due"), null=True, blank=True)
    registered_at = models.DateTimeField(_("registered at"), null=True, blank=True)
    registered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("registered by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    case_number = models.CharField(_("case number"), max_length=60, blank=True)
    case_year = models.PositiveSmallIntegerField(_("case year"), null=True, blank=True)
    case_serial = models.PositiveIntegerField(_("case serial"), null=True, blank=True)
    handler = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("handler"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
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

    # Transitions: services call these under a row lock; a wrong state raises.
    @transition(field=state, source=State.RECEIVED, target=State.ACCEPTED)
    def accept(self):
        pass

    @transition(field=state, source=State.RECEIVED, target=State.REFUSED)
    def refuse(self):
        pass

    @transition(field=state, source=State.ACCEPTED, target=State.UNDER_REVIEW)
    def register(self):
        pass

    @transition(field=state, source=State.UNDER_REVIEW, target=State.OUTCOME_PENDING)
    def submit_outcome(self):
        pass

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

    petition = models.ForeignKey(
        Petition,
        verbose_name=_("petition"),
        on_delete=models.CASCADE,
        related_name="parties",
    )
    role = models.CharField(_("role"), max_length=20, choices=Role.choices)
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


def attachment_path(instance, filename):
    # A random name: what the petitioner called the file is kept in the row,
    # and never becomes part of a path on disk.
    suffix = Path(filename).suffix.lower()
    return f"supervision/{instance.petition_id}/{uuid.uuid4().hex}{suffix}"


class Attachment(TimeStampedModel):
    """A document handed in with the petition; served only to who may see the case."""

    class Kind(models.TextChoices):
        PETITION_LETTER = "petition_letter", _("Petition letter")
        JUDGMENT = "judgment", _("Copy of the judgment")
        EVIDENCE = "evidence", _("Evidence")
        IDENTITY = "identity", _("Proof of identity")
        AUTHORISATION = "authorisation", _("Power of attorney")
        OTHER = "other", _("Other")

    petition = models.ForeignKey(
        Petition,
        verbose_name=_("petition"),
        on_delete=models.CASCADE,
        related_name="attachments",
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    file = models.FileField(_("file"), upload_to=attachment_path, max_length=200)
    original_name = models.CharField(_("file name"), max_length=200)
    size = models.PositiveIntegerField(_("size in bytes"))
    content_type = models.CharField(_("content type"), max_length=100)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("uploaded by"),
        on_delete=models.PROTECT,
        related_name="+",
    )

    class Meta:
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")
        ordering = ["petition", "created_at", "id"]

    def __str__(self):
        return self.original_name

    def get_absolute_url(self):
        return reverse("supervision:attachment_download", args=[self.pk])


class AccessGrant(TimeStampedModel):
    """Access to one case given explicitly to someone outside its department."""

    procuratorate = models.ForeignKey(
        "core.Procuratorate",
        verbose_name=_("procuratorate"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    petition = models.ForeignKey(
        Petition,
        verbose_name=_("case"),
        on_delete=models.CASCADE,
        related_name="grants",
    )
    grantee = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("granted to"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    granted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("granted by"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    reason = models.CharField(_("stated reason"), max_length=200)
    expires_on = models.DateField(_("expires on"), null=True, blank=True)
    revoked_at = models.DateTimeField(_("revoked at"), null=True, blank=True)
    revoked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("revoked by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        verbose_name = _("access grant")
        verbose_name_plural = _("access grants")
        ordering = ["petition", "-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["petition", "grantee"],
                condition=Q(revoked_at__isnull=True),
                name="supervision_one_live_grant_per_person",
            )
        ]

    def __str__(self):
        return f"{self.petition} → {self.grantee}"


class Extension(TimeStampedModel):
    """A request to extend the review deadline, approved by the procurator-general."""

    class State(models.TextChoices):
        REQUESTED = "requested", _("Awaiting approval")
        APPROVED = "approved", _("Approved")
        REFUSED = "refused", _("Refused")

    procuratorate = models.ForeignKey(
        "core.Procuratorate",
        verbose_name=_("procuratorate"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    petition = models.ForeignKey(
        Petition,
        verbose_name=_("case"),
        on_delete=models.CASCADE,
        related_name="extensions",
    )
    state = FSMField(
        _("state"), max_length=20, choices=State.choices, default=State.REQUESTED
    )
    days = models.PositiveSmallIntegerField(
        _("extra days"), validators=[MinValueValidator(1), MaxValueValidator(90)]
    )
    reason = models.TextField(_("stated reason"))
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("requested by"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("decided by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
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

    @transition(field=state, source=State.REQUESTED, target=State.APPROVED)
    def approve(self):
        pass

    @transition(field=state, source=State.REQUESTED, target=State.REFUSED)
    def refuse(self):
        pass


class Outcome(TimeStampedModel):
    """How the case ends: one way of supervising, approved and issued as a document."""

    class Kind(models.TextChoices):
        PROTEST_REQUEST = "protest_request", _("Request for protest")
        PROTEST = "protest", _("Protest")
        RETRIAL_SUGGESTION = "retrial_suggestion", _("Retrial suggestion")
        PROCURATORIAL_SUGGESTION = (
            "procuratorial_suggestion",
            _("Procuratorial suggestion"),
        )
        SETTLEMENT = "settlement", _("Settlement")
        PETITION_WITHDRAWN = "petition_withdrawn", _("Petition withdrawn")
        NOT_SUPPORTED = "not_supported", _("Supervision not supported")

    class SuggestionScope(models.TextChoices):
        ENFORCEMENT = "enforcement", _("Enforcement supervision")
        MEDIATION = "mediation", _("Mediation supervision")
        TRIAL = "trial", _("Trial procedure")

    class State(models.TextChoices):
        AWAITING_HEAD = "awaiting_head", _("Awaiting the department head")
        AWAITING_PG = "awaiting_pg", _("Awaiting the procurator-general")
        RETURNED = "returned", _("Returned for revision")
        ISSUED = "issued", _("Approved and issued")

    class UpperDecision(models.TextChoices):
        PROTESTED = "protested", _("Protest lodged")
        NOT_PROTESTED = "not_protested", _("No protest")

    class CourtResult(models.TextChoices):
        CHANGED = "changed", _("Judgment changed")
        REMANDED = "remanded", _("Sent back for retrial")
        UPHELD = "upheld", _("Original judgment upheld")
        MEDIATED = "mediated", _("Concluded by mediation")

    procuratorate = models.ForeignKey(
        "core.Procuratorate",
        verbose_name=_("procuratorate"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    petition = models.OneToOneField(
        Petition,
        verbose_name=_("case"),
        on_delete=models.CASCADE,
        related_name="outcome",
    )
    kind = models.CharField(_("outcome"), max_length=30, choices=Kind.choices)
    suggestion_scope = models.CharField(
        _("supervision of"), max_length=20, choices=SuggestionScope.choices, blank=True
    )
    state = FSMField(
        _("state"), max_length=20, choices=State.choices, default=State.AWAITING_HEAD
    )
    is_major = models.BooleanField(
        _("major or difficult case"),
        default=False,
        help_text=_("Major cases are also approved by the procurator-general."),
    )
    recipient = models.CharField(
        _("addressed to"),
        max_length=100,
        blank=True,
        help_text=_("The court or the upper procuratorate the document goes to."),
    )
    opinion = models.TextField(
        _("opinion and reasons"),
        help_text=_(
            "For a settlement, the terms agreed; for 'not supported', the reasons "
            "told to the petitioner."
        ),
    )
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("proposed by"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    proposed_at = models.DateTimeField(_("proposed at"))
    head_approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("approved by the department head"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    head_approved_at = models.DateTimeField(
        _("department head approved at"), null=True, blank=True
    )
    pg_approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("approved by the procurator-general"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    pg_approved_at = models.DateTimeField(
        _("procurator-general approved at"), null=True, blank=True
    )
    return_note = models.CharField(_("why it was returned"), max_length=300, blank=True)
    document_number = models.CharField(_("document number"), max_length=60, blank=True)
    issued_at = models.DateTimeField(_("issued at"), null=True, blank=True)
    # Court follow-up (跟进监督).
    upper_decision = models.CharField(
        _("upper procuratorate's decision"),
        max_length=20,
        choices=UpperDecision.choices,
        blank=True,
    )
    upper_decided_on = models.DateField(
        _("upper procuratorate decided on"), null=True, blank=True
    )
    suggestion_adopted = models.BooleanField(
        _("adopted by the court"), null=True, blank=True
    )
    court_replied_on = models.DateField(_("court replied on"), null=True, blank=True)
    retrial_started_on = models.DateField(_("retrial opened on"), null=True, blank=True)
    court_result = models.CharField(
        _("retrial result"), max_length=20, choices=CourtResult.choices, blank=True
    )
    court_result_on = models.DateField(_("retrial concluded on"), null=True, blank=True)
    follow_up_due_at = models.DateTimeField(_("follow-up due"), null=True, blank=True)
    committee_topic_id = models.PositiveBigIntegerField(
        _("committee topic"), null=True, blank=True
    )

    class Meta:
        verbose_name = _("outcome")
        verbose_name_plural = _("outcomes")
        ordering = ["-proposed_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(kind="procuratorial_suggestion") | Q(suggestion_scope=""),
                name="supervision_scope_only_for_suggestions",
            ),
            models.CheckConstraint(
                condition=~Q(state="issued") | ~Q(document_number=""),
                name="supervision_issued_outcome_has_number",
            ),
        ]

    def __str__(self):
        return self.document_number or self.get_kind_display()

    def get_absolute_url(self):
        return self.petition.get_absolute_url()

    @property
    def needs_procurator_general(self):
        return self.is_major or self.kind in ALWAYS_MAJOR

    @property
    def follow_up_step(self):
        """The court (or upper body) answer still awaited, or None when followed up."""
        if self.state != self.State.ISSUED or self.kind in CLOSING_KINDS:
            return None
        if self.kind == self.Kind.PROTEST_REQUEST and not self.upper_decision:
            return "upper_decision"
        if (
            self.kind
            in (self.Kind.RETRIAL_SUGGESTION, self.Kind.PROCURATORIAL_SUGGESTION)
            and self.suggestion_adopted is None
        ):
            return "court_reply"
        goes_to_retrial = (
            self.kind == self.Kind.PROTEST
            or self.upper_decision == self.UpperDecision.PROTESTED
            or (self.kind == self.Kind.RETRIAL_SUGGESTION and self.suggestion_adopted)
        )
        if goes_to_retrial and not self.court_result:
            return "retrial_result"
        return None

    @transition(field=state, source=[State.RETURNED], target=State.AWAITING_HEAD)
    def resubmit_to_head(self):
        pass

    @transition(
        field=state,
        source=[State.AWAITING_HEAD, State.RETURNED],
        target=State.AWAITING_PG,
    )
    def to_procurator_general(self):
        pass

    @transition(
        field=state,
        source=[State.AWAITING_HEAD, State.AWAITING_PG],
        target=State.ISSUED,
    )
    def issue(self):
        pass

    @transition(
        field=state,
        source=[State.AWAITING_HEAD, State.AWAITING_PG],
        target=State.RETURNED,
    )
    def send_back(self):
        pass


# Decisions to protest are always taken by the procurator-general.
ALWAYS_MAJOR = frozenset({Outcome.Kind.PROTEST_REQUEST, Outcome.Kind.PROTEST})
# Outcomes that end the case when issued; the others wait for a court or body.
CLOSING_KINDS = frozenset(
    {
        Outcome.Kind.SETTLEMENT,
        Outcome.Kind.PETITION_WITHDRAWN,
        Outcome.Kind.NOT_SUPPORTED,
    }
)
SUGGESTION_KINDS = frozenset(
    {Outcome.Kind.RETRIAL_SUGGESTION, Outcome.Kind.PROCURATORIAL_SUGGESTION}
)


class Clue(TimeStampedModel):
    """A clue of a judicial officer's crime (职务犯罪线索) found in the work."""

    class State(models.TextChoices):
        REGISTERED = "registered", _("Logged, awaiting report")
        REPORTED = "reported", _("Reported, awaiting decision")
        INQUIRY = "inquiry", _("Preliminary inquiry")
        BECAME_CASE = "became_case", _("Became a case")
        NOT_CASE = "not_case", _("Did not become a case")
        DISMISSED = "dismissed", _("No inquiry")

    procuratorate = models.ForeignKey(
        "core.Procuratorate",
        verbose_name=_("procuratorate"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    department = models.ForeignKey(
        "core.Department",
        verbose_name=_("department"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    petition = models.ForeignKey(
        Petition,
        verbose_name=_("found in case"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="clues",
    )
    state = FSMField(
        _("state"), max_length=20, choices=State.choices, default=State.REGISTERED
    )
    number = models.CharField(_("clue number"), max_length=60)
    suspect_name = models.CharField(_("person concerned"), max_length=40)
    suspect_position = models.CharField(
        _("post and unit"), max_length=120, help_text=_("e.g. judge of a court")
    )
    summary = models.TextField(_("what was found"))
    registered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("registered by"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    registered_at = models.DateTimeField(_("registered at"))
    report_due_at = models.DateTimeField(_("report due"), null=True, blank=True)
    reported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("reported by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    reported_at = models.DateTimeField(_("reported at"), null=True, blank=True)
    report_note = models.TextField(_("report text"), blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("decided by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    inquirer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("inquirer"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    inquiry_due_at = models.DateTimeField(_("inquiry due"), null=True, blank=True)
    concluded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("concluded by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    concluded_at = models.DateTimeField(_("concluded at"), null=True, blank=True)
    conclusion_note = models.TextField(_("conclusion"), blank=True)

    class Meta:
        verbose_name = _("clue")
        verbose_name_plural = _("clues")
        ordering = ["-registered_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["procuratorate", "number"],
                name="supervision_clue_number_unique",
            )
        ]

    def __str__(self):
        return self.number

    def get_absolute_url(self):
        return reverse("supervision:clue_detail", args=[self.pk])

    @transition(field=state, source=State.REGISTERED, target=State.REPORTED)
    def report(self):
        pass

    @transition(field=state, source=State.REPORTED, target=State.INQUIRY)
    def start_inquiry(self):
        pass

    @transition(field=state, source=State.REPORTED, target=State.DISMISSED)
    def dismiss(self):
        pass

    @transition(field=state, source=State.INQUIRY, target=State.BECAME_CASE)
    def became_case(self):
        pass

    @transition(field=state, source=State.INQUIRY, target=State.NOT_CASE)
    def not_case(self):
        pass
