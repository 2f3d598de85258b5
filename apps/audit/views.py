from django.contrib.auth.decorators import permission_required
from django.core.paginator import Paginator
from django.shortcuts import render

from .forms import AuditFilterForm
from .selectors import audit_event_list


@permission_required("audit.view_auditevent", raise_exception=True)
def event_list(request):
    form = AuditFilterForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    page = Paginator(audit_event_list(user=request.user, filters=filters), 50).get_page(
        request.GET.get("page")
    )
    return render(request, "audit/event_list.html", {"form": form, "page": page})
