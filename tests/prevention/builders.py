"""Build prevention projects the way users do: by calling the services in order."""

import io

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from PIL import Image

from apps.prevention import services
from apps.prevention.models import (
    Material,
    PreventionActivity,
    ReturnVisit,
    State,
    Suggestion,
)


def png_file(name="scan.png", color=(200, 30, 30)):
    buffer = io.BytesIO()
    Image.new("RGB", (60, 40), color).save(buffer, format="PNG")
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/png")


def pdf_file(name="report.pdf", pages=2):
    from pypdf import PdfWriter

    writer = PdfWriter()
    for _ in range(pages):
        writer.add_blank_page(width=595, height=842)
    buffer = io.BytesIO()
    writer.write(buffer)
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="application/pdf")


SELECTION = {
    "source_case_number": "测检反贪刑诉〔2026〕12号",
    "source_case_name": "李某受贿案",
    "suspect": "李某，某镇国土所所长",
    "charge": "受贿罪",
    "amount_involved": 180000,
    "case_summary": "李某利用审批宅基地之便，多次收受他人财物共计18万元。",
    "criterion_widespread": True,
    "criterion_loopholes": True,
    "criterion_typical": False,
    "criterion_unit_willing": True,
    "selection_reason": (
        "该所审批环节缺乏监督，同类问题在辖区多发，单位主动要求开展预防。"
    ),
}
APPROVAL_FORM = {
    "case_facts": "2026年3月，李某因涉嫌受贿被立案侦查。",
    "reasons": "暴露出宅基地审批制度漏洞，具有警示意义。",
    "work_plan": "一个月内完成分析报告，随后召开座谈会并发出检察建议。",
}
ANALYSIS = {
    "facts": "李某在审批中收受财物18万元。",
    "motive": "心存侥幸，攀比心理。",
    "method": "以加快审批为名索取好处费。",
    "loopholes": "审批权集中于一人，缺少复核和公示。",
}
FINAL_REPORT = {
    "summary": "本案个案预防历时四个月，完成八个步骤。",
    "effect": "发案单位修订制度三项，建立审批公示制度。",
}


def symposium_fields():
    return {
        "held_on": timezone.localdate(),
        "place": "某镇国土所会议室",
        "attendees": "预防科王某、国土所全体干部",
        "minutes": "通报案情，分析发案原因。",
        "agreements": "成立预防工作领导小组，三个月内完成整改。",
    }


def activity_fields():
    return {
        "kind": PreventionActivity.Kind.LECTURE,
        "held_on": timezone.localdate(),
        "title": "预防职务犯罪专题讲座",
        "description": "为国土所干部讲授职务犯罪预防知识。",
        "participants": 35,
    }


def visit_fields():
    return {
        "visited_on": timezone.localdate(),
        "method": ReturnVisit.Method.FIELD_VISIT,
        "findings": "审批公示制度已建立并运行。",
        "risk_assessment": "风险明显降低。",
    }


def open_project(handler, **extra):
    return services.project_create(
        actor=handler,
        title=extra.get("title", "李某受贿案个案预防"),
        affected_unit=extra.get("affected_unit", "某镇国土所"),
        affected_unit_authority="区国土资源局",
    )


# The actions that take a project from one state to the next, in order.
def _step(project, people):
    handler = project.handler
    state = project.state
    if state == State.SELECTION:
        services.case_selection_save(
            actor=handler, project=project, fields=SELECTION, complete=True
        )
    elif state == State.APPROVAL_DRAFT:
        services.approval_form_save(
            actor=handler, project=project, fields=APPROVAL_FORM, submit=True
        )
    elif state == State.APPROVAL_HEAD:
        services.approval_decide(actor=people["head"], project=project, approve=True)
    elif state == State.APPROVAL_PG:
        services.approval_decide(actor=people["pg"], project=project, approve=True)
    elif state == State.ANALYSIS:
        services.material_add(
            actor=handler,
            project=project,
            kind=Material.Kind.INVESTIGATION_REPORT,
            title="侦查终结报告",
            file=png_file(),
        )
        services.analysis_report_save(
            actor=handler, project=project, fields=ANALYSIS, complete=True
        )
    elif state == State.SYMPOSIUM:
        services.symposium_save(
            actor=handler, project=project, fields=symposium_fields(), complete=True
        )
    elif state == State.SUGGESTION_DRAFT:
        services.suggestion_letter_save(
            actor=handler,
            project=project,
            addressee=project.affected_unit,
            problems="审批权过于集中。",
            suggestions=["建立审批复核制度", "推行审批结果公示", "开展廉政教育"],
            submit=True,
        )
    elif state == State.SUGGESTION_PG:
        services.suggestion_letter_decide(
            actor=people["pg"], project=project, approve=True
        )
    elif state == State.DELIVERY:
        services.suggestion_letter_deliver(
            actor=handler,
            project=project,
            delivered_on=timezone.localdate(),
            recipient="张某，国土所所长",
            receipt=png_file("receipt.png"),
        )
    elif state == State.ACTIVITIES:
        services.activity_add(actor=handler, project=project, fields=activity_fields())
        services.activities_complete(actor=handler, project=project)
    elif state == State.RETURN_VISIT:
        items = Suggestion.objects.filter(letter__project=project).order_by("order")
        adoptions = ["adopted", "partly", "adopted"]
        feedback = {
            item.pk: (adoptions[i % 3], "已落实") for i, item in enumerate(items)
        }
        services.return_visit_save(
            actor=handler,
            project=project,
            fields=visit_fields(),
            feedback=feedback,
            complete=True,
        )
    elif state == State.FINAL_REPORT:
        services.final_report_save(
            actor=handler, project=project, fields=FINAL_REPORT, submit=True
        )
    elif state == State.ARCHIVING:
        services.project_archive(actor=people["clerk"], project=project)
    else:
        raise AssertionError(f"no step from {state}")


def run_to(project, people, state):
    """Drive `project` forward through the services until it reaches `state`."""
    order = list(State.values)
    while order.index(project.state) < order.index(state):
        _step(project, people)
        project.refresh_from_db()
    assert project.state == state
    return project
