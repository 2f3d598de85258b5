"""Journey: a knowledge contest taken by two demo users and ranked.

The demo organisation and question bank are seeded; the discipline office's
head publishes a contest in the browser, two demo users take it (one answers
everything right, the other gets the multiple-choice questions wrong), the
organiser closes it, and the ranking shows both — by person and department.
"""

import datetime
import re

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from apps.core.demo import DEMO_PASSWORD, seed_organisation
from apps.core.models import User
from apps.integrity.demo import seed_bank
from apps.integrity.models import Quiz

pytestmark = pytest.mark.django_db(transaction=True)


def _logout(page):
    page.get_by_role("button", name="退出").click()
    expect(page).to_have_url(re.compile(r"/accounts/login/"))


def _answer_key(quiz):
    key = {}
    for qq in quiz.quiz_questions.select_related("question").prefetch_related(
        "question__choices"
    ):
        choices = list(qq.question.choices.all())
        key[qq.pk] = (
            qq.question.kind,
            [c.pk for c in choices if c.is_correct],
            [c.pk for c in choices if not c.is_correct],
        )
    return key


def _take(page, login, username, key, *, miss_multiple):
    login(username, DEMO_PASSWORD)
    page.goto("/integrity/contests/")
    page.get_by_test_id("quiz-list").get_by_role(
        "link", name="廉政知识竞赛（测试）"
    ).click()
    page.get_by_test_id("start-quiz").click()
    expect(page.get_by_test_id("timer")).to_have_text(re.compile(r"^\d\d:\d\d$"))
    html = page.content()
    # Nothing on the page tells a correct option from a wrong one.
    assert "is_correct" not in html and "data-correct" not in html
    for qq_id, (kind, right, wrong) in key.items():
        chosen = wrong[:1] if (kind == "multiple" and miss_multiple) else right
        for option in chosen:
            page.locator(f"#q{qq_id}o{option}").check()
    page.get_by_role("button", name="交卷").click()
    expect(page.get_by_test_id("my-attempt")).to_contain_text("您的得分")
    _logout(page)


def test_knowledge_contest_taken_by_two_demo_users_and_ranked(page, login):
    procuratorate, _ = seed_organisation()
    organiser = User.objects.get(username="discipline.head")
    seed_bank(procuratorate, organiser)
    page.on("dialog", lambda dialog: dialog.accept())

    # The organiser sets up and publishes the contest.
    login("discipline.head", DEMO_PASSWORD)
    page.goto("/integrity/contests/")
    page.get_by_role("link", name="新建知识竞赛").click()
    page.get_by_label("标题").fill("廉政知识竞赛（测试）")
    now = timezone.localtime()
    page.get_by_label("开始时间").fill(
        (now - datetime.timedelta(minutes=5)).strftime("%Y-%m-%dT%H:%M")
    )
    page.get_by_label("截止时间").fill(
        (now + datetime.timedelta(days=1)).strftime("%Y-%m-%dT%H:%M")
    )
    page.get_by_label("答题时长（分钟）").fill("10")
    page.get_by_label("单选题数量").fill("3")
    page.get_by_label("多选题数量").fill("2")
    page.get_by_label("判断题数量").fill("3")
    page.get_by_role("button", name="保存").click()
    # Publishing before the draw is refused; the browser is sent back to the
    # contest's page, so reloading it sends nothing again.
    detail = page.url
    page.get_by_role("button", name="发布").click()
    expect(page.get_by_text("请先抽题再发布。")).to_be_visible()
    assert page.url == detail
    page.reload()
    expect(page.get_by_text("请先抽题再发布。")).to_have_count(0)
    expect(page.get_by_test_id("quiz-state")).to_have_text("草稿")
    page.get_by_role("button", name="从题库抽题").click()
    expect(page.get_by_test_id("drawn-questions").locator("li")).to_have_count(8)
    page.get_by_role("button", name="发布").click()
    expect(page.get_by_test_id("quiz-state")).to_have_text("进行中")
    _logout(page)

    quiz = Quiz.objects.get(title="廉政知识竞赛（测试）")
    key = _answer_key(quiz)
    full = 3 * 2 + 2 * 4 + 3 * 1
    _take(page, login, "prosecution.staff1", key, miss_multiple=False)
    _take(page, login, "anti_corruption.staff1", key, miss_multiple=True)

    # Before the contest closes a participant sees no ranking and no answers.
    login("prosecution.staff1", DEMO_PASSWORD)
    page.goto(quiz.get_absolute_url())
    expect(page.get_by_test_id("my-attempt")).to_contain_text(f"{full}分")
    expect(page.get_by_test_id("ranking-link")).to_have_count(0)
    _logout(page)

    login("discipline.head", DEMO_PASSWORD)
    page.goto(quiz.get_absolute_url())
    page.get_by_role("button", name="结束竞赛").click()
    expect(page.get_by_test_id("quiz-state")).to_have_text("已结束")
    _logout(page)

    login("anti_corruption.staff1", DEMO_PASSWORD)
    page.goto(quiz.get_absolute_url())
    page.get_by_test_id("ranking-link").click()
    people = page.get_by_test_id("person-ranking").locator("tbody tr")
    expect(people).to_have_count(2)
    first = User.objects.get(username="prosecution.staff1").staff.name
    second = User.objects.get(username="anti_corruption.staff1").staff.name
    expect(people.nth(0)).to_contain_text(first)
    expect(people.nth(0)).to_contain_text(str(full))
    expect(people.nth(1)).to_contain_text(second)
    expect(people.nth(1)).to_contain_text(str(full - 2 * 4))
    departments = page.get_by_test_id("department-ranking").locator("tbody tr")
    expect(departments.nth(0)).to_contain_text("公诉科")
    expect(departments.nth(1)).to_contain_text("反贪污贿赂局")
    # After the close, the participant may see the correct answers.
    page.goto(quiz.get_absolute_url())
    page.get_by_role("link", name="查看正确答案").click()
    expect(page.locator(".border-danger")).to_have_count(2)
