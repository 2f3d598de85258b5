"""The case-file binding task, through a real Celery worker."""

import pytest
from celery.contrib.testing.worker import start_worker
from django.db import transaction

from apps.prevention import services
from apps.prevention.models import Material, PreventionProject, State
from apps.prevention.tasks import case_file_bind_task
from procuratorate.celery import app
from tests.waiting import wait_until

from .builders import open_project, pdf_file, run_to


def _render_first_page(data):
    import pypdfium2

    document = pypdfium2.PdfDocument(data)
    pages = len(document)
    image = document[0].render(scale=0.5).to_pil().convert("L")
    document.close()
    return pages, image


@pytest.mark.django_db
def test_binding_twice_keeps_the_first_file(people):
    project = open_project(people["staff"])
    run_to(project, people, State.ANALYSIS)
    services.material_add(
        actor=people["staff"],
        project=project,
        kind=Material.Kind.TESTIMONY,
        title="证人证言（三页）",
        file=pdf_file(pages=3),
    )
    run_to(project, people, State.ARCHIVED)
    first = services.case_file_bind(project_id=project.pk)
    name = first.case_file.name
    second = services.case_file_bind(project_id=project.pk)
    assert second.case_file.name == name
    data = first.case_file.open("rb").read()
    pages, image = _render_first_page(data)
    # Cover, contents, timeline, eight documents, attachments: the 3-page
    # testimony, the PNG investigation report and the PNG receipt.
    assert pages >= 11 + 3 + 2
    # The cover is drawn (not blank): some dark pixels from the title.
    assert image.getextrema()[0] < 100


@pytest.mark.worker
@pytest.mark.django_db(transaction=True)
def test_archive_binds_the_case_file_through_the_worker(people):
    project = open_project(people["staff"])
    run_to(project, people, State.ARCHIVING)
    with start_worker(app, perform_ping_check=False, shutdown_timeout=30):
        with transaction.atomic():
            services.project_archive(actor=people["clerk"], project=project)
        # The task was queued on commit; wait for the worker to store the file.
        project = wait_until(
            lambda: (
                PreventionProject.objects.filter(pk=project.pk)
                .exclude(case_file="")
                .first()
            ),
            timeout=60,
            what="the worker binding the case file",
        )
    assert project.case_file_bound_at is not None
    assert project.case_file.open("rb").read(4) == b"%PDF"
    # Running the task again does nothing new.
    case_file_bind_task.apply(args=[project.pk])
    assert PreventionProject.objects.get(pk=project.pk).case_file == project.case_file
