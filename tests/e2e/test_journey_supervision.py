"""Journey of a civil-administrative case in the browser.

A lawyer's referral is recorded, accepted, registered and reviewed; the retrial
suggestion is approved, the court changes its judgment, and the case counts in
the changed rate. A member of another department finds none of it: not in the
list, not the case page, not its documents, not in an export.
"""

import re

import pytest
from django.contrib.contenttypes.models import ContentType
from django.utils import timezone
from playwright.sync_api import expect

from apps.core.models import Role
from apps.supervision.models import SUPERVISION_DEPARTMENT_CODE, Petition
from tests.factories import DepartmentFactory, make_user

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


@pytest.fixture
def civil_people(people, procuratorate):
    # An earlier transactional test may have left stale content-type ids cached.
    ContentType.objects.clear_cache()
    civil = DepartmentFactory(
        procuratorate=procuratorate,
        code=SUPERVISION_DEPARTMENT_CODE,
        name="民事行政检察科",
        deputy=people["deputy"].staff,
    )
    return {
        "head": make_user(
            department=civil, roles=[Role.DEPARTMENT_HEAD], username="e.civil.head"
        ),
        "clerk": make_user(
            department=civil, roles=[Role.DEPARTMENT_CLERK], username="e.civil.clerk"
        ),
        "handler": make_user(department=civil, username="e.civil.staff1"),
        "other": people["staff"],  # prosecution department
    }


def sign_in_as(page, login, username):
    page.context.clear_cookies()
    login(username)


def test_lawyer_referral_to_a_changed_judgment(page, login, civil_people):
    today = timezone.localdate().isoformat()
    handler_name = civil_people["handler"].staff.name

    # The clerk records the petition a lawyer brought in.
    sign_in_as(page, login, "e.civil.clerk")
    page.goto("/supervision/")
    page.get_by_role("link", name="登记申诉").click()
    page.select_option("#id_source", "lawyer")
    page.fill("#id_source_detail", "广西梧州正义律师事务所 李明律师")
    page.fill("#id_received_on", today)
    page.select_option("#id_case_type", "civil")
    page.fill("#id_cause", "民间借贷纠纷")
    page.fill("#id_court_name", "梧州市长洲区人民法院")
    page.select_option("#id_court_level", "basic")
    page.fill("#id_judgment_number", "（2025）桂0405民初1234号")
    page.fill("#id_judgment_date", "2025-09-01")
    page.fill("#id_grounds", "原判决认定借款已归还的基本事实缺乏证据证明。")
    page.select_option("#id_party-0-role", "petitioner")
    page.fill("#id_party-0-name", "黄秀英")
    page.fill("#id_party-0-phone", "13907740001")
    page.fill("#id_party-0-agent", "李明，广西梧州正义律师事务所")
    page.set_input_files(
        "#id_file-0-file",
        files=[{"name": "申诉书.pdf", "mimeType": "application/pdf", "buffer": PDF}],
    )
    page.get_by_role("button", name="保存申诉").click()
    expect(page.locator(".alert-success")).to_contain_text("申诉已登记")
    expect(page.get_by_test_id("attachments")).to_contain_text("申诉书.pdf")
    case_url = page.url

    # The head accepts it and registers the case with a handler.
    sign_in_as(page, login, "e.civil.head")
    expect(page.get_by_test_id("todo-list")).to_contain_text("决定是否受理申诉")
    page.goto(case_url)
    page.get_by_role("button", name="决定受理").click()
    expect(page.get_by_test_id("letter-pdf")).to_contain_text("受理通知书")
    # After the POST the browser is back on the case page: a refresh sends
    # nothing again.
    expect(page).to_have_url(case_url)
    page.reload()
    expect(page.get_by_test_id("letter-pdf")).to_contain_text("受理通知书")
    assert Petition.objects.get().letter_number.endswith("〕1号")
    page.get_by_test_id("action-register").locator("select").select_option(
        label=f"{handler_name}（民事行政检察科）"
    )
    page.get_by_role("button", name="立案并指定承办人").click()
    expect(page.get_by_test_id("case-number")).to_contain_text("民行监〔")
    expect(page.get_by_test_id("handler")).to_have_text(handler_name)

    # The handler reviews and proposes a retrial suggestion.
    sign_in_as(page, login, "e.civil.staff1")
    page.get_by_test_id("todo-list").get_by_text("审查案件并提出处理意见").click()
    expect(page).to_have_url(case_url)
    outcome_form = page.get_by_test_id("action-outcome")
    outcome_form.locator("#id_outcome-kind").select_option("retrial_suggestion")
    outcome_form.locator("#id_outcome-opinion").fill(
        "原判决认定的基本事实缺乏证据证明，建议再审。"
    )
    outcome_form.get_by_role("button", name="提交审批").click()
    expect(page.get_by_test_id("outcome")).to_contain_text("待部门负责人审批")

    # The head approves; the numbered document is issued.
    sign_in_as(page, login, "e.civil.head")
    page.goto(case_url)
    page.get_by_test_id("action-approve").get_by_role("button", name="批准").click()
    expect(page.get_by_test_id("document-number")).to_contain_text("民行再建〔")
    petition = Petition.objects.get()
    pdf = page.request.get(f"/supervision/petitions/{petition.pk}/outcome.pdf")
    assert pdf.status == 200
    assert pdf.headers["content-type"] == "application/pdf"
    assert pdf.headers["content-disposition"].startswith("attachment;")
    assert pdf.headers["cache-control"] == "private, no-store"

    # The handler records the court's answer and the retrial's result.
    sign_in_as(page, login, "e.civil.staff1")
    page.goto(case_url)
    follow_up = page.get_by_test_id("action-follow_up")
    follow_up.locator("#id_follow_up-adopted").select_option("yes")
    follow_up.locator("#id_follow_up-replied_on").fill(today)
    follow_up.get_by_role("button", name="登记").click()
    follow_up = page.get_by_test_id("action-follow_up")
    follow_up.locator("#id_follow_up-result").select_option("changed")
    follow_up.locator("#id_follow_up-started_on").fill(today)
    follow_up.locator("#id_follow_up-concluded_on").fill(today)
    follow_up.get_by_role("button", name="登记").click()
    expect(page.get_by_test_id("court-result")).to_contain_text("改判")
    expect(page.get_by_test_id("case-title")).to_contain_text("已结案")

    # The case counts in the rates.
    sign_in_as(page, login, "e.civil.head")
    page.goto("/supervision/statistics/")
    expect(page.get_by_test_id("changed-rate")).to_have_text("100.0%")
    expect(page.get_by_test_id("adoption-rate")).to_have_text("100.0%")
    expect(page.get_by_test_id("by-source")).to_contain_text("律师代理申诉")

    # Someone of another department finds nothing.
    case_number = Petition.objects.get().case_number
    sign_in_as(page, login, civil_people["other"].username)
    page.goto("/supervision/")
    expect(page.get_by_test_id("petition-list")).to_contain_text("没有你可以查阅的案件")
    expect(page.get_by_test_id("petition-list")).not_to_contain_text(case_number)
    expect(page.get_by_test_id("export-xlsx")).to_have_count(0)
    # Fetched with the signed-in session rather than navigated to, so the
    # expected 404 and 403 are not reported as console errors of the page.
    response = page.request.get(case_url)
    assert response.status == 404
    assert case_number not in response.text()
    assert "不存在" in response.text() or "未找到" in response.text()
    for document in ("outcome.pdf", "letter.pdf"):
        response = page.request.get(f"/supervision/petitions/{petition.pk}/{document}")
        assert response.status == 404
    attachment = petition.attachments.get()
    response = page.request.get(f"/supervision/attachments/{attachment.pk}/")
    assert response.status == 404
    assert page.request.get("/supervision/statistics/").status == 403
    expect(page).to_have_url(re.compile(r"/supervision/$"))


def test_major_case_goes_to_the_procuratorial_committee(
    page, login, civil_people, people
):
    """The head sends a proposed protest to the committee; the committee office
    finds the topic in its to-dos and can open the case it has to review."""
    from apps.meetings.models import Topic
    from tests.supervision.factories import proposed

    outcome = proposed(civil_people, "protest_request")
    petition = outcome.petition

    sign_in_as(page, login, "e.civil.head")
    page.goto(petition.get_absolute_url())
    action = page.get_by_test_id("action-committee")
    expect(action).to_be_visible()
    page.once("dialog", lambda dialog: dialog.accept())
    action.get_by_role("button", name="提请检察委员会讨论").click()
    expect(page.get_by_text("案件已作为议题提请检察委员会讨论。")).to_be_visible()
    expect(page.get_by_test_id("action-committee")).to_have_count(0)
    topic = Topic.objects.get()
    status = page.get_by_test_id("committee-topic")
    expect(status).to_contain_text("待会前审查")
    status.get_by_role("link").click()
    expect(page).to_have_url(re.compile(rf"/meetings/topics/{topic.pk}/$"))
    expect(page.get_by_text(topic.title).first).to_be_visible()

    # The committee office: the scope review is in its to-dos, and the case opens.
    sign_in_as(page, login, people["committee_office"].username)
    page.goto("/todos/")
    todo = page.get_by_test_id("todo-list").locator(
        f'a[href="{topic.get_absolute_url()}"]'
    )
    expect(todo).to_be_visible()
    todo.click()
    expect(page.get_by_text(topic.title).first).to_be_visible()
    page.goto(petition.get_absolute_url())
    expect(page.get_by_test_id("outcome")).to_be_visible()
