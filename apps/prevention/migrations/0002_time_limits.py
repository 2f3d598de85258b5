"""Time limits of the eight prevention steps and their waiting sub-steps.

The essay (第9篇) gives the steps but no deadlines; these are the office's own
working rules and can be changed in the time-limit catalogue.
"""

from django.db import migrations

# code, name, amount, unit, description
ENTRIES = [
    ("prevention.selection", "个案预防：选择有代表性的个案", 10, "working_days",
     "立项后十个工作日内完成案例选择，对照四项选择因素逐项说明"),
    ("prevention.approval", "个案预防：制作立项审批表并报批", 10, "working_days",
     "十个工作日内制作《个案预防立项审批表》并经部门负责人、检察长批准"),
    ("prevention.approval_head", "个案预防：部门负责人审批立项", 2, "working_days",
     "部门负责人收到立项审批表后二个工作日内签署意见"),
    ("prevention.approval_pg", "个案预防：检察长审批立项", 3, "working_days",
     "检察长收到立项审批表后三个工作日内签署意见"),
    ("prevention.analysis", "个案预防：撰写个案分析报告", 30, "calendar_days",
     "批准立项后三十日内收集材料、调查并完成个案分析报告"),
    ("prevention.symposium", "个案预防：与发案单位召开座谈会", 15, "working_days",
     "分析报告完成后十五个工作日内与发案单位召开座谈会"),
    ("prevention.suggestion", "个案预防：发出检察建议", 15, "working_days",
     "座谈会后十五个工作日内撰写检察建议书，报检察长批准并当面送达"),
    ("prevention.suggestion_pg", "个案预防：检察长审批检察建议书", 3, "working_days",
     "检察长收到检察建议书后三个工作日内签署意见"),
    ("prevention.delivery", "个案预防：当面送达检察建议书", 5, "working_days",
     "检察建议书批准后五个工作日内当面送达、当场宣读并取得送达回证"),
    ("prevention.activities", "个案预防：开展系列预防活动", 60, "calendar_days",
     "检察建议送达后六十日内与发案单位开展系列预防活动"),
    ("prevention.return_visit", "个案预防：到发案单位回访", 60, "calendar_days",
     "预防活动结束后六十日内回访发案单位，了解检察建议落实情况"),
    ("prevention.final_report", "个案预防：总结归档", 15, "working_days",
     "回访后十五个工作日内形成终结报告，通报主管部门、报上级院备案并装订归档"),
    ("prevention.archive", "个案预防：内勤归档", 5, "working_days",
     "终结报告提交后五个工作日内由内勤归档"),
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
                "category": "个案预防",
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
        ("prevention", "0001_initial"),
        ("workdays", "0002_seed_time_limits"),
    ]
    operations = [migrations.RunPython(seed, unseed)]
