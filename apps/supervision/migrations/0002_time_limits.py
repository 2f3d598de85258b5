"""Add the civil-administrative supervision steps to the time-limit catalogue.

The amounts follow the supervision rules the department works by: a petition
is accepted or refused within 7 days, a registered case is reviewed within
three months (90 days here; the catalogue has no month unit), a court answers
a suggestion within three months. The office may change them in the admin.
"""

from django.db import migrations

CATEGORY = "民行检察"
# code, name, amount, unit, description
ENTRIES = [
    ("supervision.accept", "申诉受理审查", 7, "calendar_days",
     "收到监督申请后七日内决定受理或者不予受理，并书面通知申诉人"),
    ("supervision.register", "受理后立案", 7, "calendar_days",
     "决定受理的案件七日内立案并指定承办人"),
    ("supervision.review", "案件审查终结", 90, "calendar_days",
     "立案后三个月内审查终结并作出决定；有特殊情况需要延长的，由检察长批准"),
    ("supervision.extension_decide", "延长审查期限审批", 3, "working_days",
     "承办人申请延长审查期限，检察长在三个工作日内审批"),
    ("supervision.outcome_head", "审查决定部门负责人审批", 5, "working_days",
     "承办人提出处理意见后，部门负责人五个工作日内审批"),
    ("supervision.outcome_pg", "审查决定检察长审批", 5, "working_days",
     "抗诉、提请抗诉和重大疑难案件的处理意见，检察长五个工作日内审批"),
    ("supervision.court_reply", "跟进法院和上级院答复", 90, "calendar_days",
     "提出检察建议或提请抗诉后，三个月内跟进法院或上级院的处理结果"),
    ("supervision.retrial_follow", "跟进再审结果", 180, "calendar_days",
     "法院决定再审的案件，跟进再审结果（改判、发回重审、维持、调解结案）"),
    ("supervision.clue_report", "职务犯罪线索报告", 3, "working_days",
     "发现审判人员职务犯罪线索，登记后三个工作日内向检察长报告"),
    ("supervision.clue_decide", "线索初查审批", 7, "calendar_days",
     "检察长收到线索报告后七日内决定是否初查"),
    ("supervision.clue_inquiry", "线索初查", 60, "calendar_days",
     "决定初查的线索，两个月内初查终结，提出成案或者不成案意见"),
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
                "category": CATEGORY,
                "description": description,
                "sort_order": order,
                # Case-handling limits are internal, not for the public board.
                "is_published": False,
            },
        )


def unseed(apps, schema_editor):
    TimeLimit = apps.get_model("workdays", "TimeLimit")
    TimeLimit.objects.filter(code__in=[e[0] for e in ENTRIES]).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("supervision", "0001_initial"),
        ("workdays", "0002_seed_time_limits"),
    ]
    operations = [migrations.RunPython(seed, unseed)]
