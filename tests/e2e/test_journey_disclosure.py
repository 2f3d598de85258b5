"""政务公示 journey: a clerk asks for supplies; the director defers one and
approves the other; the office buys, stocks in and issues; the board shows
both with on-time marks; a staff member comments anonymously and the stored
comment holds nothing that identifies them."""

import re

from playwright.sync_api import expect

from apps.audit.models import AuditEvent
from apps.comments.models import Comment
from apps.disclosure.models import ServiceRequest, StockItem
from apps.disclosure.services import stock_item_create
from tests.disclosure.conftest import catalogue  # noqa: F401  (seeded reference data)

DEFER_REASON = "经检察长决定，资金数额较大，缓办"


def log_out(page):
    page.get_by_role("button", name="退出").click()
    expect(page).to_have_url(re.compile(r"/accounts/login/"))


def submit_request(page, title, content, line):
    page.goto("/disclosure/requests/new/")
    page.get_by_label("事由").fill(title)
    page.get_by_label("内容").fill(content)
    if "item" in line:
        select = page.locator("select[name=lines-0-stock_item]")
        option = select.locator("option", has_text=line["item"]).get_attribute("value")
        select.select_option(value=option)

    else:
        page.locator("input[name=lines-0-name]").fill(line["name"])
        page.locator("input[name=lines-0-unit]").fill(line["unit"])
    page.locator("input[name=lines-0-quantity]").fill(str(line["quantity"]))
    page.get_by_role("button", name="提交申请").click()
    expect(page.get_by_test_id("request-state")).to_have_text("待审批")
    return ServiceRequest.objects.get(title=title)


def open_from_todos(page, title):
    page.goto("/todos/")
    page.get_by_test_id("todo-list").get_by_text(title).click()
    expect(page.get_by_role("heading", name=title)).to_be_visible()


def test_supplies_request_to_board_and_anonymous_comment(
    page,
    login,
    people,
    catalogue,  # noqa: F811
):

    stock_item_create(
        actor=people["office_reviewer"], name="A4复印纸", unit="包", low_stock_level=5
    )

    # A department clerk sends two requests.
    login("t.clerk")
    camera = submit_request(
        page,
        "申请购置高拍仪",
        "讯问录像配套使用，每台约4500元。",
        {"name": "高拍仪", "unit": "台", "quantity": 2},
    )
    paper = submit_request(
        page, "申领复印纸", "出庭材料打印用。", {"item": "A4复印纸", "quantity": 5}
    )
    log_out(page)

    # The office director defers one, with the reason, and approves the other.
    login("t.officehead")
    todos = page.get_by_test_id("todo-list")
    expect(todos).to_contain_text(camera.title)
    expect(todos).to_contain_text(paper.title)

    open_from_todos(page, camera.title)
    page.get_by_role("radio", name="缓办", exact=True).check()
    page.get_by_label("理由", exact=True).fill(DEFER_REASON)
    page.get_by_role("button", name="记录决定").click()
    expect(page.get_by_test_id("request-state")).to_have_text("缓办")
    expect(page.get_by_test_id("steps")).to_contain_text(DEFER_REASON)
    # Post/redirect/get: the browser is back on the request's page, so a
    # refresh reads it again and sends nothing twice.
    expect(page).to_have_url(re.compile(rf"/disclosure/requests/{camera.pk}/$"))
    page.reload()
    expect(page.get_by_test_id("request-state")).to_have_text("缓办")
    assert camera.steps.filter(outcome="deferred").count() == 1

    # A refused decision (deferring a deferred request) also comes back to the
    # page with the reason; a refresh after it sends nothing either.
    page.get_by_role("radio", name="缓办", exact=True).check()
    page.get_by_label("理由", exact=True).fill("再缓一次")
    page.get_by_role("button", name="记录决定").click()
    expect(page.locator(".alert-danger").first).to_be_visible()
    expect(page).to_have_url(re.compile(rf"/disclosure/requests/{camera.pk}/$"))
    page.reload()
    expect(page.get_by_test_id("request-state")).to_have_text("缓办")
    assert camera.steps.filter(outcome="deferred").count() == 1

    open_from_todos(page, paper.title)
    page.get_by_role("radio", name="批准", exact=True).check()
    page.get_by_role("button", name="记录决定").click()
    # The store holds none, so it goes to purchase.
    expect(page.get_by_test_id("request-state")).to_have_text("待采购")
    log_out(page)

    # The office buys, registers into the store and issues with stock-out.
    login("t.reviewer")
    open_from_todos(page, paper.title)
    page.get_by_role("button", name="登记为已采购").click()
    expect(page.get_by_test_id("request-state")).to_have_text("待入库")
    page.get_by_role("button", name="登记入库").click()
    expect(page.get_by_test_id("request-state")).to_have_text("待发放")
    page.get_by_role("button", name="发放", exact=True).click()
    expect(page.get_by_test_id("request-state")).to_have_text("已发放")
    assert StockItem.objects.get(name="A4复印纸").quantity == 0
    log_out(page)

    # Any member of staff sees both on the month's board, with on-time marks.
    login("t.staff")
    page.goto("/disclosure/")
    page.get_by_test_id("column-supplies").get_by_role(
        "link", name="办公用品购买申请"
    ).click()
    expect(page.get_by_test_id("refusals")).to_contain_text(DEFER_REASON)
    deferred_row = page.get_by_test_id(f"board-request-{camera.number}")
    issued_row = page.get_by_test_id(f"board-request-{paper.number}")
    expect(deferred_row).to_contain_text("缓办")
    expect(deferred_row.get_by_test_id("mark-on-time")).to_have_count(1)
    expect(issued_row).to_contain_text("已发放")
    # Decision, purchase, stock-in, issue: each within its limit.
    expect(issued_row.get_by_test_id("mark-on-time")).to_have_count(4)

    # ... and comments anonymously under the issued request.
    issued_row.get_by_role("link", name=paper.number).click()
    comments = page.get_by_test_id("comments")
    expect(comments.get_by_test_id("anonymous-notice")).to_contain_text(
        "不保存您的账号、姓名、部门或IP地址"
    )
    comments.get_by_label("您的评论").fill("复印纸发放及时，建议库房常备。")
    comments.get_by_label("匿名发表").check()
    audit_before = AuditEvent.objects.count()
    comments.get_by_role("button", name="发表评论").click()
    posted = page.get_by_test_id("comment").filter(has_text="复印纸发放及时")
    expect(posted.get_by_test_id("comment-author")).to_have_text("匿名")

    # The database row holds nothing that identifies the author.
    row = Comment.objects.filter(body="复印纸发放及时，建议库房常备。").values().get()
    staff_user = people["staff"]
    assert row["author_id"] is None
    assert row["is_anonymous"] is True
    assert (row["posted_at"].minute, row["posted_at"].second) == (0, 0)
    stored = {str(v) for v in row.values()}
    for trace in (
        str(staff_user.pk),
        staff_user.username,
        staff_user.staff.name,
        "127.0.0.1",
    ):
        assert trace not in stored
    assert AuditEvent.objects.count() == audit_before
