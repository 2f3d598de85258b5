"""What every meeting view shares: loading an object the user may see, and
serving the PDFs the app renders."""

from django.core.exceptions import PermissionDenied
from django.http import HttpResponse

from apps.core.scoping import get_scoped_or_404


def load(model, request, pk, *, perm=None, field="procuratorate"):
    """One object of the user's procuratorate; another's is simply not found.

    With `perm`, the user must also hold it on the object (403 otherwise).
    """
    obj = get_scoped_or_404(model.objects.all(), request.user, field=field, pk=pk)
    if perm is not None and not request.user.has_perm(perm, obj):
        raise PermissionDenied
    return obj


def offers_by_name(offers):
    """The offers of an ActionSet by action name, for pages that place each one."""
    return {offer.name: offer for offer in offers}


def pdf_response(content, filename):
    """A PDF this app rendered itself (never an upload), shown in the browser.

    Meeting records are confidential: the browser keeps no copy.
    """
    response = HttpResponse(content, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "no-store"
    return response
