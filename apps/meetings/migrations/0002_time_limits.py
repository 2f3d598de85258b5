"""The three meetings' steps in the time-limit catalogue."""

from django.db import migrations

LIMITS = [
    ("meetings.topic_review", "议题范围审查", 3, "working_days",
     "检委办（党组会议题由政治处主任或指定专人）对《议题提请表》进行审查，不超过3个工作日"),
    ("meetings.topic_approval", "议题报检察长同意", 2, "working_days",
     "审查通过的议题报检察长同意后方能上会研究，不超过2个工作日"),
    ("meetings.minutes_draft", "会议纪要起草", 3, "working_days",
     "会议结束后3个工作日内整理会议纪要报批"),
    ("meetings.minutes_approval", "会议纪要审批", 2, "working_days",
     "检察长在2个工作日内审批会议纪要"),
]


def seed(apps, schema_editor):
    TimeLimit = apps.get_model("workdays", "TimeLimit")
    for order, (code, name, amount, unit, description) in enumerate(LIMITS):
        TimeLimit.objects.update_or_create(
            code=code,
            defaults={
                "name": name,
                "amount": amount,
                "unit": unit,
                "description": description,
                "category": "三会",
                "sort_order": order,
                "is_published": False,
            },
        )


def remove_limits(apps, schema_editor):
    TimeLimit = apps.get_model("workdays", "TimeLimit")
    TimeLimit.objects.filter(code__in=[row[0] for row in LIMITS]).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("meetings", "0001_initial"),
        ("workdays", "0002_seed_time_limits"),
    ]

    operations = [migrations.RunPython(seed, remove_limits)]
