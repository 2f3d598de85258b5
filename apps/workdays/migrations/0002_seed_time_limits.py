"""Seed the time-limit catalogue with the items the disclosure essay spells out."""

from django.db import migrations

# code, name, amount, unit, category, description (the essay's own words)
ENTRIES = [
    ("publicity.dispatch_important", "重要检察信息报送", 3, "calendar_days", "检察信息",
     "检察长交办的重要检察信息报送时限不超过3日"),
    ("publicity.dispatch_routine", "一般检察信息报送", 5, "calendar_days", "检察信息",
     "一般检察信息的报送时限不超过5日"),
    ("publicity.review", "信息初稿审核", 1, "working_days", "检察信息",
     "审核各业务部门送交的信息初稿，审核时限不超过1日"),
    ("publicity.dispatch", "签发后信息传送", 1, "working_days", "检察信息",
     "各类检察信息经检察长签发后，传送高检院、省院、分院的时限不超过1日"),
    ("disclosure.supplies_decide", "办公用品申请审批", 7, "calendar_days", "办公用品",
     "办公室主任在一周内做出是否批准的决定；未予批准的在政务公示栏说明原因"),
    ("disclosure.supplies_purchase", "办公用品采购", 7, "calendar_days", "办公用品",
     "经主任批准的办公用品申请，负责采购的人员在一周内完成采购"),
    ("disclosure.supplies_issue", "办公用品入库发放", 2, "calendar_days", "办公用品",
     "采购回来的办公用品进行入库登记，二日之内完成发放并履行出库手续"),
    ("disclosure.supplies_urgent", "办公用品当天解决", 0, "calendar_days", "办公用品",
     "需要当天解决的，经主任决定当天购买和发放；库内已有的当天发放"),
]


def seed(apps, schema_editor):
    TimeLimit = apps.get_model("workdays", "TimeLimit")
    for order, (code, name, amount, unit, category, description) in enumerate(ENTRIES):
        TimeLimit.objects.update_or_create(
            code=code,
            defaults={
                "name": name,
                "amount": amount,
                "unit": unit,
                "category": category,
                "description": description,
                "sort_order": order,
            },
        )


def unseed(apps, schema_editor):
    TimeLimit = apps.get_model("workdays", "TimeLimit")
    TimeLimit.objects.filter(code__in=[e[0] for e in ENTRIES]).delete()


class Migration(migrations.Migration):
    dependencies = [("workdays", "0001_initial")]
    operations = [migrations.RunPython(seed, unseed)]
