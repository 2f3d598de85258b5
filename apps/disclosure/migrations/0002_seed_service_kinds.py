"""Seed the service kinds and the time limits of the kinds the essay leaves open.

Office supplies use the catalogue entries the workdays app seeded from the
essay. Vehicle use, archive borrowing and printing have no figures in the
essay: the limits below are the office's own starting point, marked as such,
and the system administrator adjusts them in the administration site.
"""

from django.db import migrations

OWN = "文章未列明具体时限，由本院办公室确定，可在后台调整。"

# code, name, amount, unit, category, description
TIME_LIMITS = [
    ("disclosure.vehicle_decide", "用车申请审批", 1, "working_days", "车辆使用",
     "办公室主任对用车申请作出是否批准的决定。" + OWN),
    ("disclosure.vehicle_handle", "派车", 0, "calendar_days", "车辆使用",
     "批准用车的，当天派车。" + OWN),
    ("disclosure.archive_decide", "档案借阅审批", 1, "working_days", "档案管理",
     "办公室主任对档案借阅申请作出是否批准的决定。" + OWN),
    ("disclosure.archive_handle", "档案调取借出", 1, "working_days", "档案管理",
     "批准借阅的，档案管理人员调取并办理借出登记。" + OWN),
    ("disclosure.printing_decide", "文印申请审批", 1, "working_days", "文书印信",
     "办公室主任对文印申请作出是否批准的决定。" + OWN),
    ("disclosure.printing_handle", "文印完成", 2, "working_days", "文书印信",
     "批准的文印任务完成并交付。" + OWN),
]

# code, name, uses_stock, decide limit, handle limit, description
KINDS = [
    ("supplies", "办公用品", True, "disclosure.supplies_decide", "",
     "各科室局提出办公用品申请：主任一周内决定，一周内采购，入库后二日内发放；"
     "库内已有的当天发放。"),
    ("vehicle", "车辆使用", False, "disclosure.vehicle_decide",
     "disclosure.vehicle_handle", "办案、公务用车申请。"),
    ("archive", "档案借阅", False, "disclosure.archive_decide",
     "disclosure.archive_handle", "借阅本院档案。"),
    ("printing", "文印", False, "disclosure.printing_decide",
     "disclosure.printing_handle", "复印、印制文书材料。"),
]


def seed(apps, schema_editor):
    TimeLimit = apps.get_model("workdays", "TimeLimit")
    ServiceKind = apps.get_model("disclosure", "ServiceKind")
    for order, (code, name, amount, unit, category, text) in enumerate(TIME_LIMITS):
        TimeLimit.objects.update_or_create(
            code=code,
            defaults={
                "name": name,
                "amount": amount,
                "unit": unit,
                "category": category,
                "description": text,
                "sort_order": 20 + order,
            },
        )
    for order, (code, name, uses_stock, decide, handle, text) in enumerate(KINDS):
        ServiceKind.objects.update_or_create(
            code=code,
            defaults={
                "name": name,
                "uses_stock": uses_stock,
                "decide_time_limit": decide,
                "handle_time_limit": handle,
                "description": text,
                "sort_order": order,
            },
        )


def unseed(apps, schema_editor):
    TimeLimit = apps.get_model("workdays", "TimeLimit")
    ServiceKind = apps.get_model("disclosure", "ServiceKind")
    ServiceKind.objects.filter(code__in=[k[0] for k in KINDS]).delete()
    TimeLimit.objects.filter(code__in=[t[0] for t in TIME_LIMITS]).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("disclosure", "0001_initial"),
        ("workdays", "0002_seed_time_limits"),
    ]
    operations = [migrations.RunPython(seed, unseed)]
