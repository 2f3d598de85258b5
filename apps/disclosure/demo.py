"""Demo data for 政务公示, made by calling the services as the demo users.

Idempotent: each part is skipped when the procuratorate already has it.
"""

import datetime

from django.db import transaction
from django.utils import timezone

from apps.comments.services import comment_post
from apps.core.models import User

from .models import (
    BoardColumn,
    BoardPost,
    MonthlyPlan,
    OfficeMeeting,
    Rule,
    ServiceKind,
    ServiceRequest,
    StockItem,
)
from .services import (
    board_post_publish,
    meeting_question_add,
    meeting_record,
    plan_create,
    plan_item_add,
    plan_publish,
    plan_record_results,
    rule_publish,
    rule_revise,
    service_request_decide,
    service_request_issue,
    service_request_purchase,
    service_request_stock_in,
    service_request_submit,
    stock_item_create,
)

# The essay's 9 post responsibilities and 5 rules (第6篇).
POSTS = [
    "会计",
    "出纳",
    "档案",
    "密码通信",
    "司机",
    "司法统计",
    "库房",
    "文书收发",
    "枪支弹药管理",
]
RULES = ["检察信息", "办公用品购买", "计算机安全使用", "对外接待", "内务环境管理"]

POST_TEXT = (
    "一、{name}岗位人员在办公室主任领导下开展工作，坚持“政务就是服务、服务就是形象”。\n"
    "二、严格执行《政务管理行为时限标准》，不拖延、不搁置，按时限办结各项事务。\n"
    "三、建立工作台账，每月向政务公示栏报送本岗位工作实绩，接受全院干警监督。\n"
    "四、对各科室局提出的意见和要求，在每季度内勤联席会上予以答复。"
)
RULE_TEXT = {
    "办公用品购买": (
        "一、各科室局提出的办公用品申请，根据本院经费状况，办公室主任在一周内作出是否批准的决定；"
        "未予批准的，在本月政务公示栏说明原因，并在下次内勤联席会上通报。\n"
        "二、经主任批准的办公用品申请，负责采购的人员在一周内完成采购。\n"
        "三、采购回来的办公用品进行入库登记，二日之内完成发放，并履行出库手续。\n"
        "四、需要当天解决的，经主任决定当天购买和发放；库内已有的当天发放。\n"
        "五、日常必备的办公用品，管理人员应掌握具体数量，预计备品不足的，"
        "应于备品全部发放完毕前向办公室主任提出购买计划。"
    ),
}
STOCK = [
    ("签字笔", "支", 120, 30),
    ("A4复印纸", "包", 40, 10),
    ("订书钉", "盒", 25, 5),
    ("文件夹", "个", 60, 15),
    ("档案盒", "个", 8, 20),
    ("硒鼓", "个", 3, 2),
    ("笔记本", "本", 50, 10),
]
BOARD_POSTS = [
    (
        "finance",
        "本月经费支出情况公示",
        "本月办公经费支出3.2万元，其中办公用品0.8万元，车辆运行1.1万元……",
    ),
    (
        "vehicles",
        "公务用车使用情况通报",
        "本月安全行车6800公里，完成办案用车42次，无违章、无事故。",
    ),
    (
        "cipher",
        "密码通信工作情况",
        "本月收发机要文电86份，全部按时处理，传真线路运行正常。",
    ),
    (
        "statistics",
        "司法统计报表报送情况",
        "本月各类司法统计报表已于5日前报送市院，数据经核对无误。",
    ),
    ("research", "调研信息工作情况", "本月编写检察信息9篇，被上级采用6篇。"),
]


def _user(username):
    return User.objects.filter(username=username).first()


@transaction.atomic
def seed(procuratorate):
    office_head = _user("office.head")
    office_staff = _user("office.staff1")
    if not (office_head and office_staff):
        return
    if not StockItem.objects.filter(procuratorate=procuratorate).exists():
        for name, unit, quantity, low in STOCK:
            stock_item_create(
                actor=office_staff,
                name=name,
                unit=unit,
                quantity=quantity,
                low_stock_level=low,
            )
    if not Rule.objects.filter(procuratorate=procuratorate).exists():
        since = datetime.date(timezone.localdate().year, 1, 1)
        for order, name in enumerate(POSTS):
            rule_publish(
                actor=office_staff,
                kind=Rule.Kind.POST_RESPONSIBILITY,
                title=f"{name}岗位责任制",
                body=POST_TEXT.format(name=name),
                effective_from=since,
                sort_order=order,
            )
        for order, name in enumerate(RULES):
            version = rule_publish(
                actor=office_staff,
                kind=Rule.Kind.RULE,
                title=f"{name}制度",
                body=RULE_TEXT.get(name, POST_TEXT.format(name=name)),
                effective_from=since - datetime.timedelta(days=365),
                sort_order=order,
            )
            if name == "办公用品购买":
                rule_revise(
                    actor=office_head,
                    rule=version.rule,
                    body=RULE_TEXT[name]
                    + "\n六、申请一经网上提交，提交时间和内容不得更改。",
                    effective_from=since,
                    change_note="增加第六条：网上申请一经提交不得更改",
                )
    if not BoardPost.objects.filter(procuratorate=procuratorate).exists():
        columns = {c.code: c for c in BoardColumn.objects.all()}
        for code, title, body in BOARD_POSTS:
            if code in columns:
                board_post_publish(
                    actor=office_staff, column=columns[code], title=title, body=body
                )
    if not ServiceRequest.objects.filter(procuratorate=procuratorate).exists():
        _seed_requests(procuratorate, office_head, office_staff)
    if not MonthlyPlan.objects.filter(procuratorate=procuratorate).exists():
        _seed_plans(office_head, office_staff)
    if not OfficeMeeting.objects.filter(procuratorate=procuratorate).exists():
        _seed_meetings(procuratorate, office_staff)


DEPARTMENT_TASKS = [
    ("完成上月档案整理归档", "整理归档卷宗186卷", 100),
    ("组织本季度内勤联席会", "已召开，收集意见7条", 100),
    ("办公楼空调检修", "完成检修20台，余12台下月完成", 60),
    ("更新政务公示栏时限标准", "已更新并公示", 100),
]
PERSONAL_TASKS = {
    "office.staff1": [
        ("办公用品采购和发放", "按时限完成发放9批", 100),
        ("公务车辆年检", "2辆完成年检", 100),
    ],
    "office.clerk": [
        ("文件收发传阅", "收发文件132份", 100),
        ("编印《工作通讯》", "已编印", 100),
    ],
}


def _plan(actor, month, tasks, *, personal=False, report=True):
    plan = plan_create(actor=actor, month=month, personal=personal)
    for content, _result, _completion in tasks:
        plan_item_add(actor=actor, plan=plan, content=content)
    plan_publish(actor=actor, plan=plan)
    if report:
        plan_record_results(
            actor=actor,
            plan=plan,
            results={
                item.pk: (result, completion)
                for item, (_c, result, completion) in zip(
                    plan.items.order_by("sort_order", "id"), tasks, strict=True
                )
            },
            extra=[("接待市院检查组", "完成接待保障", 100)] if not personal else [],
        )
    return plan


def _seed_plans(office_head, office_staff):
    this_month = timezone.localdate().replace(day=1)
    last_month = (this_month - datetime.timedelta(days=1)).replace(day=1)
    _plan(office_head, last_month, DEPARTMENT_TASKS)
    _plan(office_head, this_month, DEPARTMENT_TASKS[:3], report=False)
    for username, tasks in PERSONAL_TASKS.items():
        person = _user(username)
        if person is not None:
            _plan(person, last_month, tasks, personal=True)


def _seed_meetings(procuratorate, office_staff):
    today = timezone.localdate()
    liaison = meeting_record(
        actor=office_staff,
        kind=OfficeMeeting.Kind.LIAISON,
        held_on=today - datetime.timedelta(days=20),
        title="本季度各科室内勤联席会",
        summary="通报本季度政务工作开展情况和办公用品申请办理情况，听取各科室意见。",
    )
    prosecution = procuratorate.departments.filter(code="prosecution").first()
    meeting_question_add(
        actor=office_staff,
        meeting=liaison,
        department=prosecution,
        question="复印机经常卡纸，影响出庭材料准备，能否尽快维修？",
        answer="已联系厂家，本周内上门维修，维修期间可使用办公室复印机。",
    )
    meeting_question_add(
        actor=office_staff,
        meeting=liaison,
        department=procuratorate.departments.filter(code="anti_corruption").first(),
        question="高拍仪申请何时能够解决？",
    )
    meeting_record(
        actor=office_staff,
        kind=OfficeMeeting.Kind.STAFF,
        held_on=today.replace(day=1),
        title="本月政务管理人员工作会",
        summary="总结上月工作，部署本月政务工作计划，明确各岗位时限要求。",
    )


def _seed_requests(procuratorate, office_head, office_staff):
    supplies = ServiceKind.objects.filter(code="supplies").first()
    vehicle = ServiceKind.objects.filter(code="vehicle").first()
    items = {i.name: i for i in StockItem.objects.filter(procuratorate=procuratorate)}
    clerk = _user("prosecution.clerk")
    clerk2 = _user("anti_corruption.clerk")
    clerk3 = _user("civil_administrative.clerk")
    if not (supplies and clerk and clerk2 and clerk3):
        return
    issued = service_request_submit(
        actor=clerk,
        kind=supplies,
        title="公诉科申领签字笔和复印纸",
        content="出庭准备材料需要。",
        lines=[
            {"stock_item": items["签字笔"], "quantity": 20},
            {"stock_item": items["A4复印纸"], "quantity": 5},
        ],
    )
    service_request_decide(actor=office_head, request=issued, decision="approved")
    service_request_issue(actor=office_staff, request=issued)
    deferred = service_request_submit(
        actor=clerk2,
        kind=supplies,
        title="反贪局申请购置高拍仪两台",
        content="讯问录像配套使用，每台约4500元。",
        lines=[{"name": "高拍仪", "quantity": 2, "unit": "台"}],
    )
    service_request_decide(
        actor=office_head,
        request=deferred,
        decision="deferred",
        reason="经检察长决定，资金数额较大，缓办",
    )
    bought = service_request_submit(
        actor=clerk3,
        kind=supplies,
        title="民行科申请档案盒",
        content="卷宗归档需要档案盒30个。",
        lines=[{"stock_item": items["档案盒"], "quantity": 30}],
    )
    service_request_decide(actor=office_head, request=bought, decision="approved")
    service_request_purchase(
        actor=office_staff, request=bought, note="文具批发市场采购"
    )
    service_request_stock_in(actor=office_staff, request=bought)
    rejected = service_request_submit(
        actor=clerk,
        kind=supplies,
        title="公诉科申请更换办公椅",
        content="办公椅已使用多年。",
        lines=[{"name": "办公椅", "quantity": 4, "unit": "把"}],
    )
    service_request_decide(
        actor=office_head,
        request=rejected,
        decision="rejected",
        reason="本年度家具更新已列入下季度装备计划，届时统一配置",
    )
    service_request_submit(
        actor=clerk2,
        kind=supplies,
        title="反贪局申领硒鼓",
        content="打印机硒鼓用完。",
        lines=[{"stock_item": items["硒鼓"], "quantity": 1}],
        urgent=True,
    )
    if vehicle:
        service_request_submit(
            actor=clerk3,
            kind=vehicle,
            title="赴市中级法院调卷用车",
            content="下周二上午调阅民事卷宗，需用车半天。",
        )
    staff = _user("prosecution.staff1")
    if staff:
        comment_post(
            actor=staff,
            target=deferred,
            body="高拍仪确实是办案急需，建议下季度优先安排。",
            anonymous=False,
        )
        comment_post(
            actor=_user("political.clerk") or staff,
            target=issued,
            body="发放很及时，点赞。",
            anonymous=True,
        )
