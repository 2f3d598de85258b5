"""A year of appraisal in the browser, with the demo users.

propose → review → approve targets → report progress → adjust one target →
add a special task → compute (a real Celery worker) → approve → the
leadership ranking page shows the result.
"""

import datetime
import re

import pytest
from celery.contrib.testing.worker import start_worker
from django.contrib.contenttypes.models import ContentType
from playwright.sync_api import expect

from apps.appraisal.models import Cycle, Target
from apps.appraisal.services.cycles import (
    cycle_create,
    cycle_launch,
    goal_save,
    indicator_save,
)
from apps.core.demo import DEMO_PASSWORD, seed_organisation
from apps.core.models import User
from procuratorate.celery import app


@pytest.fixture
def demo_cycle(live_server):
    """The demo organisation, and a cycle the appraisal office has launched."""
    # A transactional test before this one may have recreated the content types.
    ContentType.objects.clear_cache()
    seed_organisation()
    office = User.objects.get(username="appraisal_office.head")
    cycle = cycle_create(
        actor=office,
        name="2027年度",
        start_date=datetime.date(2027, 1, 1),
        end_date=datetime.date(2027, 12, 31),
    )
    indicator_save(
        actor=office,
        code="cases",
        name="审结案件数",
        measure="quantitative",
        unit="件",
        direction="higher",
    )
    goal_save(actor=office, cycle=cycle, code="1", title="执法办案", weight=100)
    cycle_launch(actor=office, cycle=cycle)
    return cycle


def sign_in(page, username):
    page.context.clear_cookies()
    page.goto("/accounts/login/")
    page.get_by_label("用户名").fill(username)
    page.get_by_label("密码").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="登录").click()
    page.wait_for_load_state("networkidle")


def open_todo(page, text):
    page.goto("/todos/")
    page.get_by_test_id("todo-list").get_by_text(text).first.click()
    page.wait_for_load_state("networkidle")


def click(page, name):
    page.get_by_role("button", name=name).first.click()
    page.wait_for_load_state("networkidle")


def test_a_year_of_appraisal(page, demo_cycle):
    # Irreversible steps ask once before they are taken: the user agrees.
    page.on("dialog", lambda dialog: dialog.accept())
    # The head of 公诉科 proposes the department's target (from the to-do).
    sign_in(page, "prosecution.head")
    open_todo(page, "提出本部门年度目标")
    expect(page.get_by_test_id("plan-status")).to_have_text("起草中")
    page.get_by_role("link", name="添加目标").click()
    page.locator("#id_parent").select_option(label="1 执法办案")
    page.locator("#id_indicator").select_option(label="审结案件数")
    page.locator("#id_title").fill("审结公诉案件")
    page.locator("#id_target_value").fill("200")
    page.locator("#id_weight").fill("100")
    click(page, "保存")
    expect(page.get_by_test_id("department-targets")).to_contain_text("审结公诉案件")
    click(page, "提交考评办审核")
    expect(page.get_by_test_id("plan-status")).to_have_text("已提出，待考评办审核")

    # The appraisal office reviews, then submits to the party group.
    sign_in(page, "appraisal_office.head")
    open_todo(page, "审核部门提出的目标")
    click(page, "审核通过")
    expect(page.get_by_test_id("plan-status")).to_have_text("考评办已审核")
    page.get_by_role("link", name="2027年度").click()
    click(page, "提交党组审定")
    expect(page.locator(".alert-success")).to_contain_text("已提交党组审定")

    # The procurator-general records the party group's approval.
    sign_in(page, "pg")
    open_todo(page, "审定各部门目标")
    # Without the meeting cited the step is refused: the browser is sent back
    # to the cycle's page, so reloading it submits nothing a second time.
    click(page, "登记审定结果")
    expect(page).to_have_url(re.compile(re.escape(demo_cycle.get_absolute_url()) + "$"))
    expect(page.locator(".alert-danger").first).to_be_visible()
    page.reload()
    page.wait_for_load_state("networkidle")
    expect(page.get_by_test_id("plan-list")).to_contain_text("已提交党组审定")
    page.locator("#id_approve_plans-decision_reference").fill("2027年第1次党组会议")
    click(page, "登记审定结果")
    expect(page.locator(".alert-success")).to_contain_text("目标已冻结")
    expect(page.get_by_test_id("plan-list")).to_contain_text("党组已审定")

    # The head reports the fourth quarter and asks to adjust the target.
    sign_in(page, "prosecution.head")
    target = Target.objects.get(cycle=demo_cycle, title="审结公诉案件")
    page.goto(target.get_absolute_url())
    page.get_by_role("link", name="报送进度").click()
    page.locator("#id_checkpoint").select_option(label="2027年度 · 第四季度")
    page.locator("#id_actual_value").fill("190")
    page.locator("#id_evidence").fill("统一业务应用系统年度统计报表")
    click(page, "保存")
    expect(page.get_by_test_id("report-list")).to_contain_text("190")
    page.get_by_role("link", name="申请调整或免责").click()
    page.locator("#id_kind").select_option(value="change")
    page.locator("#id_reason").fill("公安机关移送案件数同比下降三成，申请调减目标值")
    page.locator("#id_new_target_value").fill("180")
    click(page, "保存")
    expect(page.get_by_test_id("adjustment-status")).to_have_text("已提出")

    sign_in(page, "appraisal_office.head")
    open_todo(page, "审核目标调整申请")
    page.locator("#id_review-note").fill("理由属实")
    click(page, "审核通过，报党组审定")
    sign_in(page, "pg")
    open_todo(page, "审定目标调整")
    click(page, "批准")
    expect(page.get_by_test_id("adjustment-status")).to_have_text("已批准")
    page.get_by_role("link", name="审结公诉案件").first.click()
    expect(page.get_by_test_id("target-value")).to_contain_text("180")

    # Unplanned work: a special task, approved by the overseeing deputy.
    sign_in(page, "prosecution.head")
    page.goto("/appraisal/special-tasks/new/")
    page.locator("#id_cycle").select_option(label="2027年度")
    page.locator("#id_title").fill("扫黑除恶专项斗争案件审查起诉")
    page.locator("#id_description").fill("按市院部署组建专门办案组")
    page.locator("#id_origin").fill("梧州市人民检察院")
    page.locator("#id_start_date").fill("2027-03-01")
    page.locator("#id_end_date").fill("2027-12-31")
    page.locator("#id_requested_points").fill("5")
    click(page, "保存")
    expect(page.get_by_test_id("task-status")).to_have_text("待院领导审批")
    deputy = target.department.deputy.user.username
    sign_in(page, deputy)
    open_todo(page, "审批专项工作加分")
    page.locator("#id_approve-credit_points").fill("4")
    click(page, "按此分值批准")
    expect(page.get_by_test_id("task-status")).to_have_text("已批准")
    sign_in(page, "prosecution.head")
    page.goto("/appraisal/special-tasks/")
    page.get_by_role("link", name="扫黑除恶专项斗争案件审查起诉").click()
    page.locator("#id_report-checkpoint").select_option(label="2027年度 · 第四季度")
    page.locator("#id_report-percent_complete").fill("100")
    page.locator("#id_report-evidence").fill("已审结涉恶案件8件")
    click(page, "报送进度")
    expect(page.locator(".alert-success")).to_contain_text("进度已报送")

    # The office computes on a real worker; the run page follows it.
    with start_worker(app, perform_ping_check=False, pool="solo"):
        sign_in(page, "appraisal_office.head")
        page.goto(demo_cycle.get_absolute_url())
        click(page, "计算得分")
        expect(page.get_by_test_id("run-status")).to_contain_text(
            "已计算，待审定", timeout=30_000
        )

    # The procurator-general approves the results for the party group.
    sign_in(page, "pg")
    open_todo(page, "审定考评结果")
    page.locator("#id_approve-decision_reference").fill("2028年第1次党组会议")
    click(page, "审定考评结果")
    expect(page.get_by_test_id("run-status")).to_contain_text("已审定（冻结）")
    # Approved: the office is offered no computation any more, only closing.
    sign_in(page, "appraisal_office.head")
    page.goto(demo_cycle.get_absolute_url())
    expect(page.get_by_test_id("action-close")).to_be_visible()
    expect(page.get_by_test_id("action-compute")).to_have_count(0)
    expect(page.get_by_test_id("action-launch")).to_have_count(0)
    expect(page.get_by_role("link", name="添加全院目标")).to_have_count(0)
    sign_in(page, "pg")

    # The leadership ranking page shows the result, with its breakdown.
    page.goto("/appraisal/rankings/")
    rankings = page.get_by_test_id("department-rankings")
    expect(rankings).to_contain_text("公诉科")
    # 190 of 180 cases → 105.56, plus 4 points of special task credit.
    expect(rankings).to_contain_text("105.56")
    expect(rankings).to_contain_text("109.56")
    expect(page.locator("[data-ranking-chart] canvas").first).to_be_visible()
    expect(page.get_by_test_id("award-candidates")).to_contain_text("公诉科")
    rankings.get_by_role("link", name="公诉科").click()
    expect(page.get_by_test_id("breakdown-lines")).to_contain_text("190")
    assert Cycle.objects.get(pk=demo_cycle.pk).runs.get().status == "approved"
