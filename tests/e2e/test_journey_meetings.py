"""The committee journey with the demo users, in a real browser.

File a topic → the committee office checks its scope → the procurator-general
approves → a meeting with attendance, one recusal, opinions in the fixed order
and named votes: the first topic passes with 5 of 9 members agreeing; the
second fails with 4 agreeing although that is a majority of the 7 present →
decision document and minutes as PDFs → execution reported and confirmed.
"""

import datetime
import re

import pypdfium2
import pytest
from django.contrib.contenttypes.models import ContentType
from django.utils import timezone
from playwright.sync_api import expect

from apps.core.demo import DEMO_PASSWORD, seed_organisation
from apps.meetings import services
from apps.meetings.demo import seed_rosters
from apps.meetings.models import BodyKind, Resolution, Supervision, Topic

pytestmark = pytest.mark.django_db(transaction=True)


def pdf_text(content):
    pdf = pypdfium2.PdfDocument(content)
    return "".join(pdf[i].get_textpage().get_text_range() for i in range(len(pdf)))


@pytest.fixture
def house(db):
    # Earlier transactional tests may have restored content types under new ids.
    ContentType.objects.clear_cache()
    procuratorate, _logins = seed_organisation()
    bodies = seed_rosters(procuratorate)
    return procuratorate, bodies


def staff_name(procuratorate, username):
    return procuratorate.staff.get(user__username=username).name


def test_committee_meeting_two_majorities_documents_and_supervision(page, login, house):
    procuratorate, bodies = house
    name = {
        u: staff_name(procuratorate, u)
        for u in (
            "pg",
            "deputy1",
            "deputy2",
            "deputy3",
            "prosecution.head",
            "investigation_supervision.head",
            "anti_corruption.head",
            "civil_administrative.head",
            "research.head",
            "committee_office.head",
        )
    }

    def field(label):
        # crispy marks required fields with an asterisk after the label
        return page.get_by_label(re.compile(rf"^\s*{re.escape(label)}\s*\*?\s*$"))

    def sign_in(username):
        if page.get_by_role("button", name="退出").count():
            page.get_by_role("button", name="退出").click()
            page.wait_for_url(re.compile(r"/accounts/login/"))
        login(username, DEMO_PASSWORD)

    # --- 1. The prosecution head files a topic request.
    sign_in("prosecution.head")
    page.goto("/meetings/topics/new/")
    field("会议").select_option(label="检察委员会")
    page.get_by_label("议题范围").select_option(label="讨论决定重大案件")
    page.get_by_label("标题").fill("关于陈某涉嫌故意杀人案是否起诉的议题")
    page.get_by_label("议题内容及提请意见").fill(
        "犯罪嫌疑人陈某涉嫌故意杀人，可能判处无期徒刑以上刑罚，承办部门建议起诉。"
    )
    page.get_by_role("button", name="提交议题").click()
    expect(page.get_by_test_id("topic-state")).to_have_text("待会前审查")
    topic_url = page.url
    topic = Topic.objects.get(title="关于陈某涉嫌故意杀人案是否起诉的议题")

    # A second topic comes the same way (filed, checked, approved by services).
    second = services.topic_file(
        actor=procuratorate.staff.get(user__username="prosecution.head").user,
        body=bodies[BodyKind.COMMITTEE],
        title="关于刘某盗窃案是否作不起诉处理的议题",
        scope_category="cm_major_case",
        summary="承办人建议相对不起诉，部门意见分歧。",
        department=procuratorate.departments.get(code="prosecution"),
    )

    # --- 2. The committee office checks the scope; 3. the PG approves.
    sign_in("committee_office.head")
    # A colleague checks the second topic while this page is open: the click
    # is refused, the browser is back on the topic's page (not the POST URL)
    # and a reload sends nothing again.
    page.goto(f"/meetings/topics/{second.pk}/")
    services.topic_review_pass(
        actor=procuratorate.staff.get(user__username="committee_office.head").user,
        topic=second,
    )
    page.get_by_role("button", name="属于议事范围，报检察长同意").click()
    expect(page.get_by_role("alert")).to_contain_text("此步骤现在不能办理")
    assert page.url.endswith(f"/meetings/topics/{second.pk}/")
    page.reload()
    expect(page.get_by_test_id("topic-state")).to_have_text("待检察长同意")
    assert second.logs.count() == 2
    services.topic_approve(
        actor=procuratorate.staff.get(user__username="pg").user, topic=second
    )
    page.goto(topic_url)
    page.get_by_role("button", name="属于议事范围，报检察长同意").click()
    expect(page.get_by_test_id("topic-state")).to_have_text("待检察长同意")
    sign_in("pg")
    page.goto(topic_url)
    page.get_by_role("button", name="同意上会").click()
    expect(page.get_by_test_id("topic-state")).to_have_text("已同意，待上会")

    # --- 4. The committee office calls the meeting and sets the agenda.
    sign_in("committee_office.head")
    page.goto("/meetings/meetings/new/")
    field("会议").select_option(label="检察委员会")
    page.get_by_label("标题").fill("2026年第2次检察委员会会议")
    when = timezone.localtime() + datetime.timedelta(hours=1)
    page.get_by_label("时间").fill(when.strftime("%Y-%m-%dT%H:%M"))
    page.get_by_label("地点").fill("第一会议室")
    page.get_by_role("button", name="召集会议").click()
    meeting_url = page.url
    for title in (topic.title, second.title):
        page.get_by_label("已同意上会的议题").select_option(label=title)
        page.get_by_role("button", name="列入议程").click()
        expect(page.get_by_test_id("agenda")).to_contain_text(title)

    # Attendance: 7 of 9 present; two absent with reasons.
    absent = {"deputy3": "出差", "investigation_supervision.head": "参加培训"}
    for username, person in name.items():
        if username == "committee_office.head":
            continue
        field(person).select_option("absent" if username in absent else "present")
        if username in absent:
            page.get_by_label(f"{person}缺席的原因").fill(absent[username])
    page.get_by_role("button", name="登记出席情况").click()
    expect(page.get_by_role("alert")).to_contain_text("出席情况已登记")
    page.get_by_role("button", name="宣布开会").click()
    expect(page.get_by_test_id("meeting-state")).to_contain_text("开会中")

    def speak_in_order(text):
        spoken = []
        while page.get_by_test_id("next-speaker").count():
            spoken.append(page.get_by_test_id("next-speaker").inner_text())
            page.get_by_label("发言意见").fill(text)
            page.get_by_role("button", name="记录发言").click()
            expect(page.get_by_role("alert")).to_contain_text("发言已记录")
        return spoken

    def vote(choices, decision):
        page.get_by_label("表决方式").select_option("named")
        page.get_by_role("button", name="开始表决").click()
        for username, choice in choices.items():
            field(name[username]).select_option(choice)
        page.get_by_role("button", name="登记表决意见").click()
        expect(page.get_by_role("alert")).to_contain_text("表决意见已登记")
        field("决定").fill(decision)
        page.get_by_role("button", name="结束表决并形成决定").click()

    # --- Topic 1: one recusal, six speak in order (the PG last), 5 of 9 agree.
    page.goto(meeting_url)
    page.get_by_role("link", name=topic.title).click()
    page.get_by_label("人员").select_option(
        label=f"{name['civil_administrative.head']}（民事行政检察科）"
    )
    page.get_by_label("回避理由").fill("与犯罪嫌疑人系近亲属")
    page.get_by_role("button", name="登记回避").click()
    expect(page.get_by_test_id("roll")).to_contain_text("回避")
    spoken = speak_in_order("同意承办部门意见，建议依法提起公诉。")
    assert spoken == [
        name["prosecution.head"],
        name["anti_corruption.head"],
        name["research.head"],
        name["deputy1"],
        name["deputy2"],
        name["pg"],
    ]
    expect(page.get_by_test_id("quorum")).to_contain_text("全体9名组成人员中有6名参加")
    vote(
        {
            "prosecution.head": "agree",
            "anti_corruption.head": "agree",
            "research.head": "abstain",
            "deputy1": "agree",
            "deputy2": "agree",
            "pg": "agree",
        },
        "对犯罪嫌疑人陈某以故意杀人罪提起公诉。",
    )
    expect(page.get_by_test_id("resolution")).to_contain_text("结果：通过")
    expect(page.get_by_test_id("vote-counts")).to_contain_text("同意 5")

    # --- Topic 2: 7 take part; 4 agree — a majority of those present, not of all.
    page.goto(meeting_url)
    page.get_by_role("link", name=second.title).click()
    speak_in_order("发表意见。")
    vote(
        {
            "prosecution.head": "agree",
            "anti_corruption.head": "agree",
            "civil_administrative.head": "agree",
            "research.head": "agree",
            "deputy1": "disagree",
            "deputy2": "disagree",
            "pg": "disagree",
        },
        "未获全体委员过半数同意，不作不起诉处理。",
    )
    expect(page.get_by_test_id("resolution")).to_contain_text("结果：未通过")

    passed = Resolution.objects.get(item__topic=topic)
    failed = Resolution.objects.get(item__topic=second)
    assert passed.result == Resolution.Result.PASSED and passed.doc_seq == 1
    assert failed.result == Resolution.Result.FAILED and failed.doc_seq is None
    assert (failed.item.agree_count, failed.item.present_count) == (4, 7)

    # --- Decision document PDF, numbered.
    page.goto(passed.get_absolute_url())
    expect(page.get_by_test_id("document-number")).to_have_text(passed.document_number)
    response = page.request.get(
        page.get_by_test_id("decision-pdf").get_attribute("href")
    )
    assert response.headers["content-type"] == "application/pdf"
    assert passed.document_number in pdf_text(response.body())

    # --- Supervision assigned to the prosecution department.
    page.get_by_label("公诉科").check()
    deadline = timezone.localdate() + datetime.timedelta(days=15)
    page.get_by_label("办理期限").fill(deadline.isoformat())
    page.get_by_label("督办要求").fill("依法提起公诉，并将起诉书副本报检委办。")
    page.get_by_role("button", name="交办并督办").click()
    expect(page.get_by_test_id("supervision-state")).to_have_text("执行中")
    supervision_url = page.url

    # --- Minutes: closed, drafted, submitted, approved and locked.
    page.goto(meeting_url)
    page.get_by_role("button", name="宣布散会").click()
    page.get_by_label("纪要正文").fill("会议研究了两件案件，一件通过，一件未获通过。")
    page.get_by_role("button", name="保存会议纪要").click()
    page.get_by_role("button", name="报检察长审批").click()
    expect(page.get_by_test_id("minutes")).to_contain_text("待审批")
    sign_in("pg")
    page.goto(meeting_url)
    page.get_by_role("button", name="审批并锁定会议纪要").click()
    expect(page.get_by_test_id("meeting-state")).to_contain_text("已锁定")
    minutes = page.request.get(page.get_by_test_id("minutes-pdf").get_attribute("href"))
    text = pdf_text(minutes.body())
    assert topic.title in text and second.title in text
    assert "与犯罪嫌疑人系近亲属" in text

    # --- Execution reported by the department, confirmed by the committee office.
    sign_in("prosecution.head")
    page.goto(supervision_url)
    page.get_by_label("执行情况").fill("已于本周向市中级人民法院提起公诉。")
    page.get_by_label("已全部落实").check()
    page.get_by_role("button", name="提交反馈").click()
    expect(page.get_by_test_id("supervision-state")).to_contain_text("各部门已反馈")
    sign_in("committee_office.head")
    page.goto(supervision_url)
    page.get_by_role("button", name="确认已执行完毕").click()
    expect(page.get_by_test_id("supervision-state")).to_have_text("已办结")
    assert Supervision.objects.get(resolution=passed).state == "closed"
