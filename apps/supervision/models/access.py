"""Access to one case given explicitly to someone outside its department."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from apps.core.fields import procuratorate_field, user_field
from apps.core.models import TimeStampedModel

from .fields import petition_fk


class AccessGrant(TimeStampedModel):
    """Access to one case given explicitly to someone outside its department."""

    procuratorate = procuratorate_field()
    petition = petition_fk(_("case"), "grants")
    grantee = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("granted to"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    granted_by = user_field(_("granted by"))
    reason = models.CharField(_("stated reason"), max_length=200)
    expires_on = models.DateField(_("expires on"), null=True, blank=True)
    revoked_at = models.DateTimeField(_("revoked at"), null=True, blank=True)
    revoked_by = user_field(_("revoked by"), optional=True)

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
