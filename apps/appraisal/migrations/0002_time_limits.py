"""The appraisal steps in the time-limit catalogue (internal: not on the board)."""

from django.db import migrations

STEPS = [
    ("appraisal.plan.propose", "部门提出年度目标", 15),
    ("appraisal.plan.review", "考评办审核部门目标", 5),
    ("appraisal.plan.approve", "党组审定部门目标", 10),
    ("appraisal.individual.set", "部门制定干警个人目标", 10),
    ("appraisal.adjustment.review", "考评办审核目标调整", 5),
    ("appraisal.adjustment.decide", "审定目标调整", 5),
    ("appraisal.progress.remedy", "滞后目标提出整改措施", 5),
    ("appraisal.special_task.decide", "院领导审批专项工作", 5),
    ("appraisal.grade", "定性目标评定", 10),
    ("appraisal.results.approve", "党组审定考评结果", 5),
]


def seed(apps, schema_editor):
    TimeLimit = apps.get_model("workdays", "TimeLimit")
    for order, (code, name, days) in enumerate(STEPS):
        TimeLimit.objects.update_or_create(
            code=code,
            defaults={
                "name": name,
                "amount": days,
                "unit": "working_days",
                "category": "绩效考评",
                "sort_order": order,
                "is_published": False,
            },
        )


def remove_steps(apps, schema_editor):
    TimeLimit = apps.get_model("workdays", "TimeLimit")
    TimeLimit.objects.filter(code__in=[code for code, _name, _days in STEPS]).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("appraisal", "0001_initial"),
        ("workdays", "0001_initial"),
    ]

    operations = [migrations.RunPython(seed, remove_steps)]
