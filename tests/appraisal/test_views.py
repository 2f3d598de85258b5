"""The pages: who may open what, and what the buttons do."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from apps.appraisal.models import (
    DepartmentResult,
    IndividualResult,
    ProgressReport,
    ScoreRun,
    Target,
    TargetAdjustment,
)
from apps.appraisal.services.adjustments import adjustment_request
from apps.appraisal.services.plans import plan_propose, plan_review
from apps.appraisal.services.progress import (
    report_comment,
    special_task_approve,
    special_task_propose,
)
from apps.appraisal.services.scoring import (
    grade_record,
    score_run_approve,
    score_run_compute,
    score_run_start,
)
from tests.permissions import ANONYMOUS, assert_matrix

from .builders import D, checkpoints, plan_of

pytestmark = pytest.mark.django_db

ROLES = [
    ANONYMOUS,
    "pg",
    "deputy",
    "head",
    "staff",
    "appraisal_office",
    "system_admin",
    "outsider",
]


@pytest.fixture
def computed(scenario):
    """A scenario with staff targets, reports, a special task and a computed run."""
    s = scenario.set_up().approve_all().staff_targets()
    p = s.people
    s.report(s.cases, p["head"], actual_value=110)
    s.report(s.rate, s.second_head, numerator=8, denominator=100)
    s.report(s.staff_case, p["staff"], actual_value=55)
    s.report(s.head_case, p["head"], actual_value=24)
    grade_record(actor=s.ao, target=s.team, grade="良好")
    s.behind = s.report(s.cases, p["clerk"], checkpoint_index=0, actual_value=5)
    report_comment(actor=p["deputy"], report=s.behind, text="抓紧")
    s.task = special_task_propose(
        actor=p["head"],
        cycle=s.cycle,
        title="专项",
        description="说明",
        origin="市院",
        start_date=s.cycle.start_date,
        end_date=s.cycle.end_date,
        requested_points=D("3"),
    )
    s.adjustment = adjustment_request(
        actor=p["staff"],
        target=s.staff_case,
        kind="change",
        reason="调整",
        new_target_value=D("45"),
    )
    run = score_run_start(actor=s.ao, cycle=s.cycle)
    s.run = score_run_compute(run_id=run.pk)
    s.dept_result = DepartmentResult.objects.get(run=s.run, department=s.prosecution)
    s.staff_result = IndividualResult.objects.get(run=s.run, staff=p["staff"].staff)
    return s


def test_pages_permission_matrix(client, computed):
    s = computed
    users = s.people
    everyone = dict.fromkeys(ROLES, 200)
    everyone.update({ANONYMOUS: 302, "system_admin": 403})
    mine = {**everyone, "outsider": 404}
    matrix = {
        reverse("appraisal:index"): everyone,
        reverse("appraisal:special_task_list"): everyone,
        reverse("appraisal:indicator_list"): everyone,
        reverse("appraisal:cycle_detail", args=[s.cycle.pk]): mine,
        reverse("appraisal:tree", args=[s.cycle.pk]): mine,
        reverse("appraisal:grading", args=[s.cycle.pk]): mine,
        reverse("appraisal:plan_detail", args=[s.pros_plan.pk]): mine,
        reverse("appraisal:target_detail", args=[s.cases.pk]): mine,
        reverse("appraisal:report_detail", args=[s.behind.pk]): mine,
        reverse("appraisal:special_task_detail", args=[s.task.pk]): mine,
        # A staff target is seen by its owner, the head, the office, leadership.
        reverse("appraisal:target_detail", args=[s.staff_case.pk]): {
            **mine,
            "outsider": 404,
        },
        reverse("appraisal:target_detail", args=[s.head_case.pk]): {
            **mine,
            "staff": 404,
        },
        reverse("appraisal:adjustment_detail", args=[s.adjustment.pk]): mine,
        reverse("appraisal:rankings"): {
            ANONYMOUS: 302,
            "pg": 200,
            "deputy": 200,
            "appraisal_office": 200,
            "head": 403,
            "staff": 403,
            "system_admin": 403,
            "outsider": 403,
        },
        reverse("appraisal:run_detail", args=[s.run.pk]): {
            ANONYMOUS: 302,
            "pg": 200,
            "deputy": 200,
            "appraisal_office": 200,
            "head": 404,
            "staff": 404,
            "system_admin": 403,
            "outsider": 404,
        },
        reverse("appraisal:department_result", args=[s.dept_result.pk]): {
            ANONYMOUS: 302,
            "pg": 200,
            "deputy": 200,
            "appraisal_office": 200,
            "head": 200,
            "staff": 200,  # a member of the department sees its breakdown
            "system_admin": 403,
            "outsider": 404,
        },
        reverse("appraisal:individual_result", args=[s.staff_result.pk]): {
            ANONYMOUS: 302,
            "pg": 200,
            "deputy": 200,
            "appraisal_office": 200,
            "head": 200,
            "staff": 200,
            "system_admin": 403,
            "outsider": 404,
        },
        reverse("appraisal:cycle_create"): {
            ANONYMOUS: 302,
            "appraisal_office": 200,
            "pg": 403,
            "head": 403,
            "system_admin": 403,
        },
        reverse("appraisal:department_target_create", args=[s.pros_plan.pk]): {
            ANONYMOUS: 302,
            "head": 200,
            "appraisal_office": 200,
            "staff": 403,
            "pg": 403,
            "outsider": 404,
        },
        reverse("appraisal:progress_report", args=[s.cases.pk]): {
            "head": 200,
            "staff": 403,
            "deputy": 403,
            "outsider": 404,
        },
        reverse("appraisal:adjustment_request", args=[s.staff_case.pk]): {
            "staff": 200,
            "head": 403,
            "pg": 403,
        },
        reverse("appraisal:special_task_create"): {
            "head": 200,
            "staff": 403,
            "pg": 403,
        },
    }
    users = {**users, "appraisal_office": s.ao}
    assert_matrix(client, users, matrix)


def test_the_other_department_s_staff_target_is_not_found(client, computed):
    s = computed
    client.force_login(s.second_head)
    response = client.get(reverse("appraisal:target_detail", args=[s.staff_case.pk]))
    assert response.status_code == 404
    response = client.get(
        reverse("appraisal:individual_result", args=[s.staff_result.pk])
    )
    assert response.status_code == 404


def test_actions_refused_to_the_wrong_people(client, computed):
    s = computed
    matrix = {
        reverse("appraisal:cycle_act", args=[s.cycle.pk, "launch"]): {
            "head": 403,
            "pg": 403,
            "system_admin": 403,
            "outsider": 404,
        },
        reverse("appraisal:run_act", args=[s.run.pk, "approve"]): {
            "head": 404,
            "appraisal_office": 403,
            "pg": 302,  # no decision cited: the service refuses, a message says why
            "outsider": 404,
        },
    }
    assert_matrix(client, {**s.people, "appraisal_office": s.ao}, matrix, method="post")
    assert ScoreRun.objects.get(pk=s.run.pk).status == "computed"


def test_pages_render_their_content(client, computed):
    s = computed
    client.force_login(s.pg)
    page = client.get(reverse("appraisal:rankings")).content.decode()
    assert "公诉科" in page and "侦查监督科" in page and "评先" in page
    page = client.get(reverse("appraisal:department_result", args=[s.dept_result.pk]))
    assert "审结公诉案件" in page.content.decode()
    page = client.get(reverse("appraisal:tree", args=[s.cycle.pk])).content.decode()
    assert "执法办案" in page and "114.00" in page
    page = client.get(
        reverse("appraisal:cycle_detail", args=[s.cycle.pk])
    ).content.decode()
    assert "公诉科" in page
    client.force_login(s.people["deputy"])
    page = client.get(reverse("dashboard:home")).content.decode()
    assert "抓紧" in page and "审结公诉案件" in page


def test_propose_button_moves_the_plan_and_reports_refusals(client, scenario):
    s = scenario.set_up()
    client.force_login(s.people["head"])
    url = reverse("appraisal:plan_act", args=[s.pros_plan.pk, "propose"])
    response = client.post(url, follow=True)
    assert response.status_code == 200
    assert plan_of(s.cycle, s.prosecution).status == "proposed"
    assert [m.level_tag for m in response.context["messages"]] == ["success"]
    response = client.post(url, follow=True)  # the step has moved on: refused
    assert plan_of(s.cycle, s.prosecution).status == "proposed"
    assert [m.level_tag for m in response.context["messages"]] == ["error"]


def test_progress_form_keeps_what_was_typed_on_refusal(client, scenario):
    s = scenario.set_up().approve_all()
    client.force_login(s.second_head)
    url = reverse("appraisal:progress_report", args=[s.rate.pk])
    response = client.post(
        url,
        {
            "checkpoint": checkpoints(s.cycle)[0].pk,
            "numerator": "3",
            "denominator": "0",
            "evidence": "台账第3页",
        },
    )
    assert response.status_code == 200
    assert "台账第3页" in response.content.decode()
    assert not ProgressReport.objects.exists()
    response = client.post(
        url,
        {
            "checkpoint": checkpoints(s.cycle)[0].pk,
            "numerator": "3",
            "denominator": "60",
            "evidence": "台账第3页",
        },
    )
    assert response.status_code == 302
    assert ProgressReport.objects.get().denominator == D("60")


def test_department_target_form_creates_a_shared_target(client, scenario):
    s = scenario.set_up()
    client.force_login(s.people["head"])
    Target.objects.filter(pk=s.cases.pk).delete()
    response = client.post(
        reverse("appraisal:department_target_create", args=[s.pros_plan.pk]),
        {
            "parent": s.g1.pk,
            "indicator": s.ind["count"].pk,
            "title": "出庭支持公诉",
            "nature": "outcome",
            "target_value": "120",
            "weight": "60",
            "coop_1": s.second.pk,
            "coop_1_share": "30",
        },
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    target = Target.objects.get(title="出庭支持公诉")
    assert sorted(target.shares.values_list("share", flat=True)) == [D("30"), D("70")]


def test_adjustment_buttons(client, computed):
    s = computed
    client.force_login(s.people["head"])
    response = client.post(
        reverse("appraisal:adjustment_act", args=[s.adjustment.pk, "approve"]),
        {"approve-note": "同意"},
    )
    assert response.status_code == 302
    assert TargetAdjustment.objects.get(pk=s.adjustment.pk).status == "approved"


def test_evidence_is_downloaded_only_by_those_who_see_the_report(
    client, scenario, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    s = scenario.set_up().approve_all().staff_targets()
    url = reverse("appraisal:progress_report", args=[s.staff_case.pk])
    client.force_login(s.people["staff"])
    data = {
        "checkpoint": checkpoints(s.cycle)[0].pk,
        "actual_value": "12",
        "evidence": "个人台账",
    }
    bad = SimpleUploadedFile("x.exe", b"MZ", content_type="application/octet-stream")
    response = client.post(url, {**data, "evidence_file": bad})
    assert response.status_code == 200 and not ProgressReport.objects.exists()
    good = SimpleUploadedFile(
        "台账.pdf", b"%PDF-1.4 test", content_type="application/pdf"
    )
    assert client.post(url, {**data, "evidence_file": good}).status_code == 302
    report = ProgressReport.objects.get()
    # Stored under a random name; the user's name is kept apart.
    assert "台账" not in report.evidence_file.name
    assert report.evidence_name == "台账.pdf"
    evidence = reverse("appraisal:report_evidence", args=[report.pk])
    response = client.get(evidence)
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == b"%PDF-1.4 test"
    assert response["Content-Disposition"].startswith("attachment")
    assert "filename*=utf-8''%E5%8F%B0%E8%B4%A6.pdf" in response["Content-Disposition"]
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Security-Policy"] == "sandbox"
    assert response["Content-Type"] == "application/pdf"
    # A staff member's evidence is personal: not kept in caches.
    assert response["Cache-Control"] == "private, no-store"
    client.force_login(s.second_head)  # another department: a staff target is hidden
    assert client.get(evidence).status_code == 404
    client.force_login(s.people["outsider"])
    assert client.get(evidence).status_code == 404


SCRIPTS = [
    ("page.html", b"<html><script>alert(1)</script></html>", "text/html"),
    ("page.htm", b"<script>alert(1)</script>", "text/html"),
    ("run.js", b"alert(document.cookie)", "text/javascript"),
    ("logo.svg", b'<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>', ""),
    # A script under a document's name is refused by its content.
    ("notes.pdf", b"<html><script>alert(1)</script></html>", "application/pdf"),
]


@pytest.mark.parametrize(("name", "content", "content_type"), SCRIPTS)
def test_a_script_is_refused_as_progress_evidence(
    client, scenario, settings, tmp_path, name, content, content_type
):
    settings.MEDIA_ROOT = tmp_path
    s = scenario.set_up().approve_all()
    client.force_login(s.people["head"])
    response = client.post(
        reverse("appraisal:progress_report", args=[s.cases.pk]),
        {
            "checkpoint": checkpoints(s.cycle)[0].pk,
            "actual_value": "12",
            "evidence": "台账",
            "evidence_file": SimpleUploadedFile(name, content, content_type),
        },
    )
    assert response.status_code == 200
    assert response.context["form"].errors["evidence_file"]
    assert not ProgressReport.objects.exists()


@pytest.mark.parametrize(("name", "content", "content_type"), SCRIPTS)
def test_a_script_is_refused_as_special_task_evidence(
    client, scenario, settings, tmp_path, name, content, content_type
):
    settings.MEDIA_ROOT = tmp_path
    s = scenario.set_up()
    p = s.people
    task = special_task_propose(
        actor=p["head"],
        cycle=s.cycle,
        title="专项",
        description="说明",
        origin="市院",
        start_date=s.cycle.start_date,
        end_date=s.cycle.end_date,
        requested_points=D("3"),
    )
    special_task_approve(actor=p["pg"], task=task, credit_points=D("3"))
    client.force_login(p["head"])
    url = reverse("appraisal:special_task_act", args=[task.pk, "report"])
    response = client.post(
        url,
        {
            "report-checkpoint": checkpoints(s.cycle)[0].pk,
            "report-percent_complete": "30",
            "report-evidence": "已办结3件",
            "report-evidence_file": SimpleUploadedFile(name, content, content_type),
        },
    )
    # Refused, the browser goes back to the task page (never stays on the POST).
    assert (
        response.status_code == 302 and response["Location"] == task.get_absolute_url()
    )
    assert not ProgressReport.objects.exists()
    page = client.get(task.get_absolute_url()).content.decode()
    assert "已办结3件" in page  # what was typed comes back, with the reason


def test_a_refused_action_redirects_and_says_why(client, scenario):
    s = scenario.set_up()
    p = s.people
    plan_propose(actor=p["head"], plan=s.pros_plan)
    plan_review(actor=s.ao, plan=s.pros_plan)
    client.force_login(s.ao)
    # Only one department's targets: the weights under goal 1 total 60, not 100.
    url = reverse("appraisal:cycle_act", args=[s.cycle.pk, "submit_plans"])
    response = client.post(url)
    assert response.status_code == 302
    assert response["Location"] == s.cycle.get_absolute_url()
    page = client.get(response["Location"])
    messages = [(m.level_tag, str(m)) for m in page.context["messages"]]
    assert messages and messages[0][0] == "error" and "100" in messages[0][1]
    assert plan_of(s.cycle, s.prosecution).status == "reviewed"


def test_an_invalid_action_form_comes_back_with_what_was_typed(client, scenario):
    s = scenario.set_up()
    p = s.people
    task = special_task_propose(
        actor=p["head"],
        cycle=s.cycle,
        title="专项",
        description="说明",
        origin="市院",
        start_date=s.cycle.start_date,
        end_date=s.cycle.end_date,
        requested_points=D("3"),
    )
    client.force_login(p["pg"])
    url = reverse("appraisal:special_task_act", args=[task.pk, "approve"])
    # Not a number: the form refuses it.
    response = client.post(
        url, {"approve-credit_points": "四分", "approve-note": "同意给予加分"}
    )
    assert response.status_code == 302
    page = client.get(response["Location"])
    form = next(o.form for o in page.context["decision_offers"] if o.name == "approve")
    assert form.is_bound and form.errors["credit_points"]
    assert form["note"].value() == "同意给予加分"
    # Above the cycle's cap: the service refuses it, and says so on the field.
    response = client.post(
        url, {"approve-credit_points": "50", "approve-note": "同意给予加分"}
    )
    assert response.status_code == 302
    page = client.get(response["Location"])
    form = next(o.form for o in page.context["decision_offers"] if o.name == "approve")
    assert form.errors["credit_points"] and form["credit_points"].value() == "50"
    assert "同意给予加分" in page.content.decode()
    assert task.__class__.objects.get(pk=task.pk).status == "proposed"


def offered(client, url):
    page = client.get(url).content.decode()
    return {
        name
        for name in (
            "launch",
            "open_grading",
            "compute",
            "close",
            "submit_plans",
            "approve_plans",
            "open_reporting",
        )
        if f'data-testid="action-{name}"' in page
    }


def test_the_cycle_page_offers_only_what_may_be_done_now(client, computed):
    s = computed
    url = reverse("appraisal:cycle_detail", args=[s.cycle.pk])
    client.force_login(s.ao)
    assert {"launch", "open_grading", "compute", "open_reporting"} <= offered(
        client, url
    )
    assert "close" not in offered(client, url)  # the results are not approved yet
    assert reverse("appraisal:goal_create", args=[s.cycle.pk]) in (
        client.get(url).content.decode()
    )
    for user in (s.people["head"], s.people["staff"], s.pg):
        client.force_login(user)
        assert offered(client, url) == set(), user
    score_run_approve(actor=s.pg, run=s.run, decision_reference="党组会议")
    # Approved: nothing more to compute, launch or add; the office may close.
    client.force_login(s.ao)
    assert offered(client, url) == {"open_reporting", "close"}
    page = client.get(url).content.decode()
    assert reverse("appraisal:goal_create", args=[s.cycle.pk]) not in page
    client.post(reverse("appraisal:cycle_act", args=[s.cycle.pk, "close"]))
    assert offered(client, url) == set()


def test_the_run_page_offers_approval_to_the_procurator_general_only(client, computed):
    s = computed
    url = reverse("appraisal:run_detail", args=[s.run.pk])
    client.force_login(s.ao)
    assert 'data-testid="action-approve"' not in client.get(url).content.decode()
    client.force_login(s.pg)
    page = client.get(url).content.decode()
    assert 'data-testid="action-approve"' in page and "data-confirm" in page
    score_run_approve(actor=s.pg, run=s.run, decision_reference="党组会议")
    assert 'data-testid="action-approve"' not in client.get(url).content.decode()


def test_the_adjustment_page_offers_each_step_to_its_people(client, computed):
    s = computed  # a staff target's change, requested by its owner
    url = reverse("appraisal:adjustment_detail", args=[s.adjustment.pk])
    client.force_login(s.people["head"])
    page = client.get(url).content.decode()
    assert 'data-testid="action-approve"' in page
    assert 'data-testid="action-reject"' in page
    assert 'data-testid="action-review"' not in page  # staff targets skip the office
    client.force_login(s.people["staff"])  # the requester decides nothing
    assert 'data-testid="action-' not in client.get(url).content.decode()


def test_a_comment_from_the_board_goes_back_to_the_board(client, computed):
    s = computed
    client.force_login(s.people["deputy"])
    board = client.get(reverse("dashboard:home")).content.decode()
    url = reverse("appraisal:board_act", args=[s.behind.pk, "comment"])
    assert url in board
    response = client.post(url, {"comment-text": "本季度补上"})
    assert response.status_code == 302
    assert response["Location"] == reverse("dashboard:home")
    assert s.behind.comments.filter(text="本季度补上").exists()
    # The head of the department does not comment as a leader.
    client.force_login(s.people["head"])
    assert client.post(url, {"comment-text": "x"}).status_code == 403


def test_the_target_page_offers_reporting_only_while_results_are_open(client, computed):
    s = computed
    url = reverse("appraisal:target_detail", args=[s.cases.pk])
    report = reverse("appraisal:progress_report", args=[s.cases.pk])
    adjust = reverse("appraisal:adjustment_request", args=[s.cases.pk])
    client.force_login(s.people["head"])
    page = client.get(url).content.decode()
    assert report in page and adjust in page
    client.force_login(s.people["staff"])  # not the department's reporter
    page = client.get(url).content.decode()
    assert report not in page and adjust not in page
    score_run_approve(actor=s.pg, run=s.run, decision_reference="党组会议")
    client.force_login(s.people["head"])
    page = client.get(url).content.decode()
    assert report not in page and adjust not in page
