"""Seed the board's columns: the essay's information columns (第6篇)."""

from django.db import migrations

# code, name, source, description
COLUMNS = [
    ("rules", "政务公示制度", "rules",
     "政务管理的规章制度、岗位责任制和《政务管理行为时限标准》"),
    ("finance", "财务行装", "posts", "经费、财务和装备管理情况"),
    ("vehicles", "车辆枪支", "posts", "车辆使用、枪支弹药管理情况"),
    ("cipher", "密码通信", "posts", "密码通信、机要文电工作情况"),
    ("statistics", "司法统计", "posts", "司法统计报表和分析"),
    ("research", "调研信息", "posts", "调研文章和检察信息工作情况"),
    ("supplies", "办公用品购买申请", "requests",
     "各科室局的办公用品申请及处理结果；未批准的说明原因"),
    ("plans", "月度工作计划与总结", "plans",
     "每月政务工作计划、实际成果和政务工作人员工作实绩"),
    ("meetings", "政务会议通报", "meetings",
     "每月政务管理人员工作会、每季各科室内勤联席会的通报和答复"),
    ("newsletter", "工作通讯", "posts", "每月一期《工作通讯》"),
]


def seed(apps, schema_editor):
    BoardColumn = apps.get_model("disclosure", "BoardColumn")
    for order, (code, name, source, description) in enumerate(COLUMNS):
        BoardColumn.objects.update_or_create(
            code=code,
            defaults={
                "name": name,
                "source": source,
                "description": description,
                "sort_order": order,
            },
        )


def unseed(apps, schema_editor):
    BoardColumn = apps.get_model("disclosure", "BoardColumn")
    BoardColumn.objects.filter(code__in=[c[0] for c in COLUMNS]).delete()


class Migration(migrations.Migration):
    dependencies = [("disclosure", "0003_board")]
    operations = [migrations.RunPython(seed, unseed)]
