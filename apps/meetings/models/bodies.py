"""Bodies, their published scope lists and rosters over time."""

from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from apps.core.fields import procuratorate_field
from apps.core.models import TimeStampedModel

from .base import staff_list_field


class BodyKind(models.TextChoices):
    PARTY_GROUP = "party_group", _("Party group meeting")
    COMMITTEE = "committee", _("Procuratorial committee")
    OFFICE = "office", _("Office meeting")


class ScopeCategory(models.TextChoices):
    """Each body's published scope list, as essay 5 part two gives it."""

    # 党组会 (7)
    PG_LINE = "pg_line", _("Party line, principles and policies")
    PG_RESOLUTION = (
        "pg_resolution",
        _("Resolutions, requests and reports in the party group's name"),
    )
    PG_GUIDANCE = "pg_guidance", _("Guiding ideas, goals and work arrangements")
    PG_REFORM = "pg_reform", _("Internal reform, major construction and spending")
    PG_PERSONNEL = "pg_personnel", _("Personnel, commendations and discipline")
    PG_PARTY_BUILDING = "pg_party_building", _("Party building, conduct and integrity")
    PG_OTHER = "pg_other", _("Other major matters for the party group")
    # 检委会 (3)
    CM_GUIDANCE = "cm_guidance", _("Overall guidance of procuratorial work")
    CM_MAJOR_CASE = "cm_major_case", _("Major, difficult or complex cases")
    CM_SUPERVISION = "cm_supervision", _("Internal supervision")
    # 院务会 (3)
    OF_REPORT = "of_report", _("Reporting on work")
    OF_REVIEW = "of_review", _("Commenting on work progress")
    OF_ADJUSTMENT = "of_adjustment", _("Adjusting work plans")


SCOPE_BODY = {
    **{c: BodyKind.PARTY_GROUP for c in ScopeCategory if c.startswith("pg_")},
    **{c: BodyKind.COMMITTEE for c in ScopeCategory if c.startswith("cm_")},
    **{c: BodyKind.OFFICE for c in ScopeCategory if c.startswith("of_")},
}
# The party group's personnel topics need two thirds present (and may be postponed).
PERSONNEL_CATEGORIES = frozenset({ScopeCategory.PG_PERSONNEL})


def scope_choices_for(kind):
    return [(c.value, c.label) for c in ScopeCategory if SCOPE_BODY[c] == kind]


class Ballot(models.TextChoices):
    NAMED = "named", _("Named vote")
    SECRET = "secret", _("Secret ballot")


class Body(TimeStampedModel):
    """One of the three meeting bodies of a procuratorate."""

    procuratorate = procuratorate_field("meeting_bodies")
    kind = models.CharField(_("kind"), max_length=20, choices=BodyKind.choices)
    name = models.CharField(_("name"), max_length=60)
    default_ballot = models.CharField(
        _("default voting method"),
        max_length=10,
        choices=Ballot.choices,
        default=Ballot.NAMED,
    )
    secretaries = staff_list_field(
        _("secretaries"),
        _(
            "Who prepare the meetings and keep the minutes. For the committee, "
            "the committee office does this as well."
        ),
    )
    pre_reviewers = staff_list_field(
        _("pre-reviewers"),
        _(
            "Party group: the political department head or the person the party "
            "group designates, who pre-reviews topics and may route them."
        ),
    )

    class Meta:
        verbose_name = _("meeting body")
        verbose_name_plural = _("meeting bodies")
        ordering = ["procuratorate", "kind"]
        constraints = [
            models.UniqueConstraint(
                fields=["procuratorate", "kind"], name="meetings_body_one_per_kind"
            )
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("meetings:body_detail", args=[self.pk])

    @property
    def is_committee(self):
        return self.kind == BodyKind.COMMITTEE

    @property
    def is_party_group(self):
        return self.kind == BodyKind.PARTY_GROUP

    @property
    def is_office(self):
        return self.kind == BodyKind.OFFICE

    @property
    def votes(self):
        return self.kind != BodyKind.OFFICE


class Seat(models.TextChoices):
    """Where a member speaks: members first, then deputies, the chair last."""

    MEMBER = "member", _("Member")
    DEPUTY = "deputy", _("Deputy procurator-general")
    CHAIR = "chair", _("Chair (procurator-general)")


SEAT_SPEAKING_RANK = {Seat.MEMBER: 0, Seat.DEPUTY: 1, Seat.CHAIR: 2}


class Membership(TimeStampedModel):
    """One person's term on a body; `end_date` is the last day served."""

    body = models.ForeignKey(
        Body,
        verbose_name=pgettext_lazy("meetings", "body"),
        on_delete=models.CASCADE,
        related_name="memberships",
    )
    staff = models.ForeignKey(
        "core.Staff",
        verbose_name=_("member"),
        on_delete=models.PROTECT,
        related_name="meeting_memberships",
    )
    seat = models.CharField(
        _("seat"), max_length=10, choices=Seat.choices, default=Seat.MEMBER
    )
    is_full_time = models.BooleanField(_("full-time committee member"), default=False)
    start_date = models.DateField(_("from"))
    end_date = models.DateField(_("until"), null=True, blank=True)
    sort_order = models.PositiveSmallIntegerField(_("sort order"), default=0)

    class Meta:
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        ordering = ["body", "start_date", "sort_order", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(end_date__isnull=True) | Q(end_date__gte=F("start_date")),
                name="meetings_membership_dates_ordered",
            ),
            models.UniqueConstraint(
                fields=["body", "staff"],
                condition=Q(end_date__isnull=True),
                name="meetings_membership_one_open_term",
            ),
        ]

    def __str__(self):
        return f"{self.body} · {self.staff}"

    def is_active_on(self, day):
        return self.start_date <= day and (
            self.end_date is None or day <= self.end_date
        )

    @property
    def speaking_rank(self):
        return SEAT_SPEAKING_RANK[self.seat]
