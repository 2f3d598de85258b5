"""The annual plan: campaigns, the overload warning before approval, activities,
sign-up and attendance."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from apps.core.actions import Refused
from apps.integrity import services
from apps.integrity.models import (
    Activity,
    ActivityKind,
    Campaign,
    IntegrityPlan,
    Participation,
)
from apps.integrity.selectors import plan_overload
from apps.todos.models import TodoItem
from tests.factories import make_user

pytestmark = pytest.mark.django_db

YEAR = 2026
D = datetime.date


@pytest.fixture
def plan(organiser):
    return services.plan_save(
        actor=organiser,
        fields={"year": YEAR, "title": "2026年廉政文化建设计划", "goals": "常态化"},
    )


def campaign(organiser, plan, title, source, start, end):
    return services.campaign_save(
        actor=organiser,
        plan=plan,
        fields={"title": title, "source": source, "starts_on": start, "ends_on": end},
    )


def the_essays_year(organiser, plan):
    """安远县院 2012: three campaigns of three sources in the same months."""
    campaign(
        organiser,
        plan,
        "政法干警核心价值观教育实践活动",
        Campaign.Source.POLITICAL_LEGAL,
        D(YEAR, 3, 2),
        D(YEAR, 6, 28),
    )
    campaign(
        organiser,
        plan,
        "干部作风集中整治活动",
        Campaign.Source.LOCAL_PARTY,
        D(YEAR, 4, 1),
        D(YEAR, 5, 31),
    )
    campaign(
        organiser,
        plan,
        "“永远热爱党 永远跟党走”主题教育实践活动",
        Campaign.Source.PROCURATORIAL,
        D(YEAR, 5, 4),
        D(YEAR, 7, 31),
    )


# ------------------------------------------------------------------ overload
def test_overload_finds_weeks_where_sources_pile_up(organiser, plan):
    the_essays_year(organiser, plan)
    overload = plan_overload(plan)
    weeks = overload["weeks"]
    # From the week of 1 April to the week of 28 June at least two sources run.
    assert weeks[0]["monday"] == D(YEAR, 3, 30)
    assert weeks[-1]["monday"] == D(YEAR, 6, 22)
    assert len(overload["spans"]) == 1
    heavy = [w for w in weeks if w["heavy"]]
    assert heavy[0]["monday"] == D(YEAR, 5, 4)
    assert heavy[-1]["monday"] == D(YEAR, 5, 25)
    assert len(overload["spans"][0]["campaigns"]) == 3


def test_no_overload_for_one_source_or_separate_months(organiser, plan):
    campaign(organiser, plan, "甲", Campaign.Source.OWN, D(YEAR, 3, 1), D(YEAR, 4, 30))
    campaign(organiser, plan, "乙", Campaign.Source.OWN, D(YEAR, 4, 1), D(YEAR, 5, 30))
    campaign(
        organiser,
        plan,
        "丙",
        Campaign.Source.LOCAL_PARTY,
        D(YEAR, 9, 1),
        D(YEAR, 10, 30),
    )
    assert plan_overload(plan)["weeks"] == []


def test_overloaded_plan_is_not_approved_without_a_word_on_it(people, organiser, plan):
    the_essays_year(organiser, plan)
    services.plan_submit(actor=organiser, plan=plan)
    todo = TodoItem.objects.get(object_id=str(plan.pk), status="open")
    assert todo.assignee == people["pg"]
    with pytest.raises(ValidationError) as refused:
        services.plan_decide(actor=people["pg"], plan=plan, approve=True)
    assert "note" in refused.value.message_dict
    plan.refresh_from_db()
    assert plan.state == IntegrityPlan.State.SUBMITTED
    services.plan_decide(
        actor=people["pg"],
        plan=plan,
        approve=True,
        note="三项活动合并开展，五月集中一次警示教育。",
    )
    plan.refresh_from_db()
    assert plan.state == IntegrityPlan.State.APPROVED
    assert plan.approved_by == people["pg"]
    assert plan.overload_note.startswith("三项活动合并")
    assert not TodoItem.objects.filter(object_id=str(plan.pk), status="open").exists()


def test_plan_without_overload_is_approved_plainly(people, organiser, plan):
    campaign(organiser, plan, "甲", Campaign.Source.OWN, D(YEAR, 3, 1), D(YEAR, 4, 30))
    services.plan_submit(actor=organiser, plan=plan)
    services.plan_decide(actor=people["pg"], plan=plan, approve=True)
    plan.refresh_from_db()
    assert plan.state == IntegrityPlan.State.APPROVED


def test_campaigns_are_fixed_once_submitted_and_return_needs_a_reason(
    people, organiser, plan
):
    the_essays_year(organiser, plan)
    services.plan_submit(actor=organiser, plan=plan)
    with pytest.raises(Refused) as refused:
        campaign(
            organiser, plan, "新增", Campaign.Source.OWN, D(YEAR, 8, 1), D(YEAR, 8, 9)
        )
    assert refused.value.code == "wrong_step"
    with pytest.raises(ValidationError):
        services.plan_decide(actor=people["pg"], plan=plan, approve=False)
    services.plan_decide(
        actor=people["pg"], plan=plan, approve=False, note="请把三项活动统筹合并。"
    )
    plan.refresh_from_db()
    assert plan.state == IntegrityPlan.State.DRAFT
    campaign(organiser, plan, "新增", Campaign.Source.OWN, D(YEAR, 8, 1), D(YEAR, 8, 9))


def test_who_may_approve(people, organiser, plan, discipline):
    the_essays_year(organiser, plan)
    services.plan_submit(actor=organiser, plan=plan)
    for who in ("head", "deputy", "staff", "outsider"):
        with pytest.raises(PermissionDenied):
            services.plan_decide(actor=people[who], plan=plan, approve=True, note="x")
    with pytest.raises(PermissionDenied):
        campaign(people["staff"], plan, "x", "own", D(YEAR, 1, 1), D(YEAR, 1, 2))


def test_procurator_general_does_not_approve_their_own_plan(people):
    plan = services.plan_save(
        actor=people["pg"], fields={"year": YEAR, "title": "计划"}
    )
    campaign(
        people["pg"], plan, "甲", Campaign.Source.OWN, D(YEAR, 3, 1), D(YEAR, 4, 1)
    )
    with pytest.raises(ValidationError):  # nobody else could approve it
        services.plan_submit(actor=people["pg"], plan=plan)


# ---------------------------------------------------------------- activities
def activity(organiser, plan, department, **fields):
    base = {
        "kind": ActivityKind.WARNING_FILM,
        "title": "观看警示教育片《镜鉴》",
        "held_on": D(YEAR, 5, 12),
        "place": "多功能厅",
        "organiser": department,
        "education_hours": 2,
        "signup_required": True,
        "capacity": 2,
    }
    base.update(fields)
    return services.activity_save(
        actor=organiser, plan=plan, fields=base, audience=fields.pop("audience", [])
    )


def test_signup_respects_places_and_audience(
    people, organiser, plan, discipline, prosecution, office, settings
):
    item = activity(
        organiser, plan, discipline, held_on=datetime.date.today(), audience=[]
    )
    item.audience.set([prosecution])
    services.activity_signup(actor=people["staff"], activity=item)
    services.activity_signup(actor=people["staff"], activity=item)  # twice: once
    services.activity_signup(actor=people["officer"], activity=item)
    with pytest.raises(ValidationError, match=r"名额|places"):
        services.activity_signup(actor=people["clerk"], activity=item)
    services.activity_withdraw(actor=people["officer"], activity=item)
    with pytest.raises(ValidationError, match=r"其他部门|other departments"):
        services.activity_signup(actor=people["office_head"], activity=item)
    services.activity_signup(actor=people["clerk"], activity=item)
    with pytest.raises(PermissionDenied):
        services.activity_signup(actor=people["outsider"], activity=item)


def test_attendance_covers_everyone_expected(
    people, organiser, plan, discipline, prosecution
):
    today = datetime.date.today()
    item = activity(
        organiser,
        plan,
        discipline,
        held_on=today,
        signup_required=False,
        capacity=None,
        audience=[prosecution],
    )
    with pytest.raises(PermissionDenied):
        services.activity_record_attendance(
            actor=people["staff"], activity=item, present_user_ids=[]
        )
    services.activity_record_attendance(
        actor=organiser,
        activity=item,
        present_user_ids=[people["staff"].pk, people["head"].pk],
    )
    rows = dict(
        Participation.objects.filter(activity=item).values_list("user_id", "attended")
    )
    assert rows == {
        people["head"].pk: True,
        people["staff"].pk: True,
        people["officer"].pk: False,
        people["clerk"].pk: False,
    }
    item.refresh_from_db()
    assert item.state == Activity.State.HELD
    with pytest.raises(ValidationError):  # someone not expected there
        services.activity_record_attendance(
            actor=organiser, activity=item, present_user_ids=[people["pg"].pk]
        )


def test_attendance_not_before_the_day(organiser, plan, discipline):
    item = activity(
        organiser,
        plan,
        discipline,
        held_on=datetime.date.today() + datetime.timedelta(days=3),
    )
    with pytest.raises(ValidationError):
        services.activity_record_attendance(
            actor=organiser, activity=item, present_user_ids=[]
        )


def test_activity_date_within_the_plan_year(organiser, plan, discipline):
    with pytest.raises(ValidationError):
        activity(organiser, plan, discipline, held_on=D(YEAR + 1, 1, 5))


def test_activity_of_another_procuratorate_department_refused(
    people, organiser, plan, other_organiser
):
    with pytest.raises(ValidationError):
        activity(organiser, plan, other_organiser.staff.department)
    extra = make_user(department=other_organiser.staff.department)
    assert extra.staff.procuratorate_id != plan.procuratorate_id
