"""Reads of report jobs: a person sees only their own, in their procuratorate."""

from apps.core.scoping import get_scoped_or_404, scope_to_procuratorate

from .models import ReportJob
from .registry import UnknownReport, get_report


def _own_jobs(*, user):
    if not user.is_authenticated:
        return ReportJob.objects.none()
    return scope_to_procuratorate(ReportJob.objects.filter(requested_by=user), user)


def report_job_list(*, user):
    """The user's own jobs, newest first."""
    return _own_jobs(user=user).order_by("-created_at", "-id")


def report_job_get(*, user, pk):
    """One of the user's own jobs; anyone else's is a 404."""
    return get_scoped_or_404(_own_jobs(user=user), user, pk=pk)


def report_kind_label(kind):
    """The label of a registered kind, or the kind itself if it is gone."""
    try:
        return get_report(kind).label
    except UnknownReport:
        return kind


def report_formats_for_user(*, user, kind):
    """The formats of `kind` that `user` may ask for (none if not allowed)."""
    try:
        spec = get_report(kind)
    except UnknownReport:
        return []
    if not user.is_authenticated or not user.has_perm(spec.permission):
        return []
    return [(value, ReportJob.Format(value).label) for value in spec.formats]
