"""Demo data for 信息宣传, made by the demo users through the services.

Idempotent: an item is found by its title and left alone when it exists. To
give the statistics a year to show, items that went the whole way are moved
back in time after the services ran (the essays' office works all year).
"""

import datetime
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from apps.core.models import Department, User

from . import services
from .models import (
    Bulletin,
    Category,
    Item,
    Kind,
    Outlet,
    PayoutLedger,
    Quota,
    RewardScheme,
    Urgency,
)

# title, department, author, kind, category, urgency, how far it went,
# months ago it was dispatched, outlets adopting it
ITEMS = [
    (
        "公诉科开展案件质量评查活动取得实效",
        "prosecution",
        "prosecution.staff1",
        Kind.INFORMATION,
        Category.EXPERIENCE,
        Urgency.IMPORTANT,
        "adopted",
        1,
        ["检察日报", "广西壮族自治区人民检察院"],
    ),
    (
        "我院召开检察信息宣传工作会议",
        "office",
        "office.officer",
        Kind.NEWS,
        Category.UPDATE,
        Urgency.ROUTINE,
        "adopted",
        2,
        ["正义网", "梧州日报"],
    ),
    (
        "反贪局查办一起挪用公款案",
        "anti_corruption",
        "anti_corruption.officer",
        Kind.INFORMATION,
        Category.UPDATE,
        Urgency.IMPORTANT,
        "adopted",
        3,
        ["广西壮族自治区人民检察院"],
    ),
    (
        "关于基层检察院信息工作的调研报告",
        "research",
        "research.officer",
        Kind.INFORMATION,
        Category.RESEARCH,
        Urgency.ROUTINE,
        "adopted",
        4,
        ["梧州市人民检察院"],
    ),
    (
        "民行科举办检察开放日活动",
        "civil_administrative",
        "civil_administrative.officer",
        Kind.NEWS,
        Category.UPDATE,
        Urgency.ROUTINE,
        "adopted",
        13,
        ["梧州日报", "梧州电视台"],
    ),
    (
        "侦查监督科开展立案监督专项活动",
        "investigation_supervision",
        "investigation_supervision.officer",
        Kind.INFORMATION,
        Category.OVERVIEW,
        Urgency.ROUTINE,
        "dispatched",
        0,
        [],
    ),
    (
        "职务犯罪预防科走进企业开展警示教育",
        "prevention",
        "prevention.officer",
        Kind.NEWS,
        Category.UPDATE,
        Urgency.ROUTINE,
        "signed_off",
        0,
        [],
    ),
    (
        "检察长谈新形势下的检察宣传工作",
        "office",
        "office.clerk",
        Kind.INFORMATION,
        Category.LEADERSHIP,
        Urgency.IMPORTANT,
        "reviewed",
        0,
        [],
    ),
    (
        "公诉科办理一起危险驾驶案件",
        "prosecution",
        "prosecution.officer",
        Kind.NEWS,
        Category.UPDATE,
        Urgency.ROUTINE,
        "approved",
        0,
        [],
    ),
    (
        "控申科接待来访群众情况",
        "complaints",
        "complaints.officer",
        Kind.INFORMATION,
        Category.UPDATE,
        Urgency.ROUTINE,
        "submitted",
        0,
        [],
    ),
    (
        "监所检察科开展羁押必要性审查",
        "custody_supervision",
        "custody_supervision.staff1",
        Kind.INFORMATION,
        Category.EXPERIENCE,
        Urgency.ROUTINE,
        "returned",
        0,
        [],
    ),
    (
        "未检科开展法治进校园活动",
        "juvenile",
        "juvenile.staff1",
        Kind.NEWS,
        Category.UPDATE,
        Urgency.ROUTINE,
        "draft",
        0,
        [],
    ),
]

BODY = (
    "<p>{title}。</p>"
    "<p>今年以来，我院坚持把信息宣传工作作为检察工作的重要组成部分，"
    "围绕中心、服务大局，及时反映检察工作动态和经验做法。</p>"
    "<p>下一步，我院将继续加强与上级检察机关和新闻媒体的沟通联系，"
    "提高信息报送的数量和质量。</p>"
)

QUOTAS = {
    "office": 12,
    "prosecution": 8,
    "anti_corruption": 6,
    "investigation_supervision": 5,
    "civil_administrative": 4,
    "research": 4,
    "prevention": 3,
    "complaints": 2,
}


def _user(username):
    return User.objects.get(username=username)


def _months_ago(months):
    now = timezone.localtime()
    year, month = now.year, now.month - months
    while month < 1:
        year, month = year - 1, month + 12
    day = min(now.day, 28)
    return now.replace(year=year, month=month, day=day, hour=10, minute=0)


@transaction.atomic
def seed(procuratorate):
    departments = {
        d.code: d for d in Department.objects.filter(procuratorate=procuratorate)
    }
    head = {code: _user(f"{code}.head") for code in departments if code != "archives"}
    reviewer = _user("office.staff1")
    general = _user("pg")
    outlets = {o.name: o for o in Outlet.objects.all()}
    for (
        title,
        dept,
        author,
        kind,
        category,
        urgency,
        stage,
        months_ago,
        adopted_by,
    ) in ITEMS:
        if Item.objects.filter(procuratorate=procuratorate, title=title).exists():
            continue
        writer = _user(author)
        item = services.item_create(
            actor=writer,
            kind=kind,
            category=category,
            urgency=urgency,
            title=title,
            body=BODY.format(title=title),
            department=departments[dept],
        )
        if stage == "draft":
            continue
        item = services.item_submit(actor=writer, item=item)
        if stage == "submitted":
            continue
        approver = head[dept] if head[dept] != writer else _user(f"{dept}.officer")
        if stage == "returned":
            services.item_return(
                actor=approver, item=item, comment="请补充具体数据和典型案例。"
            )
            continue
        item = services.item_approve(actor=approver, item=item, comment="同意报送")
        if stage == "approved":
            continue
        item = services.item_review(
            actor=reviewer, item=item, is_fine=category != Category.UPDATE
        )
        if stage == "reviewed":
            continue
        item = services.item_sign_off(actor=general, item=item)
        if stage == "signed_off":
            continue
        destinations = [outlets[n] for n in adopted_by] or [outlets["梧州市人民检察院"]]
        item = services.item_dispatch(actor=reviewer, item=item, outlets=destinations)
        if months_ago:
            when = _months_ago(months_ago)
            Item.objects.filter(pk=item.pk).update(
                submitted_at=when - datetime.timedelta(days=2),
                last_submitted_at=when - datetime.timedelta(days=2),
                approved_at=when - datetime.timedelta(days=1),
                reviewed_at=when - datetime.timedelta(hours=20),
                signed_off_at=when - datetime.timedelta(hours=4),
                dispatched_at=when,
            )
            item.refresh_from_db()
        for offset, name in enumerate(adopted_by):
            services.adoption_record(
                actor=reviewer,
                item=item,
                outlet=outlets[name],
                adopted_on=min(
                    (item.dispatched_at + datetime.timedelta(days=3 + offset)).date(),
                    timezone.localdate(),
                ),
                form="full" if offset == 0 else "excerpt",
                link="" if "院" in name else "http://www.example.cn/news/demo.html",
            )
    year = timezone.localdate().year
    if not Quota.objects.filter(procuratorate=procuratorate, year=year).exists():
        services.quotas_set(
            actor=reviewer,
            year=year,
            departments={departments[c]: n for c, n in QUOTAS.items()},
            persons={_user("prosecution.staff1"): 3, _user("office.officer"): 4},
        )
    if not RewardScheme.objects.filter(procuratorate=procuratorate, year=year).exists():
        services.reward_scheme_save(
            actor=reviewer,
            year=year,
            base_amount=Decimal("50"),
            base_points=Decimal("1"),
            fine_bonus=Decimal("30"),
            penalty_per_missing=Decimal("20"),
            rules=[
                ("national", "", Decimal("5")),
                ("provincial", "", Decimal("3")),
                ("prefectural", "", Decimal("2")),
                ("county", "", Decimal("1")),
                ("provincial", "internal", Decimal("4")),
            ],
        )
    if not Bulletin.objects.filter(procuratorate=procuratorate).exists():
        passed = list(
            Item.objects.filter(
                procuratorate=procuratorate,
                state__in=[Item.State.DISPATCHED, Item.State.SIGNED_OFF],
                is_fine=True,
            ).order_by("reviewed_at")[:3]
        )
        if passed:
            bulletin = services.bulletin_create(
                actor=reviewer,
                issued_on=timezone.localdate(),
                items=passed,
                distribution="报：梧州市人民检察院\n送：院领导\n发：各科室、局",
            )
            services.bulletin_issue(actor=reviewer, bulletin=bulletin)
    if not PayoutLedger.objects.filter(procuratorate=procuratorate, year=year).exists():
        ledger = services.payout_request(actor=reviewer, year=year)
        # Computed here as well, so the demo shows it without a running worker.
        services.payout_compute(ledger_id=ledger.pk)
