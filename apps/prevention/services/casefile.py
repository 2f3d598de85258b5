"""Binding the case file (案卷): every document of the project, in step order,
with a table of contents, then the collected materials, as one PDF.

Scanned PDFs are drawn page by page as images (pypdfium2) into the same
WeasyPrint document, so the table of contents and the page numbers cover the
whole file.
"""

import base64
import io
import logging
from pathlib import PurePath

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from apps.audit.services import audit_record
from apps.core.actions import locked

from ..models import Step
from ._common import PROJECT_RELATED

logger = logging.getLogger(__name__)

# Attachments are drawn at this resolution; enough to read a scan when printed.
RENDER_DPI = 110
MAX_PAGES_PER_ATTACHMENT = 60
IMAGE_TYPES = {"jpg": "image/jpeg", "jpeg": "image/jpeg", "png": "image/png"}


def _data_uri(mime, raw):
    return f"data:{mime};base64,{base64.b64encode(raw).decode('ascii')}"


def _attachment_pages(field_file):
    """Return (page data URIs, note) for one uploaded file."""
    extension = PurePath(field_file.name).suffix.lower().lstrip(".")
    try:
        with field_file.open("rb") as handle:
            raw = handle.read()
    except OSError:
        logger.exception("case file: cannot read %s", field_file.name)
        return [], _("The file could not be read.")
    if extension in IMAGE_TYPES:
        return [_data_uri(IMAGE_TYPES[extension], raw)], ""
    if extension == "pdf":
        import pypdfium2

        try:
            document = pypdfium2.PdfDocument(raw)
        except pypdfium2.PdfiumError:
            return [], _("The PDF could not be opened.")
        pages = []
        count = len(document)
        for index in range(min(count, MAX_PAGES_PER_ATTACHMENT)):
            bitmap = document[index].render(scale=RENDER_DPI / 72)
            buffer = io.BytesIO()
            bitmap.to_pil().convert("RGB").save(buffer, format="JPEG", quality=80)
            pages.append(_data_uri("image/jpeg", buffer.getvalue()))
        document.close()
        note = ""
        if count > MAX_PAGES_PER_ATTACHMENT:
            note = _("Only the first %(n)d of %(total)d pages are bound.") % {
                "n": MAX_PAGES_PER_ATTACHMENT,
                "total": count,
            }
        return pages, note
    return [], _("This kind of file cannot be bound.")


def case_file_context(project):
    """Everything the case-file template shows, in binding order."""
    from ..selectors import step_rows

    letter = getattr(project, "suggestion_letter", None)
    attachments = []
    for material in project.materials.all():
        pages, note = _attachment_pages(material.file)
        attachments.append(
            {
                "anchor": f"att-{material.pk}",
                "title": material.title,
                "kind": material.get_kind_display(),
                "step": Step(material.step),
                "pages": pages,
                "note": note,
            }
        )
    if letter and letter.receipt:
        pages, note = _attachment_pages(letter.receipt)
        attachments.append(
            {
                "anchor": "att-receipt",
                "title": _("Signed receipt of the suggestion letter"),
                "kind": _("Receipt"),
                "step": Step.SUGGESTION,
                "pages": pages,
                "note": note,
            }
        )
    approvals = list(project.approvals.all())
    return {
        "project": project,
        "selection": getattr(project, "selection", None),
        "approval_form": getattr(project, "approval_form", None),
        "form_approvals": [a for a in approvals if a.document == "approval_form"],
        "letter_approvals": [a for a in approvals if a.document == "suggestion_letter"],
        "analysis": getattr(project, "analysis", None),
        "symposium": getattr(project, "symposium", None),
        "letter": letter,
        "suggestions": list(letter.items.all()) if letter else [],
        "activities": list(project.activities.all()),
        "return_visit": getattr(project, "return_visit", None),
        "final_report": getattr(project, "final_report", None),
        "materials": list(project.materials.all()),
        "steps": step_rows(project),
        "attachments": attachments,
        "pdf_header": project.procuratorate.name,
        "classification": _("Internal"),
        "serif": True,
    }


def case_file_render(project):
    """Render the case file of `project` to PDF bytes."""
    from apps.reports.pdf import render_pdf

    return render_pdf("prevention/pdf/case_file.html", case_file_context(project))


def case_file_bind(*, project_id):
    """Bind and store the case file of an archived project; a second run does nothing.

    The PDF is drawn outside the transaction (it takes seconds); the row is
    then locked and the file stored only if no other run stored one first.
    """
    from ..selectors import project_for_case_file

    project = project_for_case_file(project_id=project_id)
    if not project.is_archived or project.case_file:
        return project
    content = case_file_render(project)
    with transaction.atomic():
        project = locked(project, related=PROJECT_RELATED)
        if project.case_file:
            return project
        moment = timezone.now()
        project.case_file.save(
            f"case-file-{project.year}-{project.sequence}.pdf",
            ContentFile(content),
            save=False,
        )
        project.case_file_bound_at = moment
        project.save(update_fields=["case_file", "case_file_bound_at", "updated_at"])
        audit_record(
            actor=None,
            action="prevention.project.bind_case_file",
            target=project,
            after={"case_file": project.case_file.name, "pages_bytes": len(content)},
            message=gettext_noop("Bound the case file"),
        )
    return project
