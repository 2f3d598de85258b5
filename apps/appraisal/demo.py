"""Demo data for performance appraisal, made by the demo users through the services.

Two cycles: 2025年度, scored, approved and closed (so the rankings show
movement), and 2026年度 in its last quarter: targets approved by the party
group, staff targets issued in 公诉科, three quarters reported, a rate behind
plan answered by its head and commented by the overseeing deputy, a shared
self-investigation target (反贪局 leads; 监所 and 民行 cooperate), a special
task, an exemption under way, and a computation awaiting the party group.

Idempotent: a cycle that already exists is left as it is.
"""

import datetime
from decimal import Decimal

from django.db import transaction

from apps.core.models import Department, User

from .models import Checkpoint, Cycle, DepartmentPlan, Indicator, Measure, Target
from .services import adjustments, cycles, plans, progress, scoring, targets

D = Decimal

INDICATORS = [
    # code, name, measure, unit, direction, rate: (numerator, source, denominator,
    # source), partly outside control
    (
        "cases_concluded",
        "审结案件数",
        Measure.QUANTITATIVE,
        "件",
        "higher",
        None,
        False,
    ),
    (
        "no_arrest_rate",
        "不捕率",
        Measure.QUANTITATIVE,
        "%",
        "lower",
        (
            "不批准逮捕人数",
            "侦查监督科审查逮捕台账",
            "提请逮捕人数",
            "公安机关提请逮捕",
        ),
        True,
    ),
    (
        "self_investigation_rate",
        "自侦案件结案率",
        Measure.QUANTITATIVE,
        "%",
        "higher",
        ("侦结案件数", "反贪局、反渎局侦查台账", "立案侦查案件数", "立案决定书"),
        False,
    ),
    (
        "non_prosecution_rate",
        "不起诉率",
        Measure.QUANTITATIVE,
        "%",
        "lower",
        ("不起诉人数", "公诉科审查起诉台账", "审查起诉人数", "公安机关移送审查起诉"),
        True,
    ),
    (
        "protests",
        "提请抗诉及再审检察建议数",
        Measure.QUANTITATIVE,
        "件",
        "higher",
        None,
        False,
    ),
    ("suggestions", "检察建议数", Measure.QUANTITATIVE, "份", "higher", None, False),
    (
        "petitions_closed",
        "信访案件办结数",
        Measure.QUANTITATIVE,
        "件",
        "higher",
        None,
        False,
    ),
    (
        "information_adopted",
        "信息被采用数",
        Measure.QUANTITATIVE,
        "条",
        "higher",
        None,
        False,
    ),
    (
        "service_quality",
        "综合服务保障质量",
        Measure.QUALITATIVE,
        "",
        "higher",
        None,
        False,
    ),
]

GRADES = [
    {
        "grade": "优秀",
        "points": 100,
        "descriptor": "工作主动，质量高，无差错，受到上级表彰",
    },
    {"grade": "良好", "points": 85, "descriptor": "按时保质完成，偶有小差错"},
    {"grade": "一般", "points": 70, "descriptor": "基本完成，存在明显不足"},
    {"grade": "较差", "points": 50, "descriptor": "未完成或出现重大差错"},
]

# department code, indicator code, title, weight within the goal, target value
BUSINESS = [
    ("prosecution", "cases_concluded", "审结公诉案件", 15, 180),
    ("investigation_supervision", "no_arrest_rate", "不捕率控制在合理区间", 12, 12),
    ("anti_corruption", "self_investigation_rate", "自侦案件结案率", 15, 90),
    ("anti_malfeasance", "cases_concluded", "立案侦查渎职侵权案件", 10, 6),
    ("civil_administrative", "protests", "提请抗诉及再审检察建议", 10, 12),
    ("custody_supervision", "suggestions", "监所检察建议", 8, 10),
    ("complaints", "petitions_closed", "信访案件办结", 8, 120),
    ("prevention", "suggestions", "预防职务犯罪检察建议", 8, 15),
    ("case_management", "cases_concluded", "案件受理审查", 7, 600),
    ("juvenile", "cases_concluded", "未成年人案件审结", 7, 40),
]
COMPREHENSIVE = [
    ("office", "办文办会及信息宣传"),
    ("political", "队伍教育管理"),
    ("discipline", "纪检监察与检务督察"),
    ("technology", "技术保障与信息化"),
    ("committee_office", "检委会议题审查与督办"),
    ("research", "调查研究与业务指导"),
    ("judicial_police", "司法警务保障"),
    ("finance", "计划财务与装备管理"),
    ("appraisal_office", "绩效考评组织实施"),
    ("archives", "档案管理"),
]
# How far each business department got, per quarter, as a share of its target.
PACE = {
    "prosecution": (0.24, 0.52, 0.78, 1.05),
    "investigation_supervision": (
        0.95,
        1.3,
        1.05,
        0.9,
    ),  # a rate: factor of the ceiling
    "anti_corruption": (0.9, 0.95, 1.0, 1.02),  # a rate: factor of the target
    "anti_malfeasance": (0.17, 0.5, 0.67, 1.0),
    "civil_administrative": (0.25, 0.5, 0.83, 1.08),
    "custody_supervision": (0.3, 0.5, 0.8, 1.1),
    "complaints": (0.22, 0.45, 0.7, 0.98),
    "prevention": (0.2, 0.53, 0.73, 1.13),
    "case_management": (0.26, 0.5, 0.76, 1.02),
    "juvenile": (0.25, 0.55, 0.8, 1.1),
}
QUALITY = {
    "office": "优秀",
    "political": "良好",
    "discipline": "良好",
    "technology": "一般",
    "committee_office": "优秀",
    "research": "良好",
    "judicial_police": "良好",
    "finance": "一般",
    "appraisal_office": "良好",
    "archives": "一般",
}


def _user(username):
    return User.objects.get(username=username)


def _indicators(ao):
    found = {}
    for code, name, measure, unit, direction, rate, outside in INDICATORS:
        existing = Indicator.objects.filter(
            procuratorate_id=ao.staff.procuratorate_id, code=code
        ).first()
        if existing:
            found[code] = existing
            continue
        fields = {
            "code": code,
            "name": name,
            "measure": measure,
            "unit": unit,
            "direction": direction,
            "partly_outside_control": outside,
        }
        if rate:
            fields.update(
                is_rate=True,
                numerator_label=rate[0],
                numerator_source=rate[1],
                denominator_label=rate[2],
                denominator_source=rate[3],
            )
        if measure == Measure.QUALITATIVE:
            fields["grade_scale"] = GRADES
        found[code] = cycles.indicator_save(actor=ao, **fields)
    return found


def _plan(cycle, code):
    return DepartmentPlan.objects.select_related("department").get(
        cycle=cycle, department__code=code
    )


def _set_targets(cycle, ao, pg, ind, year):
    """Goals, department targets (one shared), the chain up to approval."""
    g1 = cycles.goal_save(
        actor=ao,
        cycle=cycle,
        code="1",
        title="依法履行法律监督职责，执法办案",
        weight=60,
    )
    g2 = cycles.goal_save(
        actor=ao, cycle=cycle, code="2", title="队伍建设与综合保障", weight=40
    )
    made = {}
    for code, indicator, title, weight, value in BUSINESS:
        cooperating = ()
        if code == "anti_corruption":
            # The essay's example: custody and civil-administrative supervision
            # find clues and help solve cases, so they share the credit.
            cooperating = [
                (
                    Department.objects.get(procuratorate=cycle.procuratorate, code=c),
                    D(s),
                )
                for c, s in (("custody_supervision", 15), ("civil_administrative", 10))
            ]
        made[code] = targets.department_target_save(
            actor=_user(f"{code}.head"),
            plan=_plan(cycle, code),
            parent=g1,
            indicator=ind[indicator],
            title=f"{year}年{title}",
            weight=weight,
            target_value=D(value),
            cooperating=cooperating,
        )
    for code, title in COMPREHENSIVE:
        made[code] = targets.department_target_save(
            actor=_user(f"{code}.head"),
            plan=_plan(cycle, code),
            parent=g2,
            indicator=ind["service_quality"],
            title=title,
            weight=10,
            nature="process",
        )
    for code in made:
        plan = _plan(cycle, code)
        plans.plan_propose(actor=_user(f"{code}.head"), plan=plan)
        plans.plan_review(actor=ao, plan=plan)
    plans.plans_submit(actor=ao, cycle=cycle)
    plans.plans_approve(
        actor=pg, cycle=cycle, decision_reference=f"{year}年第2次党组会议"
    )
    return {code: Target.objects.get(pk=t.pk) for code, t in made.items()}


def _staff_targets(cycle, ind, parent):
    head = _user("prosecution.head")
    plan = _plan(cycle, "prosecution")
    shares = [("prosecution.head", 25, 45), ("prosecution.staff1", 30, 55)]
    shares += [("prosecution.staff2", 25, 45), ("prosecution.staff3", 20, 35)]
    made = []
    for username, weight, value in shares:
        made.append(
            targets.individual_target_save(
                actor=head,
                plan=plan,
                parent=parent,
                staff=_user(username).staff,
                indicator=ind["cases_concluded"],
                title="承办审查起诉案件",
                weight=weight,
                target_value=D(value),
            )
        )
    plans.individual_targets_issue(actor=head, plan=plan)
    return [Target.objects.get(pk=t.pk) for t in made]


def _report_quarter(cycle, made, staff_targets, quarter, pace_shift=0.0):
    checkpoint = list(Checkpoint.objects.filter(cycle=cycle).order_by("due_date"))[
        quarter
    ]
    for code, _indicator, _title, _weight, value in BUSINESS:
        target = made[code]
        factor = PACE[code][quarter] + pace_shift
        reporter = _user(f"{code}.clerk") if code != "anti_corruption" else None
        reporter = reporter or _user(f"{code}.head")
        if target.is_rate:
            denominator = D(200)
            numerator = (denominator * D(value) * D(str(factor)) / 100).quantize(D("1"))
            progress.progress_report_save(
                actor=reporter,
                target=target,
                checkpoint=checkpoint,
                numerator=numerator,
                denominator=denominator,
                evidence=f"{target.numerator_source}、{target.denominator_source}",
            )
        else:
            progress.progress_report_save(
                actor=reporter,
                target=target,
                checkpoint=checkpoint,
                actual_value=(D(value) * D(str(factor))).quantize(D("1")),
                evidence="统一业务应用系统统计报表",
            )
    for code, _title in COMPREHENSIVE:
        progress.progress_report_save(
            actor=_user(f"{code}.head"),
            target=made[code],
            checkpoint=checkpoint,
            grade="良好",
            evidence="季度工作总结",
        )
    for i, target in enumerate(staff_targets):
        progress.progress_report_save(
            actor=_user("prosecution.head"),
            target=target,
            checkpoint=checkpoint,
            actual_value=(
                target.target_value
                * D(str(PACE["prosecution"][quarter] + pace_shift - 0.05 * i))
            ).quantize(D("1")),
            evidence="个人办案台账",
        )
    return checkpoint


def _grade(cycle, made, ao):
    for code, _title in COMPREHENSIVE:
        scoring.grade_record(actor=ao, target=made[code], grade=QUALITY[code])
    # The overseeing deputy adds a second opinion on two departments.
    deputy = made["office"].department.deputy.user
    scoring.grade_record(actor=deputy, target=made["office"], grade="良好")
    scoring.grade_record(
        actor=made["technology"].department.deputy.user,
        target=made["technology"],
        grade="良好",
        comment="信息化建设进展较快",
    )


def _compute(cycle, ao):
    run = scoring.score_run_start(actor=ao, cycle=cycle)
    # Computed here at once; a worker that later receives the task does nothing.
    return scoring.score_run_compute(run_id=run.pk)


@transaction.atomic
def _seed_2025(procuratorate, ao, pg, ind):
    cycle = cycles.cycle_create(
        actor=ao,
        name="2025年度",
        start_date=datetime.date(2025, 1, 1),
        end_date=datetime.date(2025, 12, 31),
    )
    cycles.cycle_launch(actor=ao, cycle=cycle)
    made = _set_targets(cycle, ao, pg, ind, 2025)
    staff_targets = _staff_targets(cycle, ind, made["prosecution"])
    _report_quarter(cycle, made, staff_targets, 3, pace_shift=-0.04)
    _grade(cycle, made, ao)
    run = _compute(cycle, ao)
    scoring.score_run_approve(
        actor=pg, run=run, decision_reference="2026年第1次党组会议"
    )
    cycles.cycle_close(actor=ao, cycle=cycle)


@transaction.atomic
def _seed_2026(procuratorate, ao, pg, ind):
    cycle = cycles.cycle_create(
        actor=ao,
        name="2026年度",
        start_date=datetime.date(2026, 1, 1),
        end_date=datetime.date(2026, 12, 31),
    )
    cycles.cycle_launch(actor=ao, cycle=cycle)
    made = _set_targets(cycle, ao, pg, ind, 2026)
    staff_targets = _staff_targets(cycle, ind, made["prosecution"])
    for quarter in range(3):
        checkpoint = Checkpoint.objects.filter(cycle=cycle).order_by("due_date")[
            quarter
        ]
        progress.checkpoint_open_reporting(actor=ao, checkpoint=checkpoint)
        _report_quarter(cycle, made, staff_targets, quarter)
    # The second quarter's 不捕率 ran above its ceiling: flagged, answered, commented.
    behind = made["investigation_supervision"].reports.filter(is_behind=True).first()
    if behind is not None and not behind.remedy:
        progress.report_remedy(
            actor=_user("investigation_supervision.head"),
            report=behind,
            remedy="对提请逮捕案件逐案复查社会危险性证据，加强与公安机关沟通。",
        )
        progress.report_comment(
            actor=behind.department.deputy.user,
            report=behind,
            text="要把好逮捕必要性审查关，下季度回落到目标区间。",
        )
    # Unplanned work: a special task approved by the overseeing deputy.
    task = progress.special_task_propose(
        actor=_user("prosecution.head"),
        cycle=cycle,
        title="扫黑除恶专项斗争案件审查起诉",
        description="按市院部署，组建专门办案组，对涉黑涉恶案件提前介入、集中审查。",
        origin="梧州市人民检察院",
        start_date=datetime.date(2026, 3, 1),
        end_date=datetime.date(2026, 12, 31),
        requested_points=D("5"),
        participants=[
            _user("prosecution.staff1").staff,
            _user("prosecution.head").staff,
        ],
    )
    progress.special_task_approve(
        actor=task.department.deputy.user, task=task, credit_points=D("4")
    )
    progress.special_task_report(
        actor=_user("prosecution.clerk"),
        task=task,
        checkpoint=Checkpoint.objects.filter(cycle=cycle).order_by("due_date")[2],
        percent_complete=D("70"),
        evidence="已审结涉恶案件5件23人",
    )
    # An exemption on its way: the base of 不起诉率 is outside our control.
    adjustments.adjustment_request(
        actor=_user("investigation_supervision.head"),
        target=made["investigation_supervision"],
        kind="exemption",
        reason="公安机关开展专项行动，集中提请逮捕轻微案件，不捕率基数明显变化，非本院所能控制。",
    )


def seed(procuratorate):
    ao = _user("appraisal_office.head")
    pg = _user("pg")
    ind = _indicators(ao)
    existing = set(
        Cycle.objects.filter(procuratorate=procuratorate).values_list("name", flat=True)
    )
    if "2025年度" not in existing:
        _seed_2025(procuratorate, ao, pg, ind)
    if "2026年度" not in existing:
        _seed_2026(procuratorate, ao, pg, ind)
