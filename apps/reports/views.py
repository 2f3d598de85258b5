"""Report pages: ask for an export, watch it, download it. Services do the work."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.cache import add_never_cache_headers
from django.views.decorators.http import require_GET, require_POST

from apps.core.uploads import file_response

from .selectors import report_job_get, report_job_list, report_kind_label
from .services import report_job_create, report_job_download

PARAM_PREFIX = "param_"


@require_POST
def job_create(request):
    """Create a job from the export buttons (kind, format, param_* fields)."""
    params = {
        key.removeprefix(PARAM_PREFIX): value
        for key, value in request.POST.items()
        if key.startswith(PARAM_PREFIX) and value != ""
    }
    try:
        job = report_job_create(
            actor=request.user,
            kind=request.POST.get("kind", ""),
            format=request.POST.get("format", ""),
            params=params,
        )
    except ValidationError as exc:
        for message in exc.messages:
            messages.error(request, message)
        return redirect("reports:my_jobs")
    return redirect(job)


@require_GET
def job_detail(request, pk):
    job = report_job_get(user=request.user, pk=pk)
    return render(
        request,
        "reports/job_detail.html",
        {"job": job, "label": report_kind_label(job.kind)},
    )


@require_GET
def job_status(request, pk):
    """The status partial, polled by htmx every second while the job runs."""
    job = report_job_get(user=request.user, pk=pk)
    response = render(request, "reports/_job_status.html", {"job": job})
    add_never_cache_headers(response)
    return response


@require_GET
def download(request, pk):
    """The file, to the person who asked for it only; everyone else gets a 404."""
    job = report_job_get(user=request.user, pk=pk)
    if not job.is_downloadable:
        raise Http404
    try:
        # Exports hold personal data: no shared or stored copies on the way.
        response = file_response(job.file, filename=job.filename, confidential=True)
    except FileNotFoundError as exc:
        raise Http404 from exc
    report_job_download(actor=request.user, job=job)
    return response


@require_GET
def my_jobs(request):
    page = Paginator(report_job_list(user=request.user), 20).get_page(
        request.GET.get("page")
    )
    return render(request, "reports/my_jobs.html", {"page": page, "jobs": page})
