"""First journey: a department head signs in, sees the to-dos, signs out."""

import re

from playwright.sync_api import expect

from apps.todos.services import todo_open


def test_department_head_sees_todos_and_logs_out(page, login, people, prosecution):
    todo_open(
        target=prosecution,
        step_code="demo.review",
        label="Approve",
        assignees=[people["head"]],
        url="/todos/",
        subject="关于公诉科办案情况的信息",
    )
    login("t.head")
    expect(page).to_have_url(re.compile(r"/todos/$"))
    expect(page.get_by_role("heading", name="我的待办")).to_be_visible()
    expect(page.get_by_test_id("todo-list")).to_contain_text("关于公诉科办案情况的信息")
    expect(page.get_by_test_id("todo-badge")).to_contain_text("1")
    expect(page.get_by_test_id("current-user")).to_contain_text(
        people["head"].staff.name
    )
    page.get_by_role("button", name="退出").click()
    expect(page).to_have_url(re.compile(r"/accounts/login/"))
    page.goto("/todos/")
    expect(page).to_have_url(re.compile(r"/accounts/login/\?next=/todos/"))


def test_wrong_password_shows_a_chinese_message_and_keeps_the_username(page, people):
    page.goto("/accounts/login/")
    page.get_by_label("用户名").fill("t.head")
    page.get_by_label("密码").fill("wrong-password")
    page.get_by_role("button", name="登录").click()
    expect(
        page.locator(".alert-danger, .invalid-feedback, .errorlist").first
    ).to_contain_text("请输入一个正确的")
    expect(page.get_by_label("用户名")).to_have_value("t.head")
