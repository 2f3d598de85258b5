"""Demo cases and clues of the civil-administrative department, made by its services.

Idempotent: a case is recognised by its original judgment's case number, a clue
by the person concerned; what exists already is left as it is.
"""

import datetime

from django.db import transaction
from django.utils import timezone

from apps.core.models import User

from . import services
from .models import (
    SUPERVISION_DEPARTMENT_CODE,
    Attachment,
    CaseType,
    Clue,
    CourtLevel,
    Outcome,
    Party,
    Petition,
    Source,
)

PDF = b"%PDF-1.4\n% demo\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"

CASES = [
    {
        "details": {
            "source": Source.LAWYER,
            "source_detail": "广西梧州正义律师事务所 李明律师",
            "case_type": CaseType.CIVIL,
            "cause": "民间借贷纠纷",
            "court_name": "梧州市长洲区人民法院",
            "court_level": CourtLevel.BASIC,
            "judgment_number": "（2025）桂0405民初1234号",
            "request": "请求检察机关向法院提出再审检察建议",
            "grounds": "原判决认定借款已经归还的基本事实缺乏证据证明，"
            "转账凭证系另一笔货款。",
        },
        "petitioner": ("黄秀英", "13907740001", "梧州市长洲区新兴二路8号"),
        "respondent": "梧州市鸿达建材有限公司",
        "path": ("retrial_suggestion", "changed"),
    },
    {
        "details": {
            "source": Source.WALK_IN,
            "case_type": CaseType.CIVIL,
            "cause": "劳动争议",
            "court_name": "梧州市长洲区人民法院",
            "court_level": CourtLevel.BASIC,
            "judgment_number": "（2025）桂0405民初877号",
            "grounds": "原审未支持加班工资，适用法律错误。",
        },
        "petitioner": ("陈国平", "13607741122", "梧州市长洲区大塘街道"),
        "respondent": "梧州市某物流有限公司",
        "path": ("settlement", None),
    },
    {
        "details": {
            "source": Source.JUDICIAL_OFFICE,
            "source_detail": "长洲区倒水镇司法所",
            "case_type": CaseType.CIVIL,
            "cause": "相邻关系纠纷",
            "court_name": "梧州市长洲区人民法院",
            "court_level": CourtLevel.BASIC,
            "judgment_number": "（2025）桂0405民初1502号",
            "grounds": "原审对排水通道的认定与现场勘验不符。",
        },
        "petitioner": ("罗玉兰", "13877400231", "长洲区倒水镇"),
        "respondent": "罗春生",
        "path": ("received", None),
    },
    {
        "details": {
            "source": Source.STREET_OFFICE,
            "source_detail": "长洲区兴龙街道办事处",
            "case_type": CaseType.CIVIL,
            "cause": "房屋租赁合同纠纷",
            "court_name": "梧州市中级人民法院",
            "court_level": CourtLevel.INTERMEDIATE,
            "judgment_number": "（2022）桂04民终310号",
            "grounds": "二审判决违约金过高。",
        },
        "petitioner": ("梁振华", "13977401234", "长洲区兴龙街道"),
        "respondent": "梧州市某商贸有限公司",
        "path": ("refused", None),
    },
    {
        "details": {
            "source": Source.UPPER_PROCURATORATE,
            "source_detail": "梧州市人民检察院民事行政检察处",
            "case_type": CaseType.ADMINISTRATIVE,
            "cause": "工伤认定行政纠纷",
            "court_name": "梧州市长洲区人民法院",
            "court_level": CourtLevel.BASIC,
            "judgment_number": "（2025）桂0405行初56号",
            "grounds": "原判决对上下班途中的认定错误。",
        },
        "petitioner": ("覃立新", "13507745566", "长洲区长洲镇"),
        "respondent": "梧州市人力资源和社会保障局",
        "path": ("extension", None),
    },
    {
        "details": {
            "source": Source.OTHER_DEPARTMENT,
            "source_detail": "本院控告申诉检察科",
            "case_type": CaseType.CIVIL,
            "cause": "建设工程施工合同纠纷",
            "court_name": "梧州市中级人民法院",
            "court_level": CourtLevel.INTERMEDIATE,
            "judgment_number": "（2025）桂04民终1088号",
            "grounds": "工程价款鉴定程序严重违法，二审未予纠正。",
        },
        "petitioner": ("梧州市恒通建筑工程有限公司", "0774-3856677", "梧州市万秀区"),
        "respondent": "梧州市某房地产开发有限公司",
        "path": ("protest_request", None),
    },
    {
        "details": {
            "source": Source.OWN_INITIATIVE,
            "case_type": CaseType.CIVIL,
            "cause": "执行异议",
            "court_name": "梧州市长洲区人民法院",
            "court_level": CourtLevel.BASIC,
            "judgment_number": "（2025）桂0405执1930号",
            "grounds": "执行中超标的查封被执行人房产，长期未处置。",
        },
        "petitioner": None,
        "respondent": "周永红",
        "path": ("procuratorial_suggestion", None),
    },
]

CLUES = [
    ("赵某", "梧州市长洲区人民法院审判员", "became_case"),
    ("钱某", "梧州市长洲区人民法院执行局执行员", "inquiry"),
    ("孙某", "梧州市长洲区人民法院书记员", "registered"),
]


def _user(username):
    return User.objects.filter(username=username).first()


def _parties(case):
    parties = []
    if case["petitioner"]:
        name, phone, address = case["petitioner"]
        parties.append(
            {
                "role": Party.Role.PETITIONER,
                "kind": Party.Kind.ORGANISATION
                if "公司" in name
                else Party.Kind.PERSON,
                "name": name,
                "phone": phone,
                "address": address,
            }
        )
    parties.append(
        {
            "role": Party.Role.RESPONDENT,
            "kind": Party.Kind.ORGANISATION
            if len(case["respondent"]) > 4
            else Party.Kind.PERSON,
            "name": case["respondent"],
        }
    )
    return parties


def _run_case(case, people, today):
    from django.core.files.uploadedfile import SimpleUploadedFile

    clerk, head, pg = people["clerk"], people["head"], people["pg"]
    handler = people["staff1"]
    details = {
        **case["details"],
        "received_on": today - datetime.timedelta(days=20),
        "judgment_date": today - datetime.timedelta(days=200),
    }
    petition = services.petition_receive(
        actor=clerk,
        details=details,
        parties=_parties(case),
        attachments=[
            (
                Attachment.Kind.PETITION_LETTER,
                SimpleUploadedFile("申诉书.pdf", PDF),
            )
        ],
    )
    path, result = case["path"]
    if path == "received":
        return
    if path == "refused":
        services.petition_refuse(
            actor=head,
            petition=petition,
            reasons="申请超过法律规定的六个月申请期限，且无正当理由。",
        )
        return
    services.petition_accept(actor=head, petition=petition)
    services.petition_register(actor=head, petition=petition, handler=handler)
    if path == "extension":
        services.extension_request(
            actor=handler,
            petition=petition,
            days=30,
            reason="需调取原审卷宗并询问工伤认定经办人员。",
        )
        return
    opinions = {
        "retrial_suggestion": "原判决认定借款已经归还的基本事实缺乏证据证明，"
        "依法应当再审。",
        "settlement": "经本院主持，双方自愿达成和解：被申诉人支付加班工资"
        "一万二千元，申诉人不再申诉。",
        "protest_request": "二审判决采信的鉴定意见程序严重违法，"
        "认定工程价款的主要证据不足。",
        "procuratorial_suggestion": "执行法院超标的查封被执行人房产且长期未处置，"
        "损害当事人合法权益。",
    }
    recipients = {
        "retrial_suggestion": case["details"]["court_name"],
        "protest_request": "梧州市人民检察院",
        "procuratorial_suggestion": case["details"]["court_name"],
    }
    outcome = services.outcome_propose(
        actor=handler,
        petition=petition,
        kind=path,
        opinion=opinions[path],
        recipient=recipients.get(path, ""),
        suggestion_scope=Outcome.SuggestionScope.ENFORCEMENT
        if path == "procuratorial_suggestion"
        else "",
    )
    outcome = services.outcome_approve(actor=head, outcome=outcome)
    if path == "protest_request":
        return  # waits for the procurator-general
    if outcome.state == Outcome.State.AWAITING_PG:
        outcome = services.outcome_approve(actor=pg, outcome=outcome)
    if path == "retrial_suggestion":
        outcome = services.outcome_record_court_reply(
            actor=handler, outcome=outcome, adopted=True, replied_on=today
        )
        services.outcome_record_retrial_result(
            actor=handler,
            outcome=outcome,
            result=result,
            started_on=today,
            concluded_on=today,
        )


def _run_clue(suspect, position, end, people, petition):
    clue = services.clue_register(
        actor=people["staff2"],
        suspect_name=suspect,
        suspect_position=position,
        summary="审查中发现其可能收受当事人财物、违规干预案件办理的线索。",
        petition=petition,
    )
    if end == "registered":
        return
    clue = services.clue_report(
        actor=people["head"], clue=clue, note="已按线索备案汇报制度向检察长报告。"
    )
    clue = services.clue_decide(
        actor=people["pg"], clue=clue, inquire=True, inquirer=people["staff2"]
    )
    if end == "became_case":
        services.clue_conclude(
            actor=people["staff2"],
            clue=clue,
            became_case=True,
            note="初查证实，已移送反渎职侵权局立案侦查。",
        )


@transaction.atomic
def seed(procuratorate):
    """Add the demo cases and clues once; skip any that exist already."""
    prefix = SUPERVISION_DEPARTMENT_CODE
    people = {
        "pg": _user("pg"),
        "head": _user(f"{prefix}.head"),
        "clerk": _user(f"{prefix}.clerk"),
        "staff1": _user(f"{prefix}.staff1"),
        "staff2": _user(f"{prefix}.staff2"),
    }
    if not all(people.values()):
        return
    today = timezone.localdate()
    existing = set(
        Petition.objects.filter(procuratorate=procuratorate).values_list(
            "judgment_number", flat=True
        )
    )
    for case in CASES:
        if case["details"]["judgment_number"] not in existing:
            _run_case(case, people, today)
    petition = (
        Petition.objects.filter(
            procuratorate=procuratorate, registered_at__isnull=False
        )
        .order_by("registered_at")
        .first()
    )
    known = set(
        Clue.objects.filter(procuratorate=procuratorate).values_list(
            "suspect_name", flat=True
        )
    )
    for suspect, position, end in CLUES:
        if suspect not in known:
            _run_clue(suspect, position, end, people, petition)
