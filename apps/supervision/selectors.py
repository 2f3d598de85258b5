"""Reads of civil and administrative supervision, scoped to what the user may see.

`petitions_visible_to` is the one place that decides which cases a user sees;
the list, the detail page, the documents, the statistics and the export all
start from it, so they cannot disagree.
"""

from django.db.models import Exists, OuterRef, Prefetch, Q

from apps.core.models import Role, Staff
from apps.core.rules import is_any_admin, staff_of
from apps.core.scoping import get_scoped_or_404, scope_to_procuratorate
from apps.meetings import selectors as meeting_selectors

from .models import (
    SUPERVISION_DEPARTMENT_CODE,
    AccessGrant,
    Attachment,
    Clue,
    Extension,
    Outcome,
    Party,
    Petition,
)
from .rules import live_grant_q


def _chain_q(staff, prefix=""):
    """Records of the user's department or of a department the user oversees."""
    return Q(**{f"{prefix}department_id": staff.department_id}) | Q(
        **{f"{prefix}department__deputy_id": staff.pk}
    )


def _granted(user):
    """Cases granted to the user, live."""
    grants = AccessGrant.objects.filter(live_grant_q(user), petition=OuterRef("pk"))
    return Q(Exists(grants))


def _visible(model, user, granted=None):
    """Records of ``model`` the user may see: all of the procuratorate for the
    PG; else the department's, the overseen departments' and those the Q
    ``granted(user)`` names; none for an administrator or anyone not active
    staff."""
    staff = staff_of(user)
    if staff is None or not user.is_active or is_any_admin(user):
        return model.objects.none()
    qs = scope_to_procuratorate(model.objects.all(), user)
    if staff.has_role(Role.PROCURATOR_GENERAL):
        return qs
    chain = _chain_q(staff)
    return qs.filter(chain if granted is None else chain | granted(user))


def petitions_visible_to(user):
    """Cases the user may see: department, overseeing deputy, PG, explicit grants."""
    return _visible(Petition, user, _granted)


def clues_visible_to(user):
    """Clues: the department, its overseeing deputy and the PG; no grants."""
    return _visible(Clue, user)


def petition_list(*, user, filters=None):
    """The case list: one query for the cases with handler, outcome and petitioners."""
    filters = filters or {}
    qs = petitions_visible_to(user).select_related(
        "department", "handler__staff", "outcome"
    )
    if filters.get("state"):
        qs = qs.filter(state=filters["state"])
    if filters.get("source"):
        qs = qs.filter(source=filters["source"])
    if filters.get("year"):
        qs = qs.filter(received_on__year=filters["year"])
    if filters.get("mine"):
        qs = qs.filter(handler=user)
    if filters.get("q"):
        term = filters["q"]
        qs = qs.filter(
            Q(case_number__icontains=term)
            | Q(cause__icontains=term)
            | Q(judgment_number__icontains=term)
            | Q(parties__name__icontains=term)
        ).distinct()
    return qs.prefetch_related(
        Prefetch(
            "parties",
            queryset=Party.objects.filter(role=Party.Role.PETITIONER),
            to_attr="petitioners",
        )
    ).order_by("-received_on", "-id")


def petition_get(*, user, pk):
    """One case the user may see, with what its page shows; 404 for anyone else."""
    return get_scoped_or_404(
        petitions_visible_to(user)
        .select_related(
            "department",
            "department__deputy",
            "procuratorate",
            "received_by__staff",
            "decided_by__staff",
            "registered_by__staff",
            "handler__staff",
            "outcome",
            "outcome__proposed_by__staff",
            "outcome__head_approved_by__staff",
            "outcome__pg_approved_by__staff",
        )
        .prefetch_related(
            "parties",
            Prefetch(
                "attachments",
                queryset=Attachment.objects.select_related("uploaded_by__staff"),
            ),
            Prefetch(
                "extensions",
                queryset=Extension.objects.select_related(
                    "requested_by__staff", "decided_by__staff"
                ),
            ),
            Prefetch(
                "grants",
                queryset=AccessGrant.objects.select_related(
                    "grantee__staff__department", "granted_by__staff"
                ).filter(revoked_at__isnull=True),
                to_attr="live_grants",
            ),
        ),
        user,
        pk=pk,
    )


def _of_visible_case(queryset, user, pk, **kwargs):
    """The row ``pk`` of ``queryset`` if it belongs to a case the user may see;
    404 otherwise."""
    return get_scoped_or_404(
        queryset.filter(petition__in=petitions_visible_to(user)), user, pk=pk, **kwargs
    )


def attachment_get(*, user, pk):
    """An attachment of a case the user may see; 404 otherwise."""
    return _of_visible_case(
        Attachment.objects.select_related("petition"),
        user,
        pk,
        field="petition__procuratorate",
    )


def outcome_get(*, user, pk):
    return _of_visible_case(
        Outcome.objects.select_related("petition", "petition__department"), user, pk
    )


def committee_topic_for(*, user, outcome):
    """The outcome's committee topic if `user` may see it in meetings, else None."""
    if outcome is None or outcome.committee_topic_id is None:
        return None
    return (
        meeting_selectors.topic_list(user=user)
        .filter(pk=outcome.committee_topic_id)
        .first()
    )


def extension_get(*, user, pk):
    return _of_visible_case(Extension.objects.select_related("petition"), user, pk)


def grant_get(*, user, pk):
    return _of_visible_case(
        AccessGrant.objects.select_related("petition", "petition__department"),
        user,
        pk,
    )


def clue_list(*, user, filters=None):
    filters = filters or {}
    qs = clues_visible_to(user).select_related(
        "petition", "inquirer__staff", "registered_by__staff"
    )
    if filters.get("state"):
        qs = qs.filter(state=filters["state"])
    if filters.get("year"):
        qs = qs.filter(registered_at__year=filters["year"])
    return qs.order_by("-registered_at", "-id")


def clue_get(*, user, pk):
    return get_scoped_or_404(
        clues_visible_to(user).select_related(
            "department",
            "petition",
            "registered_by__staff",
            "reported_by__staff",
            "decided_by__staff",
            "inquirer__staff",
            "concluded_by__staff",
        ),
        user,
        pk=pk,
    )


def department_members(*, department):
    """Active staff of a department, for choosing a handler."""
    return (
        Staff.objects.filter(department=department, user__is_active=True)
        .select_related("user")
        .order_by("name")
    )


def grantable_staff(*, petition):
    """Active staff of the procuratorate outside the case's department."""
    return (
        Staff.objects.filter(
            procuratorate_id=petition.procuratorate_id, user__is_active=True
        )
        .exclude(department_id=petition.department_id)
        .exclude(roles__overlap=["system_admin", "security_admin", "audit_admin"])
        .select_related("user", "department")
        .order_by("department__sort_order", "name")
    )


def procuratorate_staff(*, procuratorate_id):
    return (
        Staff.objects.filter(procuratorate_id=procuratorate_id, user__is_active=True)
        .exclude(roles__overlap=["system_admin", "security_admin", "audit_admin"])
        .select_related("user", "department")
        .order_by("department__sort_order", "name")
    )


def supervision_department(*, user):
    """The civil-administrative department of the user's procuratorate, if any."""
    from apps.core.models import Department

    return (
        scope_to_procuratorate(Department.objects.all(), user)
        .filter(code=SUPERVISION_DEPARTMENT_CODE)
        .first()
    )
