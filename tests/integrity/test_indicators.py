"""Integrity indicators per department and period, for the appraisal app."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from apps.core.models import Role
from apps.integrity import services
from apps.integrity.indicators import integrity_indicators, period_bounds
from apps.integrity.models import ActivityKind, Remark
from tests.factories import make_user
from tests.permissions import assert_matrix

from .builders import answer_key, bank, open_quiz, wrong_answers

pytestmark = pytest.mark.django_db


def _year():
    today = timezone.localdate()
    return today, period_bounds(today.year)


def _build(people, organiser, prosecution, discipline, n_extra=0, plan=None):
    today, _ = _year()
    plan = plan or services.plan_save(
        actor=organiser, fields={"year": today.year, "title": "计划"}
    )
    activity = services.activity_save(
        actor=organiser,
        plan=plan,
        fields={
            "kind": ActivityKind.LECTURE,
            "title": "廉政党课",
            "held_on": today,
            "organiser": discipline,
            "education_hours": 2,
        },
        audience=[prosecution],
    )
    services.activity_record_attendance(
        actor=organiser,
        activity=activity,
        present_user_ids=[people["staff"].pk, people["head"].pk],
    )
    bank(organiser)
    quiz = open_quiz(organiser, title=f"竞赛{n_extra}")
    for user, answers in (
        (people["staff"], answer_key(quiz)),
        (people["officer"], wrong_answers(quiz)),
    ):
        attempt = services.attempt_start(actor=user, quiz=quiz)
        services.attempt_submit(actor=user, attempt=attempt, answers=answers)
    head = make_user(
        department=discipline, roles=[Role.DEPARTMENT_HEAD], username=f"t.jh{n_extra}"
    )
    for finding in (Remark.Finding.PARTLY, Remark.Finding.UNFOUNDED):
        remark = services.remark_record(
            actor=people["pg"],
            fields={
                "source_kind": "party",
                "source_name": "当事人王某",
                "channel": "visit",
                "received_on": today,
                "concerned_staff": people["staff"].staff,
                "content": "态度生硬。",
            },
        )
        services.remark_assign(actor=head, remark=remark, assignee=head)
        services.remark_answer(
            actor=head,
            remark=remark,
            answer="已核实并答复",
            finding=finding,
            measures="谈话提醒",
        )
    return plan


def test_indicators_per_department(people, organiser, prosecution, discipline):
    _build(people, organiser, prosecution, discipline)
    _today, (start, end) = _year()
    rows = {
        r.department: r
        for r in integrity_indicators(
            procuratorate_id=prosecution.procuratorate_id, start=start, end=end
        )
    }
    row = rows["公诉科"]
    assert (row.staff, row.expected, row.attended) == (4, 4, 2)
    assert row.attendance_rate == 50.0
    assert row.education_hours == 4
    assert str(row.hours_per_person) == "1.0"
    assert row.contest_attempts == 2 and row.contest_average == 50.0
    assert row.violations == 1
    assert rows["办公室"].attendance_rate is None
    # Another period sees none of it.
    last_year = period_bounds(start.year - 1)
    rows = integrity_indicators(
        procuratorate_id=prosecution.procuratorate_id,
        start=last_year[0],
        end=last_year[1],
    )
    assert all(r.expected == 0 and r.violations == 0 for r in rows)


def test_indicators_cost_fixed_queries(people, organiser, prosecution, discipline):
    _today, (start, end) = _year()

    def cost():
        with CaptureQueriesContext(connection) as ctx:
            integrity_indicators(
                procuratorate_id=prosecution.procuratorate_id, start=start, end=end
            )
        return len(ctx.captured_queries)

    plan = _build(people, organiser, prosecution, discipline, n_extra=1)
    small = cost()
    _build(people, organiser, prosecution, discipline, n_extra=2, plan=plan)
    assert cost() == small == 6


def test_indicator_page_permissions(client, people, organiser):
    users = {**people, "organiser": organiser}
    assert_matrix(
        client,
        users,
        {
            reverse("integrity:indicators"): {
                "pg": 200,
                "organiser": 200,
                "appraisal_office": 200,
                "staff": 403,
                "audit_admin": 403,
            },
            reverse("integrity:indicators") + "?year=2026&quarter=2": {"pg": 200},
        },
    )


def test_period_bounds():
    assert period_bounds(2026) == (
        datetime.date(2026, 1, 1),
        datetime.date(2026, 12, 31),
    )
    assert period_bounds(2026, 1) == (
        datetime.date(2026, 1, 1),
        datetime.date(2026, 3, 31),
    )
    assert period_bounds(2026, 4) == (
        datetime.date(2026, 10, 1),
        datetime.date(2026, 12, 31),
    )


def test_leadership_board_shows_the_integrity_panel(
    client, people, organiser, prosecution, discipline
):
    _build(people, organiser, prosecution, discipline)
    client.force_login(people["pg"])
    page = client.get(reverse("dashboard:home")).content.decode()
    assert 'data-testid="integrity-board"' in page
    from apps.integrity.selectors import board_summary

    summary = board_summary(user=people["pg"])
    assert summary["remarks_open"] == 2 and summary["plan"] is not None
