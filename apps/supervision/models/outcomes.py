"""How a case ends: the outcome, its approval, its document and the court's answer."""

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django_fsm import RETURN_VALUE, FSMField, transition

from apps.core.fields import procuratorate_field, user_field
from apps.core.models import TimeStampedModel
from apps.core.workflow import step

from .petitions import Petition


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

    procuratorate = procuratorate_field()
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
    proposed_by = user_field(_("proposed by"))
    proposed_at = models.DateTimeField(_("proposed at"))
    head_approved_by = user_field(_("approved by the department head"), optional=True)
    head_approved_at = models.DateTimeField(
        _("department head approved at"), null=True, blank=True
    )
    pg_approved_by = user_field(_("approved by the procurator-general"), optional=True)
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

    def awaits_court(self):
        """Whether an issued outcome still waits for an answer to record."""
        return self.follow_up_step is not None

    # Approval: the step's approver (rules.py) approves or sends back; the
    # department head's approval of a major case goes on to the PG.
    @step(
        State.AWAITING_HEAD,
        RETURN_VALUE(State.AWAITING_PG, State.ISSUED),
        "supervision.approve_outcome_as_head",
    )
    @step(State.AWAITING_PG, State.ISSUED, "supervision.approve_outcome_as_pg")
    def approve(self):
        if self.state == self.State.AWAITING_HEAD and self.needs_procurator_general:
            return self.State.AWAITING_PG
        return self.State.ISSUED

    @step(State.AWAITING_HEAD, State.RETURNED, "supervision.approve_outcome_as_head")
    @step(State.AWAITING_PG, State.RETURNED, "supervision.approve_outcome_as_pg")
    def send_back(self):
        pass

    @step(
        [State.AWAITING_HEAD, State.AWAITING_PG, State.RETURNED],
        None,
        "supervision.send_to_committee",
        conditions=[lambda outcome: outcome.committee_topic_id is None],
    )
    def send_to_committee(self):
        pass

    @step(State.ISSUED, None, "supervision.record_follow_up", conditions=[awaits_court])
    def record_follow_up(self):
        pass

    # A proposal made again goes to the head, or straight to the PG when the
    # head proposes; the petition's submit_outcome carries the permission.
    @transition(field=state, source=State.RETURNED, target=State.AWAITING_HEAD)
    def resubmit_to_head(self):
        pass

    @transition(
        field=state,
        source=[State.AWAITING_HEAD, State.RETURNED],
        target=State.AWAITING_PG,
    )
    def to_procurator_general(self):
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
