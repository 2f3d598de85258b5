"""任务分解: the office sets the year's targets per department and per person."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext_lazy as _
from django.utils.translation import gettext_noop

from apps.audit.services import audit_record, model_snapshot
from apps.core.actions import authorize

from ..models import Quota


def _check_year(year):
    if not 2000 <= int(year) <= 2100:
        raise ValidationError({"year": _("Choose a year between 2000 and 2100.")})


@transaction.atomic
def quotas_set(*, actor, year, level="", departments=None, persons=None):
    """Set (or, with a target of 0 or None, remove) targets for one year and level.

    `departments` maps Department → target, `persons` maps User → target.
    Return the number of quotas changed.
    """
    authorize(actor, "publicity.manage_quotas")
    _check_year(year)
    procuratorate_id = actor.staff.procuratorate_id
    changed = 0
    targets = [("department", d, t) for d, t in (departments or {}).items()]
    targets += [("user", u, t) for u, t in (persons or {}).items()]
    for field, owner, target in targets:
        owner_procuratorate = (
            owner.procuratorate_id
            if field == "department"
            else owner.staff.procuratorate_id
        )
        if owner_procuratorate != procuratorate_id:
            raise ValidationError(_("A quota can only be set for this house."))
        if target is not None and target < 0:
            raise ValidationError(_("A target cannot be negative."))
        lookup = {
            "procuratorate_id": procuratorate_id,
            "year": year,
            "level": level,
            field: owner,
        }
        existing = (
            Quota.objects.select_for_update().filter(**lookup).order_by("pk").first()
        )
        if not target:
            if existing is not None:
                audit_record(
                    actor=actor,
                    action="publicity.quota.delete",
                    target=existing,
                    before=model_snapshot(existing),
                    message=gettext_noop("Removed a quota"),
                )
                existing.delete()
                changed += 1
            continue
        if existing is not None and existing.target == target:
            continue
        before = model_snapshot(existing) if existing else None
        quota = existing or Quota(**lookup)
        quota.target = target
        quota.full_clean()
        quota.save()
        audit_record(
            actor=actor,
            action="publicity.quota.set",
            target=quota,
            before=before,
            after=model_snapshot(quota),
            message=gettext_noop("Set a quota"),
        )
        changed += 1
    return changed
