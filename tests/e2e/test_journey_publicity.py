"""信息宣传 in a real browser, with the demo organisation and its users.

A prosecution officer writes and submits an item; the department head
approves it; the office reviews it (精品); the procurator-general signs it off;
the office dispatches it and records an adoption by 检察日报. The item then
counts in the statistics, the quota progress and the year-end reward ledger.
"""

import re

import pytest
from celery.contrib.testing.worker import start_worker
from playwright.sync_api import expect

from apps.core.demo import DEMO_PASSWORD, seed_organisation
from apps.core.models import User
from procuratorate.celery import app

TITLE = "公诉科开展案件质量评查活动取得实效"


@pytest.fixture
def demo(transactional_db):
    procuratorate, _logins = seed_organisation()
    return procuratorate


def sign_in(page, login, username):
    page.goto("/accounts/login/")
    if page.get_by_role("button", name="退出").count():
        page.get_by_role("button", name="退出").click()
    login(username, DEMO_PASSWORD)


def open_todo(page):
    page.goto("/todos/")
    page.get_by_test_id("todo-list").get_by_text(TITLE).click()
    expect(page.get_by_test_id("item-title")).to_have_text(TITLE)


def test_the_whole_chain_from_writing_to_the_reward_ledger(page, login, demo):
    # The writer: an officer of the prosecution department, with a co-author.
    writer_name = User.objects.get(username="prosecution.staff1").staff.name
    sign_in(page, login, "prosecution.staff1")
    page.goto("/publicity/")
    page.get_by_role("link", name="撰写稿件").click()
    page.get_by_label("检察信息").check()
    page.get_by_label("类别").select_option(label="经验类信息")
    page.get_by_label("重要").check()
    page.get_by_label("标题").fill(TITLE)
    page.get_by_role("textbox", name="正文").fill(
        "今年以来，公诉科以案件质量评查为抓手，共评查案件36件。"
    )
    page.get_by_label("本人份额（%）").fill("60")
    row = page.get_by_test_id("coauthor-row").first
    row.get_by_role("combobox").select_option(index=1)
    row.get_by_role("spinbutton").fill("30")
    page.get_by_role("button", name="保存并提交").click()
    # Shares total 90: refused in Chinese, and what was typed is still there.
    expect(page.locator(".alert-danger, .invalid-feedback").first).to_contain_text(
        "合计必须为100"
    )
    expect(page.get_by_label("标题")).to_have_value(TITLE)
    expect(page.get_by_role("textbox", name="正文")).to_contain_text("评查案件36件")
    page.get_by_test_id("coauthor-row").first.get_by_role("spinbutton").fill("40")
    page.get_by_role("button", name="保存并提交").click()
    expect(page.get_by_test_id("item-state")).to_have_text("待部门审批")

    # The department head approves it from the to-dos.
    sign_in(page, login, "prosecution.head")
    open_todo(page)
    page.get_by_test_id("action-approve").get_by_role("button", name="批准").click()
    expect(page.get_by_test_id("item-state")).to_have_text("待办公室审核")

    # The office reviews it and marks it a fine item.
    sign_in(page, login, "office.staff1")
    open_todo(page)
    review = page.get_by_test_id("action-review")
    review.get_by_label("精品信息").check()
    review.get_by_role("button", name="审核通过").click()
    expect(page.get_by_test_id("item-state")).to_have_text("待检察长签发")

    # The procurator-general signs it off.
    sign_in(page, login, "pg")
    open_todo(page)
    page.get_by_test_id("action-sign_off").get_by_role("button", name="签发").click()
    expect(page.get_by_test_id("item-state")).to_have_text("待报送")

    # The office dispatches it upwards and to the press, then records an adoption.
    sign_in(page, login, "office.staff1")
    open_todo(page)
    dispatch = page.get_by_test_id("action-dispatch")
    dispatch.get_by_label("检察日报").check()
    dispatch.get_by_label("广西壮族自治区人民检察院").check()
    dispatch.get_by_role("button", name="报送").click()
    expect(page.get_by_test_id("item-state")).to_have_text("已报送")
    expect(page.get_by_test_id("dispatches")).to_contain_text("检察日报")
    adopt = page.get_by_test_id("action-adopt")
    adopt.get_by_label("采用单位").select_option(label="检察日报")
    adopt.get_by_label("链接").fill("http://www.jcrb.com/procuratorate/2026/a1.html")
    adopt.get_by_role("button", name="登记").click()
    expect(page.get_by_test_id("adoptions")).to_contain_text("检察日报")
    expect(page.get_by_test_id("history")).to_contain_text("登记采用")
    expect(page).to_have_url(re.compile(r"/publicity/items/\d+/$"))

    # The office sets the prosecution department's quota; completion shows 1.
    page.get_by_role("link", name="任务分解").click()
    form = page.get_by_test_id("department-quota-form")
    form.get_by_label("公诉科").fill("4")
    form.get_by_role("button", name="保存任务").click()
    quotas = page.get_by_test_id("department-quotas")
    expect(quotas.get_by_role("row", name=re.compile("公诉科"))).to_contain_text("25")

    # The item counts in this year's statistics and the monthly ranking.
    page.get_by_role("link", name="信息宣传统计").click()
    expect(page.get_by_test_id("summary-adoptions")).to_have_text("1")
    expect(page.get_by_test_id("summary-rate")).to_have_text("100.0%")
    department_row = page.get_by_test_id("department-table").get_by_role(
        "row", name=re.compile("公诉科")
    )
    expect(department_row).to_contain_text("100.0%")
    expect(page.locator("[data-chart=monthly] svg")).to_be_visible()
    page.get_by_role("link", name="月度排名").click()
    first = page.get_by_test_id("ranking-table").get_by_role("row").nth(1)
    expect(first).to_contain_text("公诉科")
    expect(first).to_contain_text("表扬")

    # The office sets the reward scheme and a real worker computes the ledger.
    page.get_by_role("link", name="奖惩与兑现").click()
    scheme = page.get_by_test_id("scheme-form")
    scheme.get_by_label("每篇采用基础奖金（元）").fill("100")
    scheme.get_by_label("精品信息每篇采用加奖（元）").fill("50")
    scheme.get_by_role("button", name="保存奖惩办法").click()
    expect(page.locator(".alert-success")).to_contain_text("奖惩办法已保存")
    page.get_by_test_id("ledger-link").click()
    with start_worker(app, perform_ping_check=False, pool="solo"):
        page.get_by_role("button", name="计算台账").click()
        # The page polls while the worker computes, then reloads itself.
        expect(page.get_by_test_id("ledger-state")).to_contain_text(
            "已计算", timeout=30_000
        )
    # 检察日报 is national (×5): 100×5 + 50 for a fine item, 60% to the writer.
    expect(page.get_by_test_id("total-reward")).to_have_text("550.00")
    writer = page.get_by_test_id("person-lines").get_by_role(
        "row", name=re.compile(writer_name)
    )
    expect(writer).to_contain_text("330.00")

    # The procurator-general approves the payout from the to-dos: it is frozen.
    sign_in(page, login, "pg")
    page.goto("/todos/")
    page.get_by_test_id("todo-list").get_by_role(
        "link", name=re.compile("年终兑现")
    ).click()
    page.once("dialog", lambda dialog: dialog.accept())
    page.get_by_role("button", name="审批兑现").click()
    expect(page.get_by_test_id("ledger-state")).to_contain_text("已批准")
    expect(page.get_by_role("button", name="重新计算")).to_have_count(0)


def test_a_refresh_after_a_refused_or_accepted_step_sends_nothing_again(
    page, login, demo
):
    """Post/redirect/get: the browser is never left on a POST URL."""
    from apps.publicity import services
    from apps.publicity.models import Category, ItemEvent, Kind, Urgency

    writer = User.objects.get(username="prosecution.staff1")
    item = services.item_create(
        actor=writer,
        kind=Kind.INFORMATION,
        category=Category.values[0],
        urgency=Urgency.ROUTINE,
        title="刷新不重复提交",
        body="正文",
    )
    services.item_submit(actor=writer, item=item)
    sign_in(page, login, "prosecution.head")
    page.goto(item.get_absolute_url())

    # A refused return (no reason given): the page says why, on the item's URL.
    ret = page.get_by_test_id("action-return")
    ret.get_by_role("button", name="退回").click()
    expect(page.locator(".alert-danger, .invalid-feedback").first).to_be_visible()
    expect(page).to_have_url(re.compile(rf"/publicity/items/{item.pk}/$"))
    page.reload()
    expect(page.get_by_test_id("item-state")).to_have_text("待部门审批")
    assert ItemEvent.objects.filter(item=item, action="return").count() == 0

    # An accepted approval, then a refresh: one approval, not two attempts.
    page.get_by_test_id("action-approve").get_by_role("button", name="批准").click()
    expect(page.get_by_test_id("item-state")).to_have_text("待办公室审核")
    expect(page).to_have_url(re.compile(rf"/publicity/items/{item.pk}/$"))
    page.reload()
    expect(page.get_by_test_id("item-state")).to_have_text("待办公室审核")
    expect(page.locator(".alert-danger")).to_have_count(0)
    assert ItemEvent.objects.filter(item=item, action="approve").count() == 1
