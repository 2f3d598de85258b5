"""Demo prevention projects, made by the demo users through the services.

Idempotent: a project whose title already exists is left alone.
"""

import io

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from PIL import Image, ImageDraw

from apps.core.models import User

from . import services
from .models import Material, PreventionActivity, PreventionProject, ReturnVisit

PROJECTS = [
    {
        "title": "某镇国土所李某受贿案个案预防",
        "affected_unit": "长洲区某镇国土所",
        "authority": "长洲区自然资源局",
        "until": "archived",
        "selection": {
            "source_case_number": "长检反贪刑诉〔2026〕12号",
            "source_case_name": "李某受贿案",
            "suspect": "李某，某镇国土所所长",
            "charge": "受贿罪",
            "amount_involved": 186000,
            "case_summary": "李某利用审批农村宅"
            "基地之便，先后12次收受他人财物共计18.6万元。",
            "criterion_widespread": True,
            "criterion_loopholes": True,
            "criterion_typical": True,
            "criterion_unit_willing": True,
            "selection_reason": "宅基地审批环节权力集中、缺乏复核，同类问题在辖区多发；"
            "国土所新任所长主动要求开展预防。",
        },
    },
    {
        "title": "区医保中心王某挪用公款案个案预防",
        "affected_unit": "长洲区医疗保障服务中心",
        "authority": "长洲区医疗保障局",
        "until": "suggestion_pg",
        "selection": {
            "source_case_number": "长检反贪刑诉〔2026〕21号",
            "source_case_name": "王某挪用公款案",
            "suspect": "王某，医保中心出纳",
            "charge": "挪用公款罪",
            "amount_involved": 420000,
            "case_summary": "王某利用保管医"
            "保基金的职务便利，挪用公款42万元用于个人炒股。",
            "criterion_widespread": False,
            "criterion_loopholes": True,
            "criterion_typical": True,
            "criterion_unit_willing": True,
            "selection_reason": "基金管理钱账未分离，对账制度形同虚设，警示意义大。",
        },
    },
    {
        "title": "区交通运输局工程科赵某受贿案个案预防",
        "affected_unit": "长洲区交通运输局",
        "authority": "长洲区人民政府",
        "until": "analysis",
        "selection": {
            "source_case_number": "长检反贪刑诉〔2026〕30号",
            "source_case_name": "赵某受贿案",
            "suspect": "赵某，交通运输局工程科科长",
            "charge": "受贿罪",
            "amount_involved": 350000,
            "case_summary": "赵某在农村公路"
            "工程验收中为施工方提供帮助，收受贿赂35万元。",
            "criterion_widespread": True,
            "criterion_loopholes": True,
            "criterion_typical": False,
            "criterion_unit_willing": True,
            "selection_reason": "工程验收环节一人说了算，系串案中的一件。",
        },
    },
]

ORDER = [
    "selection",
    "approval_draft",
    "approval_head",
    "approval_pg",
    "analysis",
    "symposium",
    "suggestion_draft",
    "suggestion_pg",
    "delivery",
    "activities",
    "return_visit",
    "final_report",
    "archiving",
    "archived",
]


def _scan(title):
    image = Image.new("RGB", (620, 877), "white")
    draw = ImageDraw.Draw(image)
    draw.rectangle((20, 20, 600, 857), outline=(120, 120, 120), width=3)
    for y in range(120, 820, 40):
        draw.line((60, y, 560, y), fill=(200, 200, 200), width=2)
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    return SimpleUploadedFile(f"{title}.png", buffer.getvalue(), "image/png")


def _user(username):
    return User.objects.get(username=username)


def _advance(project, spec):
    handler = project.handler
    head, pg = _user("prevention.head"), _user("pg")
    today = timezone.localdate()
    state = project.state
    if state == "selection":
        services.case_selection_save(
            actor=handler, project=project, fields=spec["selection"], complete=True
        )
    elif state == "approval_draft":
        services.approval_form_save(
            actor=handler,
            project=project,
            fields={
                "case_facts": spec["selection"]["case_summary"],
                "reasons": spec["selection"]["selection_reason"],
                "work_plan": "一、一个月内收集材料"
                "并完成个案分析报告；二、与发案单位召开座谈会；"
                "三、发出检察建议并开展系列预防活动；四、三个月后回访。",
            },
            submit=True,
        )
    elif state == "approval_head":
        services.approval_decide(
            actor=head,
            project=project,
            approve=True,
            opinion="同意立项，报检察长审批。",
        )
    elif state == "approval_pg":
        services.approval_decide(
            actor=pg, project=project, approve=True, opinion="同意。"
        )
    elif state == "analysis":
        services.material_add(
            actor=handler,
            project=project,
            kind=Material.Kind.INVESTIGATION_REPORT,
            title="侦查终结报告",
            file=_scan("侦查终结报告"),
        )
        services.analysis_report_save(
            actor=handler,
            project=project,
            fields={
                "facts": spec["selection"]["case_summary"],
                "motive": "法纪观念淡薄，心存侥幸，认为“小额往来”不会被发现。",
                "method": "利用审批、验收等关键"
                "环节拖延办理，暗示当事人送钱“加快进度”。",
                "loopholes": "关键岗位长期由一人"
                "把持，缺少轮岗和复核；内部监督只查账不查事。",
            },
            complete=True,
        )
    elif state == "symposium":
        services.symposium_save(
            actor=handler,
            project=project,
            fields={
                "held_on": today,
                "place": f"{project.affected_unit}会议室",
                "attendees": "本院职务犯罪预防科全体干警；发案单位领导班子及中层干部",
                "minutes": "通报案情，剖析发案环节和原因，听取发案单位意见。",
                "agreements": "双方成立预防工"
                "作领导小组，发案单位三个月内完成制度整改。",
            },
            complete=True,
        )
    elif state == "suggestion_draft":
        services.suggestion_letter_save(
            actor=handler,
            project=project,
            addressee=project.affected_unit,
            problems="审批（验收）权力过于集中，缺少复核和公示，内部监督流于形式。",
            suggestions=[
                "建立关键环节双人复核制度，实行重要岗位定期轮岗。",
                "推行办理结果公示，畅通群众投诉举报渠道。",
                "每年至少开展两次警示教育，将廉政教育纳入干部培训。",
            ],
            submit=True,
        )
    elif state == "suggestion_pg":
        services.suggestion_letter_decide(actor=pg, project=project, approve=True)
    elif state == "delivery":
        services.suggestion_letter_deliver(
            actor=handler,
            project=project,
            delivered_on=today,
            recipient=f"{project.affected_unit}主要负责人",
            receipt=_scan("送达回证"),
            delivery_notes="当场宣读检察建议，双方就落实措施交换意见。",
        )
    elif state == "activities":
        for kind, title in [
            (PreventionActivity.Kind.MOBILISATION, "预防职务犯罪动员大会"),
            (PreventionActivity.Kind.LECTURE, "“以案释法”专题讲座"),
            (PreventionActivity.Kind.RISK_CHECK, "岗位廉政风险点排查"),
        ]:
            services.activity_add(
                actor=handler,
                project=project,
                fields={
                    "kind": kind,
                    "held_on": today,
                    "title": title,
                    "description": "发案单位组织，本院预防科指导协助。",
                    "participants": 40,
                },
            )
        services.activities_complete(actor=handler, project=project)
    elif state == "return_visit":
        items = project.suggestion_letter.items.order_by("order")
        services.return_visit_save(
            actor=handler,
            project=project,
            fields={
                "visited_on": today,
                "method": ReturnVisit.Method.SYMPOSIUM,
                "findings": "双人复核和轮岗制度已建立，办理结果已在大厅公示。",
                "risk_assessment": "关键环节风险明显降低，警示教育仍需常态化。",
            },
            feedback={
                item.pk: (adoption, text)
                for item, (adoption, text) in zip(
                    items,
                    [
                        ("adopted", "已制定复核办法并执行"),
                        ("adopted", "已在办事大厅公示"),
                        ("partly", "已开展一次，第二次列入下半年计划"),
                    ],
                    strict=False,
                )
            },
            complete=True,
        )
    elif state == "final_report":
        services.final_report_save(
            actor=handler,
            project=project,
            fields={
                "summary": "本次个案预防历时四个月，按八个步骤完成。",
                "effect": "发案单位修订完善制度三项，建立预防工作长效机制。",
                "reported_to_authority_on": today,
                "filed_with_upper_on": today,
            },
            submit=True,
        )
    elif state == "archiving":
        services.project_archive(actor=_user("prevention.clerk"), project=project)
        # Bind now, so the demo has its case file without a running worker.
        services.case_file_bind(project_id=project.pk)


def seed(procuratorate):
    handler = _user("prevention.staff1")
    for spec in PROJECTS:
        project = PreventionProject.objects.filter(
            procuratorate=procuratorate, title=spec["title"]
        ).first()
        if project is None:
            project = services.project_create(
                actor=handler,
                title=spec["title"],
                affected_unit=spec["affected_unit"],
                affected_unit_authority=spec["authority"],
            )
        while ORDER.index(project.state) < ORDER.index(spec["until"]):
            _advance(project, spec)
            project.refresh_from_db()
