"""Time limits for posting the month's plan and its results.

The essay says plans are posted "at the start of the month" and results "at
its end" without a number of days: three working days is the office's own
reading, adjustable in the administration site.
"""

from django.db import migrations

OWN = "文章只说“月初”“月末”，具体天数由本院办公室确定，可在后台调整。"
TIME_LIMITS = [
    ("disclosure.plan_post", "公示本月工作计划", 3, "working_days", "月度计划与实绩",
     "每月开始后，各政务部门和政务工作人员公示本月工作计划。" + OWN),
    ("disclosure.plan_report", "登记本月工作实绩", 3, "working_days", "月度计划与实绩",
     "每月结束后，登记并公示本月工作实绩（政务工作人员每月工作实绩登记表）。" + OWN),
]


def seed(apps, schema_editor):
    TimeLimit = apps.get_model("workdays", "TimeLimit")
    for order, (code, name, amount, unit, category, text) in enumerate(TIME_LIMITS):
        TimeLimit.objects.update_or_create(
            code=code,
            defaults={
                "name": name,
                "amount": amount,
                "unit": unit,
                "category": category,
                "description": text,
                "sort_order": 40 + order,
            },
        )


def unseed(apps, schema_editor):
    TimeLimit = apps.get_model("workdays", "TimeLimit")
    TimeLimit.objects.filter(code__in=[t[0] for t in TIME_LIMITS]).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("disclosure", "0005_plans_meetings"),
        ("workdays", "0002_seed_time_limits"),
    ]
    operations = [migrations.RunPython(seed, unseed)]
