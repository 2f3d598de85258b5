"""Small helpers the service modules share."""

from apps.core.models import Role, Staff


def office_directors(procuratorate_id):
    """The office director(s): department heads who are also office reviewers."""
    return [
        s.user
        for s in Staff.objects.filter(
            procuratorate_id=procuratorate_id,
            roles__contains=[str(Role.DEPARTMENT_HEAD), str(Role.OFFICE_REVIEWER)],
            user__is_active=True,
        ).select_related("user")
    ]


def office_reviewers(procuratorate_id):
    """The office's staff who buy, keep the store and publish on the board."""
    return [
        s.user
        for s in Staff.objects.filter(
            procuratorate_id=procuratorate_id,
            roles__contains=[str(Role.OFFICE_REVIEWER)],
            user__is_active=True,
        ).select_related("user")
    ]
