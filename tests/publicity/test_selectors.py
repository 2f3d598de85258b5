"""Statistics, ranking and quota progress: right numbers, fixed query counts."""

import datetime
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from apps.publicity import services
from apps.publicity.models import Kind
from apps.publicity.selectors import quotas as quota_selectors
from apps.publicity.selectors import statistics as stats
from apps.publicity.services.quotas import quotas_set
from tests.factories import DepartmentFactory, make_user

from . import factories as f

pytestmark = pytest.mark.django_db


def year_earlier(day):
    return stats._year_earlier(day)


def test_period_is_cut_at_today_and_compares_with_the_same_dates_last_year():
    today = datetime.date(2026, 6, 15)
    period = stats.period_for(2026, today=today)
    assert (period.start, period.end) == (datetime.date(2026, 1, 1), today)
    last = period.same_period_last_year()
    assert (last.start, last.end) == (
        datetime.date(2025, 1, 1),
        datetime.date(2025, 6, 15),
    )
    month = stats.period_for(2024, 2, today=today)
    assert month.end == datetime.date(2024, 2, 29)
    assert month.same_period_last_year().end == datetime.date(2023, 2, 28)
    assert stats.period_for(2026, 9, today=today).is_empty


def test_change_is_reported_as_the_essays_do():
    # 2010: 6 adopted; 2011 same period: 3 → 下滑50%; no base → no percentage.
    assert stats.change_percent(3, 6) == Decimal("-50.0")
    assert stats.change_percent(16, 25) == Decimal("-36.0")
    assert stats.change_percent(5, 0) is None


def test_summary_counts_adoptions_rate_and_same_period_change(people):
    today = timezone.localdate()
    f.adopted(people, title="今年的信息一")
    f.adopted(people, title="今年的新闻", kind=Kind.NEWS)
    f.dispatched(people, title="今年报送未采用")
    f.adopted_in_past(people, year_earlier(today), title="去年同期")
    summary = stats.statistics_summary(
        user=people["staff"], period=stats.period_for(today.year)
    )
    assert summary["adoptions"] == 2
    assert summary["adoptions_last"] == 1
    assert summary["adoptions_change"] == Decimal("100.0")
    assert summary["dispatched"] == 3
    assert summary["rate"] == Decimal("66.7")
    by_kind = {k["kind"]: k for k in summary["by_kind"]}
    assert by_kind["information"]["adoptions"] == 1
    assert by_kind["news"]["adoptions"] == 1
    # Another procuratorate sees none of it.
    assert (
        stats.statistics_summary(
            user=people["outsider"], period=stats.period_for(today.year)
        )["adoptions"]
        == 0
    )


def test_months_departments_levels_categories_and_persons(people, prosecution, office):
    today = timezone.localdate()
    item = f.adopted(people, shares=[(people["staff"], 60), (people["clerk"], 40)])
    services.adoption_record(
        actor=people["office_reviewer"],
        item=item,
        outlet=f.outlet("广西壮族自治区人民检察院"),
        adopted_on=today,
        form="excerpt",
    )
    period = stats.period_for(today.year)
    user = people["staff"]

    months = stats.statistics_by_month(user=user, year=today.year)
    assert months[today.month - 1]["adoptions"] == 2
    assert sum(m["adoptions"] for m in months) == 2

    departments = {
        d["department"]: d
        for d in stats.statistics_by_department(user=user, period=period)
    }
    assert departments["公诉科"]["adoptions"] == 2
    assert departments["公诉科"]["national"] == 1
    assert departments["公诉科"]["provincial"] == 1
    assert departments["公诉科"]["rate"] == Decimal("100.0")
    assert departments["办公室"]["adoptions"] == 0

    outlets = stats.statistics_by_outlet(user=user, period=period)
    levels = {r["level"]: r for r in outlets["rows"]}
    assert levels["national"]["total"] == 1
    assert levels["provincial"]["cells"][5] == 1  # internal publication
    assert outlets["total"] == 2

    categories = {
        c["category"]: c for c in stats.statistics_by_category(user=user, period=period)
    }
    assert categories["update"] == {
        **categories["update"],
        "dispatched": 1,
        "adoptions": 2,
    }

    persons = {
        p["name"]: p for p in stats.statistics_by_person(user=user, period=period)
    }
    staff, clerk = people["staff"].staff.name, people["clerk"].staff.name
    assert persons[staff]["adoptions"] == 2
    assert persons[staff]["weighted"] == Decimal("1.2")
    assert persons[clerk]["weighted"] == Decimal("0.8")
    assert persons[staff]["submitted"] == 1


def test_monthly_ranking_praises_the_best_and_names_the_laggards(people, procuratorate):
    today = timezone.localdate()
    for n in range(3):
        DepartmentFactory(procuratorate=procuratorate, name=f"第{n}科")
    f.adopted(people)
    result = stats.monthly_ranking(
        user=people["staff"], year=today.year, month=today.month
    )
    rows = result["rows"]
    assert rows[0]["department"] == "公诉科"
    assert rows[0]["rank"] == 1 and rows[0]["best"]
    assert all(r["lagging"] for r in rows[1:])
    assert {r["rank"] for r in rows[1:]} == {2}


def test_quota_progress_counts_the_year_by_level_and_author(people, prosecution):
    today = timezone.localdate()
    item = f.adopted(people, shares=[(people["staff"], 50), (people["clerk"], 50)])
    services.adoption_record(
        actor=people["office_reviewer"],
        item=item,
        outlet=f.outlet("梧州日报"),
        adopted_on=today,
        form="full",
    )
    if today.month > 1 or today.day > 1:
        f.adopted_in_past(people, datetime.date(today.year - 1, 12, 31), title="去年")
    quotas_set(
        actor=people["office_reviewer"],
        year=today.year,
        departments={prosecution: 4},
        persons={people["clerk"]: 2},
    )
    quotas_set(
        actor=people["office_reviewer"],
        year=today.year,
        level="provincial",
        departments={prosecution: 2},
    )
    progress = quota_selectors.quota_progress(user=people["head"], year=today.year)
    by_level = {q.level: q for q in progress["departments"]}
    assert (by_level[""].done, by_level[""].percent) == (2, Decimal("50.0"))
    # 省级以上: the national adoption counts, the prefectural one does not.
    assert by_level["provincial"].done == 1
    clerk = progress["persons"][0]
    assert (clerk.done, clerk.met) == (2, True)
    mine = quota_selectors.quota_progress_for_user(
        user=people["clerk"], year=today.year
    )
    assert len(mine) == 3


def test_quotas_are_set_only_by_the_office_and_zero_removes(people, prosecution):
    from django.core.exceptions import PermissionDenied

    year = timezone.localdate().year
    with pytest.raises(PermissionDenied):
        quotas_set(actor=people["head"], year=year, departments={prosecution: 3})
    assert (
        quotas_set(
            actor=people["office_reviewer"], year=year, departments={prosecution: 3}
        )
        == 1
    )
    assert (
        quotas_set(
            actor=people["office_reviewer"], year=year, departments={prosecution: 3}
        )
        == 0
    )
    assert (
        quotas_set(
            actor=people["office_reviewer"], year=year, departments={prosecution: 0}
        )
        == 1
    )
    assert not quota_selectors.quota_progress(user=people["head"], year=year)[
        "departments"
    ]


# ------------------------------------------------------------------ query counts
def _queries(client, url):
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200
    return len(ctx.captured_queries)


def _grow(people, n, start=0):
    other = make_user(
        department=people["staff"].staff.department, username=f"t.writer{start}"
    )
    for i in range(n):
        f.adopted(
            people,
            title=f"稿件{start + i}",
            shares=[(people["staff"], 50), (other, 50)],
            category=["update", "experience", "overview"][i % 3],
        )


@pytest.mark.parametrize(
    "url_name, who",
    [
        ("publicity:statistics", "staff"),
        ("publicity:ranking", "staff"),
        ("publicity:quotas", "office_reviewer"),
        ("publicity:adoptions", "staff"),
        ("publicity:index", "staff"),
        ("publicity:department_queue", "head"),
        ("publicity:office_queue", "office_reviewer"),
        ("publicity:sign_off_queue", "pg"),
    ],
)
def test_pages_run_a_fixed_number_of_queries(
    client, people, prosecution, url_name, who
):
    year = timezone.localdate().year
    quotas_set(
        actor=people["office_reviewer"],
        year=year,
        departments={prosecution: 5},
        persons={people["staff"]: 3},
    )
    client.force_login(people[who])
    url = reverse(url_name)
    if url_name == "publicity:office_queue":
        url += "?tab=dispatched"
    if url_name == "publicity:sign_off_queue":
        f.reviewed(people, title="待签发0")
    # Every list has rows at both sizes (a prefetch runs only for rows).
    _grow(people, 1, 0)
    f.submitted(people, title="待审批0")
    small = _queries(client, url)
    _grow(people, 4, 10)
    for n in range(1, 4):
        f.submitted(people, title=f"待审批{n}")
        if url_name == "publicity:sign_off_queue":
            f.reviewed(people, title=f"待签发{n}")
    large = _queries(client, url)
    assert small == large
