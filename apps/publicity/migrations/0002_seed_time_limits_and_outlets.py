"""Seed this app's own time limit and the outlet catalogue (reversible)."""

from django.db import migrations

TIME_LIMITS = [
    # The essays set no limit for the department's approval; one working day
    # keeps the 3 / 5-day dispatch limits reachable.
    ("publicity.department_approval", "部门审批信息稿件", 1, "working_days", "检察信息",
     "部门负责人或信息员审批本部门信息稿件，时限不超过1个工作日"),
]

# name, kind, level, medium, sort order
OUTLETS = [
    ("最高人民检察院", "upper_body", "national", "internal", 10),
    ("检察日报", "media", "national", "print", 20),
    ("正义网", "media", "national", "online", 30),
    ("法治日报", "media", "national", "print", 40),
    ("人民网", "media", "national", "online", 50),
    ("广西壮族自治区人民检察院", "upper_body", "provincial", "internal", 110),
    ("广西日报", "media", "provincial", "print", 120),
    ("广西法治日报", "media", "provincial", "print", 130),
    ("广西新闻网", "media", "provincial", "online", 140),
    ("广西广播电视台", "media", "provincial", "tv", 150),
    ("广西检察微信公众号", "media", "provincial", "social", 160),
    ("梧州市人民检察院", "upper_body", "prefectural", "internal", 210),
    ("梧州日报", "media", "prefectural", "print", 220),
    ("西江都市报", "media", "prefectural", "print", 230),
    ("梧州电视台", "media", "prefectural", "tv", 240),
    ("梧州人民广播电台", "media", "prefectural", "radio", 250),
    ("梧州新闻网", "media", "prefectural", "online", 260),
    ("长洲区融媒体中心", "media", "county", "social", 310),
]


def seed(apps, schema_editor):
    TimeLimit = apps.get_model("workdays", "TimeLimit")
    Outlet = apps.get_model("publicity", "Outlet")
    for order, (code, name, amount, unit, category, description) in enumerate(
        TIME_LIMITS, start=90
    ):
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
    for name, kind, level, medium, order in OUTLETS:
        Outlet.objects.update_or_create(
            name=name,
            defaults={"kind": kind, "level": level, "medium": medium,
                      "sort_order": order},
        )


def unseed(apps, schema_editor):
    apps.get_model("workdays", "TimeLimit").objects.filter(
        code__in=[row[0] for row in TIME_LIMITS]
    ).delete()
    apps.get_model("publicity", "Outlet").objects.filter(
        name__in=[row[0] for row in OUTLETS], dispatches__isnull=True,
        adoptions__isnull=True,
    ).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("publicity", "0001_initial"),
        ("workdays", "0002_seed_time_limits"),
    ]

    operations = [migrations.RunPython(seed, unseed)]
