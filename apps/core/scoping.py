"""The one scoping helper every selector uses: a user sees their procuratorate only.

Every business record belongs to one procuratorate. Selectors pass their base
queryset through `scope_to_procuratorate`, and views load single objects with
`get_scoped_or_404`, so guessing another procuratorate's ids finds nothing.
"""

from django.http import Http404


def user_procuratorate_id(user):
    """Return the id of the user's procuratorate, or None for an account without one."""
    staff = getattr(user, "staff", None) if user.is_authenticated else None
    return staff.procuratorate_id if staff else None


def scope_to_procuratorate(queryset, user, field="procuratorate"):
    """Restrict `queryset` to rows of the user's procuratorate (none without one)."""
    procuratorate_id = user_procuratorate_id(user)
    if procuratorate_id is None:
        return queryset.none()
    return queryset.filter(**{f"{field}_id": procuratorate_id})


def get_scoped_or_404(queryset, user, field="procuratorate", **lookup):
    """Load one object of the user's procuratorate; another's is simply not found."""
    try:
        return scope_to_procuratorate(queryset, user, field).get(**lookup)
    except queryset.model.DoesNotExist as exc:
        raise Http404 from exc
