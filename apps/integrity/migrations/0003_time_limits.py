"""Time limits of integrity culture: plan approval and the outside-supervision channel.

The essay sets no deadlines; these are the office's working rules, editable
in the time-limit catalogue.
"""

from django.db import migrations

ENTRIES = [
    ("integrity.plan_approval", "廉政文化年度计划审批", 5, "working_days",
     "年度廉政文化建设计划报检察长审批，五个工作日内签署意见"),
    ("integrity.remark_assign", "外部监督意见交办", 2, "working_days",
     "登记律师、当事人、发案单位等反映的意见后，纪检监察部门二个工作日内交办"),
    ("integrity.remark_answer", "外部监督意见调查答复", 15, "working_days",
     "承办人自交办之日起十五个工作日内查明情况并答复反映人"),
    ("integrity.remark_close", "外部监督意见审核办结", 3, "working_days",
     "纪检监察部门负责人三个工作日内审核答复并办结"),
]


def seed(apps, schema_editor):
    TimeLimit = apps.get_model("workdays", "TimeLimit")
    for order, (code, name, amount, unit, description) in enumerate(ENTRIES):
        TimeLimit.objects.update_or_create(
            code=code,
            defaults={
                "name": name,
                "amount": amount,
                "unit": unit,
                "category": "廉政文化",
                "description": description,
                "sort_order": order,
                "is_published": False,
            },
        )


def unseed(apps, schema_editor):
    TimeLimit = apps.get_model("workdays", "TimeLimit")
    TimeLimit.objects.filter(code__in=[e[0] for e in ENTRIES]).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("integrity", "0002_exemplar_integrityplan_campaign_activity_and_more"),
        ("workdays", "0002_seed_time_limits"),
    ]
    operations = [migrations.RunPython(seed, unseed)]
