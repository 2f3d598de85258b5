"""Organisation: procuratorates, their departments, and the staff who work there."""

from django.contrib.auth.models import AbstractUser
from django.contrib.auth.models import UserManager as DjangoUserManager
from django.contrib.postgres.fields import ArrayField
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class TimeStampedModel(models.Model):
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        abstract = True


class Procuratorate(TimeStampedModel):
    """One procuratorate; information flows upwards along `parent`."""

    class Level(models.TextChoices):
        SUPREME = "supreme", _("Supreme People's Procuratorate")
        PROVINCIAL = "provincial", _("Provincial procuratorate")
        PREFECTURAL = "prefectural", _("Prefectural procuratorate")
        BASIC = "basic", _("Basic-level procuratorate")

    code = models.SlugField(_("code"), max_length=40, unique=True)
    name = models.CharField(_("name"), max_length=100, unique=True)
    short_name = models.CharField(_("short name"), max_length=40, blank=True)
    level = models.CharField(_("level"), max_length=20, choices=Level.choices)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("upper procuratorate"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="children",
    )
    case_number_prefix = models.CharField(
        _("case number prefix"),
        max_length=40,
        blank=True,
        help_text=_("Used in document numbers, e.g. 梧检."),
    )

    class Meta:
        verbose_name = _("procuratorate")
        verbose_name_plural = _("procuratorates")
        ordering = ["level", "name"]

    def __str__(self):
        return self.name


class Department(TimeStampedModel):
    """An internal body of one procuratorate (office, prosecution, bureau...)."""

    class Kind(models.TextChoices):
        # The appraisal essay: business and comprehensive departments are not
        # comparable, so rankings normalise within each kind.
        BUSINESS = "business", _("Business department")
        COMPREHENSIVE = "comprehensive", _("Comprehensive department")

    procuratorate = models.ForeignKey(
        Procuratorate,
        verbose_name=_("procuratorate"),
        on_delete=models.PROTECT,
        related_name="departments",
    )
    code = models.SlugField(_("code"), max_length=40)
    name = models.CharField(_("name"), max_length=60)
    kind = models.CharField(
        _("kind"), max_length=20, choices=Kind.choices, default=Kind.BUSINESS
    )
    deputy = models.ForeignKey(
        "Staff",
        verbose_name=_("overseeing deputy procurator-general"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="overseen_departments",
    )
    sort_order = models.PositiveSmallIntegerField(_("sort order"), default=0)
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        verbose_name = _("department")
        verbose_name_plural = _("departments")
        ordering = ["procuratorate", "sort_order", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["procuratorate", "code"], name="department_code_unique"
            ),
            models.UniqueConstraint(
                fields=["procuratorate", "name"], name="department_name_unique"
            ),
        ]

    def __str__(self):
        return self.name

    def clean(self):
        if self.deputy_id and self.deputy.procuratorate_id != self.procuratorate_id:
            raise ValidationError(
                {"deputy": _("The deputy must belong to the same procuratorate.")}
            )


class UserManager(DjangoUserManager):
    def get_queryset(self):
        # Every request needs the staff profile; load it with the user in one query.
        return (
            super()
            .get_queryset()
            .select_related("staff", "staff__department", "staff__procuratorate")
        )


class User(AbstractUser):
    """The login account; the person behind it is its `staff` profile."""

    objects = UserManager()

    class Meta(AbstractUser.Meta):
        verbose_name = _("account")
        verbose_name_plural = _("accounts")

    def __str__(self):
        staff = getattr(self, "staff", None)
        return staff.name if staff else self.username

    @property
    def display_name(self):
        return str(self)


class Role(models.TextChoices):
    """The roles of the glossary; a staff member may hold several."""

    PROCURATOR_GENERAL = "procurator_general", _("Procurator-general")
    DEPUTY_PROCURATOR_GENERAL = (
        "deputy_procurator_general",
        _("Deputy procurator-general"),
    )
    DEPARTMENT_HEAD = "department_head", _("Department head")
    INFORMATION_OFFICER = "information_officer", _("Information officer")
    DEPARTMENT_CLERK = "department_clerk", _("Department clerk")
    OFFICE_REVIEWER = "office_reviewer", _("Office reviewer")
    COMMITTEE_OFFICE = "committee_office", _("Committee office")
    APPRAISAL_OFFICE = "appraisal_office", _("Appraisal office")
    SYSTEM_ADMIN = "system_admin", _("System administrator")
    SECURITY_ADMIN = "security_admin", _("Security administrator")
    AUDIT_ADMIN = "audit_admin", _("Audit administrator")


# The three separated administrators: no account may hold two of these.
SEPARATED_ADMIN_ROLES = (Role.SYSTEM_ADMIN, Role.SECURITY_ADMIN, Role.AUDIT_ADMIN)


def _two_admin_roles():
    a, b, c = (str(r) for r in SEPARATED_ADMIN_ROLES)
    return (
        Q(roles__contains=[a, b])
        | Q(roles__contains=[a, c])
        | Q(roles__contains=[b, c])
    )


class Staff(TimeStampedModel):
    """A member of staff (干警): the profile of one user account."""

    user = models.OneToOneField(
        User, verbose_name=_("account"), on_delete=models.CASCADE, related_name="staff"
    )
    procuratorate = models.ForeignKey(
        Procuratorate,
        verbose_name=_("procuratorate"),
        on_delete=models.PROTECT,
        related_name="staff",
    )
    department = models.ForeignKey(
        Department,
        verbose_name=_("department"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="staff",
    )
    name = models.CharField(_("name"), max_length=40)
    position = models.CharField(_("position"), max_length=60, blank=True)
    roles = ArrayField(
        models.CharField(max_length=40, choices=Role.choices),
        verbose_name=_("roles"),
        default=list,
        blank=True,
    )
    phone = models.CharField(_("office phone"), max_length=30, blank=True)

    class Meta:
        verbose_name = _("staff member")
        verbose_name_plural = _("staff")
        ordering = ["procuratorate", "department__sort_order", "name"]
        constraints = [
            models.CheckConstraint(
                condition=~_two_admin_roles(), name="staff_separated_admin_roles"
            ),
        ]

    def __str__(self):
        return self.name

    def clean(self):
        held = [r for r in SEPARATED_ADMIN_ROLES if r in self.roles]
        if len(held) > 1:
            raise ValidationError(
                {
                    "roles": _(
                        "The system, security and audit administrator roles are "
                        "separated: one account may hold only one of them."
                    )
                }
            )
        if (
            self.department_id
            and self.department.procuratorate_id != self.procuratorate_id
        ):
            raise ValidationError(
                {"department": _("The department belongs to another procuratorate.")}
            )
        needs_department = {Role.DEPARTMENT_HEAD, Role.INFORMATION_OFFICER}
        if needs_department.intersection(self.roles) and not self.department_id:
            raise ValidationError({"department": _("This role needs a department.")})

    def has_role(self, *roles):
        return any(role in self.roles for role in roles)

    def get_roles_display(self):
        labels = dict(Role.choices)
        return "、".join(str(labels.get(r, r)) for r in self.roles)


class NumberSequence(models.Model):
    """The last serial given in one series of one procuratorate in one year.

    `apps.core.numbering.number_next` locks the row while it takes the next
    serial, so two people numbering at once get consecutive serials; a
    rolled-back caller gives its serial back, so a series has no gaps.
    """

    procuratorate = models.ForeignKey(
        Procuratorate,
        verbose_name=_("procuratorate"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    series = models.CharField(_("series"), max_length=40)
    year = models.PositiveSmallIntegerField(_("year"))
    last_number = models.PositiveIntegerField(_("last number"), default=0)

    class Meta:
        verbose_name = _("number sequence")
        verbose_name_plural = _("number sequences")
        ordering = ["procuratorate", "series", "-year"]
        constraints = [
            models.UniqueConstraint(
                fields=["procuratorate", "series", "year"],
                name="core_sequence_unique",
            )
        ]

    def __str__(self):
        return f"{self.series} {self.year}: {self.last_number}"
