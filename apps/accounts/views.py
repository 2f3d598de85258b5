from django.conf import settings
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_not_required, permission_required
from django.http import HttpResponse, HttpResponsePermanentRedirect
from django.shortcuts import redirect, render
from django.templatetags.static import static
from django.utils.translation import gettext_noop
from django.views.decorators.cache import never_cache

from apps.audit.services import audit_record
from apps.core.rules import is_leadership
from apps.core.selectors import department_list, staff_list


@login_not_required
@never_cache
def healthz(request):
    """Liveness probe for the container healthcheck."""
    return HttpResponse("ok", content_type="text/plain")


@login_not_required
def favicon(request):
    """Pages that do not name their icon (the admin site, a PDF in a tab) still
    get one, instead of a 404 on every visit."""
    return HttpResponsePermanentRedirect(static("favicon.svg"))


def home(request):
    """Leadership land on their board; everyone else on their to-dos."""
    if is_leadership(request.user):
        return redirect("dashboard:home")
    return redirect("todos:inbox")


class LoginView(auth_views.LoginView):
    redirect_authenticated_user = True

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["failure_limit"] = settings.AXES_FAILURE_LIMIT
        return context

    def form_valid(self, form):
        response = super().form_valid(form)
        audit_record(
            actor=form.get_user(),
            action="core.login",
            message=gettext_noop("Signed in"),
        )
        return response


class LogoutView(auth_views.LogoutView):
    def post(self, request, *args, **kwargs):
        if request.user.is_authenticated:
            audit_record(
                actor=request.user,
                action="core.logout",
                message=gettext_noop("Signed out"),
            )
        return super().post(request, *args, **kwargs)


@permission_required("core.export_staff_roster", raise_exception=True)
def staff_directory(request):
    departments = department_list(user=request.user)
    department_id = request.GET.get("department")
    department_id = int(department_id) if (department_id or "").isdigit() else None
    return render(
        request,
        "accounts/staff_list.html",
        {
            "staff": staff_list(user=request.user, department_id=department_id),
            "departments": departments,
            "department_id": department_id,
        },
    )
