"""Downloads: the collected materials, the signed receipt, the bound case file.

Every file is served by ``apps.core.uploads.file_response``: as an attachment,
never sniffed, sandboxed and not cached (a prevention project holds a
criminal case's details).
"""

from pathlib import PurePosixPath

from django.http import Http404
from django.shortcuts import get_object_or_404, render
from django.utils.translation import gettext as _

from apps.core.uploads import file_response

from ..models import Material
from .actions import load_project


def _named(title, field_file):
    """The download's name: the record's title with the stored file's suffix."""
    return f"{title}{PurePosixPath(field_file.name).suffix.lower()}"


def material_download(request, pk, material_pk):
    project = load_project(request, pk)
    material = get_object_or_404(Material, pk=material_pk, project=project)
    return file_response(
        material.file, filename=_named(material.title, material.file), confidential=True
    )


def receipt_download(request, pk):
    project = load_project(request, pk)
    letter = getattr(project, "suggestion_letter", None)
    if not letter or not letter.receipt:
        raise Http404
    title = _("Signed receipt of the suggestion letter")
    return file_response(
        letter.receipt, filename=_named(title, letter.receipt), confidential=True
    )


def case_file(request, pk):
    """The bound case file; while it is being bound, a page that says so."""
    project = load_project(request, pk)
    if not project.is_archived:
        raise Http404
    if not project.case_file:
        return render(
            request, "prevention/case_file_pending.html", {"project": project}
        )
    return file_response(
        project.case_file, filename=f"{project.number}.pdf", confidential=True
    )
