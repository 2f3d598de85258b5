"""Sending a major or difficult case to the procuratorial committee (检察委员会).

The committee's topics belong to the meetings app: this module files one through
its public service `apps.meetings.services.topic_file` and keeps the topic's id
on the outcome. The committee has to read the case it discusses, so the
committee office and the committee's members of the day are given read access
to this one case (ordinary, revocable access grants).
"""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext, gettext_noop
from django.utils.translation import gettext_lazy as _

from apps.audit.services import audit_record
from apps.core.actions import authorize, locked, transition_check
from apps.core.models import Role
from apps.core.selectors import users_with_role
from apps.meetings import selectors as meeting_selectors
from apps.meetings import services as meeting_services

from ..models import AccessGrant
from .outcomes import _snapshot

# The committee's published scope category for cases (议事范围: 重大、疑难、复杂案件).
COMMITTEE_SCOPE = "cm_major_case"


def _topic_text(petition, outcome):
    title = gettext(
        "Civil-administrative supervision case %(number)s: proposed %(outcome)s"
    ) % {"number": str(petition), "outcome": outcome.get_kind_display()}
    summary = gettext(
        "Case %(number)s (%(court)s, %(judgment)s). Proposed outcome: %(outcome)s."
        "\n\nOpinion and reasons:\n%(opinion)s"
    ) % {
        "number": str(petition),
        "court": petition.court_name,
        "judgment": petition.judgment_number,
        "outcome": outcome.get_kind_display(),
        "opinion": outcome.opinion,
    }
    return title[:200], summary


def _committee_readers(petition, topic):
    """Users who must read the case for the committee and do not see it yet."""
    users = {
        user.pk: user
        for user in users_with_role(
            procuratorate_id=petition.procuratorate_id, role=Role.COMMITTEE_OFFICE
        )
    }
    for membership in meeting_selectors.memberships_on(
        topic.body, timezone.localdate()
    ):
        users.setdefault(membership.staff.user_id, membership.staff.user)
    already = set(
        AccessGrant.objects.filter(
            petition=petition, revoked_at__isnull=True
        ).values_list("grantee_id", flat=True)
    )
    readers = []
    for user in users.values():
        if user is None or not user.is_active or user.pk in already:
            continue
        if user.has_perm("supervision.view_petition", petition):
            continue  # the department, its deputy, the procurator-general
        readers.append(user)
    return readers


@transaction.atomic
def outcome_send_to_committee(*, actor, outcome):
    """File the case with the procuratorial committee as a topic (once).

    Allowed to the head of the case's department and the procurator-general
    while the outcome is not yet issued (the outcome's send_to_committee). The
    outcome becomes major, so the procurator-general approves it after the
    committee has discussed it.
    """
    # The case, then its outcome: always in this order, to avoid deadlocks.
    petition = locked(outcome.petition)
    outcome = locked(outcome)
    outcome.petition = petition
    if outcome.committee_topic_id is not None:
        authorize(actor, "supervision.send_to_committee", outcome)
        raise ValidationError(_("The case has already been sent to the committee."))
    transition_check(
        actor,
        outcome.send_to_committee,
        wrong_step=_("An issued outcome is no longer discussed."),
    )
    before = _snapshot(outcome)
    title, summary = _topic_text(petition, outcome)
    topic = meeting_services.topic_file(
        actor=actor,
        body="committee",
        title=title,
        scope_category=COMMITTEE_SCOPE,
        summary=summary,
        department=petition.department,
        source=petition,
    )
    outcome.committee_topic_id = topic.pk
    outcome.is_major = True
    outcome.save(update_fields=["committee_topic_id", "is_major", "updated_at"])
    readers = _committee_readers(petition, topic)
    reason = gettext("Discussed by the procuratorial committee")
    AccessGrant.objects.bulk_create(
        AccessGrant(
            procuratorate=petition.procuratorate,
            petition=petition,
            grantee=user,
            granted_by=actor,
            reason=reason,
        )
        for user in readers
    )
    audit_record(
        actor=actor,
        action="supervision.outcome.send_to_committee",
        target=petition,
        before=before,
        after={
            **_snapshot(outcome),
            "committee_topic_id": topic.pk,
            "access_granted_to": sorted(user.pk for user in readers),
        },
        message=gettext_noop("Case sent to the procuratorial committee"),
    )
    return topic
