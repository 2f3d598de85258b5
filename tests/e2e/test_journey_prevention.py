"""Journey: a prevention project from case selection to the archived case file.

The handler, the department head, the procurator-general and the clerk each
sign in and do their step in the browser; a real Celery worker binds the
case-file PDF, which the handler downloads and we look at.
"""

import io
import re

import pytest
from celery.contrib.testing.worker import start_worker
from django.utils import timezone
from PIL import Image
from playwright.sync_api import expect

from apps.audit.models import AuditEvent
from apps.prevention.models import PreventionProject, State
from procuratorate.celery import app
from tests.prevention.builders import open_project
from tests.waiting import wait_until

pytestmark = pytest.mark.django_db(transaction=True)


def _scan(tmp_path, name):
    path = tmp_path / name
    Image.new("RGB", (400, 300), (230, 230, 210)).save(path)
    return str(path)


def _logout(page):
    page.get_by_role("button", name="退出").click()
    expect(page).to_have_url(re.compile(r"/accounts/login/"))


def _save_and_finish(page, step, button):
    page.get_by_test_id(f"step-{step}").get_by_role("button", name=button).click()
    page.wait_for_load_state("networkidle")


def test_prevention_project_from_selection_to_case_file(
    page, login, people, live_server, tmp_path
):
    today = timezone.localdate().isoformat()
    page.on("dialog", lambda dialog: dialog.accept())

    # The handler opens the project and selects the case (step 1).
    login("t.staff")
    page.goto("/prevention/")
    page.get_by_role("link", name="新建个案预防项目").click()
    page.get_by_label("标题").fill("李某受贿案个案预防")
    page.locator("#id_affected_unit").fill("某镇国土所")
    page.get_by_label("发案单位主管部门").fill("区自然资源局")
    page.get_by_role("button", name="立项").click()
    expect(page.get_by_test_id("project-state")).to_have_text("选择个案")
    step1 = page.get_by_test_id("step-1")
    step1.get_by_label("案号").fill("测检反贪刑诉〔2026〕12号")
    step1.get_by_label("案件名称").fill("李某受贿案")
    step1.get_by_label("犯罪嫌疑人及职务").fill("李某，国土所所长")
    step1.get_by_label("罪名").fill("受贿罪")
    step1.get_by_label("基本案情").fill("李某利用审批宅基地之便收受财物18万元。")
    page.locator("#id_selection-criterion_loopholes").check()
    # One criterion is not enough: the page says why and keeps the text.
    step1.get_by_label("选择理由").fill("审批环节缺乏监督。")
    _save_and_finish(page, 1, "完成第一步")
    expect(page).to_have_url(re.compile(r"/prevention/\d+/$"))
    expect(page.get_by_test_id("step-1")).to_contain_text("至少符合四项选择因素中的2项")
    expect(page.get_by_test_id("step-1").get_by_label("案件名称")).to_have_value(
        "李某受贿案"
    )
    page.locator("#id_selection-criterion_widespread").check()
    page.locator("#id_selection-criterion_unit_willing").check()
    _save_and_finish(page, 1, "完成第一步")
    expect(page.get_by_test_id("project-state")).to_have_text("制作立项审批表")
    expect(page.get_by_test_id("criteria")).to_contain_text("发案单位有开展职务犯罪")

    # Step 2: the approval form goes to the head, then the procurator-general.
    step2 = page.get_by_test_id("step-2")
    step2.get_by_label("案件基本情况").fill("2026年3月李某因涉嫌受贿被立案侦查。")
    step2.get_by_label("立项理由").fill("暴露审批制度漏洞，警示性强。")
    step2.get_by_label("工作计划").fill("一个月内完成分析报告并召开座谈会。")
    _save_and_finish(page, 2, "报部门负责人、检察长审批")
    expect(page.get_by_test_id("project-state")).to_have_text("待部门负责人审批")
    project = PreventionProject.objects.get()
    detail = f"/prevention/{project.pk}/"
    _logout(page)

    for username in ("t.head", "t.pg"):
        login(username)
        page.goto("/todos/")
        page.get_by_test_id("todo-list").get_by_text("李某受贿案个案预防").click()
        expect(page).to_have_url(re.compile(detail + "$"))
        page.get_by_test_id("decision-form").get_by_label("意见").fill("同意立项")
        page.get_by_test_id("decision-form").locator("button[value=approve]").click()
        expect(page.locator(".alert-success")).to_contain_text("已批准")
        _logout(page)

    # Steps 3 to 8 by the handler, with the letter approved by the PG between.
    login("t.staff")
    page.goto(detail)
    expect(page.get_by_test_id("project-state")).to_have_text("撰写个案分析报告")
    step3 = page.get_by_test_id("step-3")
    step3.locator("summary").click()
    step3.get_by_label("类别").select_option(label="侦查终结报告")
    step3.get_by_label("标题").fill("侦查终结报告")
    step3.locator("input[type=file]").set_input_files(_scan(tmp_path, "report.png"))
    step3.get_by_role("button", name="上传").click()
    expect(page.locator(".alert-success")).to_contain_text("材料已上传")
    step3 = page.get_by_test_id("step-3")
    step3.get_by_label("职务犯罪基本事实").fill("李某收受财物18万元。")
    step3.get_by_label("犯罪心理和动机分析").fill("心存侥幸。")
    step3.get_by_label("作案手法分析").fill("以加快审批为名索取财物。")
    step3.get_by_label("单位制度、机制及内部监督方面存在的缺陷").fill("审批权集中。")
    _save_and_finish(page, 3, "完成第三步")

    step4 = page.get_by_test_id("step-4")
    step4.get_by_label("日期").fill(today)
    step4.get_by_label("地点").fill("国土所会议室")
    step4.get_by_label("参会人员").fill("预防科两人，国土所全体干部")
    step4.get_by_label("会议记录").fill("通报案情，分析原因。")
    step4.get_by_label("达成的共识").fill("成立预防工作领导小组。")
    _save_and_finish(page, 4, "完成第四步")

    step5 = page.get_by_test_id("step-5")
    step5.get_by_label("发现的问题").fill("宅基地审批权过于集中，缺少复核。")
    step5.get_by_label("建议事项").fill("建立审批复核制度\n推行审批结果公示")
    _save_and_finish(page, 5, "报检察长审批")
    expect(page.get_by_test_id("project-state")).to_have_text("检察建议书待检察长审批")
    _logout(page)

    login("t.pg")
    page.goto(detail)
    page.get_by_test_id("decision-form").locator("button[value=approve]").click()
    expect(page.get_by_test_id("letter-number")).to_contain_text("预建〔")
    _logout(page)

    login("t.staff")
    page.goto(detail)
    step5 = page.get_by_test_id("step-5")
    step5.get_by_label("签收人（姓名及职务）").fill("张某，国土所所长")
    step5.locator("#id_delivery-receipt").set_input_files(
        _scan(tmp_path, "receipt.png")
    )
    step5.get_by_role("button", name="登记送达").click()
    expect(page.get_by_test_id("project-state")).to_have_text("开展预防活动")

    step6 = page.get_by_test_id("step-6")
    step6.locator("#id_activity-kind").select_option(label="预防职务犯罪知识讲座")
    step6.get_by_label("日期").fill(today)
    step6.locator("#id_activity-title").fill("预防职务犯罪专题讲座")
    step6.get_by_label("活动内容").fill("为国土所干部讲授预防知识。")
    step6.get_by_label("参加人数").fill("32")
    step6.get_by_role("button", name="登记活动").click()
    expect(page.get_by_test_id("activities")).to_contain_text("预防职务犯罪专题讲座")
    page.get_by_test_id("step-6").get_by_role("button", name="完成第六步").click()

    step7 = page.get_by_test_id("step-7")
    step7.get_by_label("回访日期").fill(today)
    step7.get_by_label("回访方式").select_option(label="实地调研")
    step7.get_by_label("整改落实情况").fill("复核制度已建立。")
    step7.get_by_label("现阶段职务犯罪风险评估").fill("风险降低。")
    selects = step7.locator("select[name*=adoption_]")
    selects.nth(0).select_option("adopted")
    selects.nth(1).select_option("partly")
    _save_and_finish(page, 7, "完成第七步")
    expect(page.get_by_test_id("feedback")).to_contain_text("部分采纳")

    step8 = page.get_by_test_id("step-8")
    step8.get_by_label("个案预防总体情况").fill("历时四个月，完成八个步骤。")
    step8.get_by_label("预防工作成效").fill("发案单位修订制度三项。")
    _save_and_finish(page, 8, "交内勤归档")
    expect(page.get_by_test_id("project-state")).to_have_text("待内勤归档")
    _logout(page)

    # The clerk archives; a real worker binds the case file.
    with start_worker(app, perform_ping_check=False, shutdown_timeout=30):
        login("t.clerk")
        page.goto(detail)
        page.get_by_role("button", name="归档并装订案卷").click()
        expect(page.get_by_test_id("project-state")).to_have_text("已归档")
        wait_until(
            lambda: PreventionProject.objects.exclude(case_file="").exists(),
            timeout=90,
            what="the worker binding the case file",
        )
    expect(page.get_by_test_id("archived")).to_contain_text("项目已锁定")
    expect(page.get_by_test_id("step-1").locator("form")).to_have_count(0)
    _logout(page)

    login("t.staff")
    page.goto(detail)
    href = page.get_by_test_id("case-file-link").get_attribute("href")
    response = page.request.get(href)
    assert response.headers["content-type"] == "application/pdf"
    pdf = response.body()
    _check_case_file(pdf)


def _check_case_file(pdf):
    import pypdfium2
    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(pdf))
    # The cover title is letter-spaced: compare without spaces.
    text = "".join(page.extract_text() for page in reader.pages).replace(" ", "")
    for title in ("个案预防案卷", "目录", "个案预防立项审批表", "检察建议书", "附件"):
        assert title in text
    # The contents page carries page numbers of every document.
    contents = reader.pages[1].extract_text()
    assert re.search(r"个案分析报告[\s.]*\d+", contents)
    # Look at the drawn cover too: Chinese drawn from the bundled font, not boxes.
    document = pypdfium2.PdfDocument(pdf)
    image = document[0].render(scale=1).to_pil().convert("L")
    dark = sum(1 for value in image.get_flattened_data() if value < 128)
    assert dark > 2000
    # Cover, contents, step record, eight documents, two scanned attachments.
    assert len(document) == 13
    document.close()


def test_reloading_after_a_post_sends_nothing_again(page, login, people, live_server):
    """After a refused or an accepted action the browser is on the project
    page, not on the POST URL: reloading it submits nothing a second time."""
    project = open_project(people["staff"])
    detail = f"/prevention/{project.pk}/"
    saves = AuditEvent.objects.filter(action="prevention.selection.save")
    login("t.staff")
    page.goto(detail)
    step1 = page.get_by_test_id("step-1")
    step1.get_by_label("案号").fill("测检反贪刑诉〔2026〕12号")
    step1.get_by_label("案件名称").fill("李某受贿案")
    step1.get_by_label("犯罪嫌疑人及职务").fill("李某，国土所所长")
    step1.get_by_label("罪名").fill("受贿罪")
    step1.get_by_label("基本案情").fill("李某收受财物18万元。")
    step1.get_by_label("选择理由").fill("审批环节缺乏监督。")

    # Refused: one criterion is not enough to finish the step.
    page.locator("#id_selection-criterion_loopholes").check()
    _save_and_finish(page, 1, "完成第一步")
    expect(page.locator(".alert-danger").first).to_be_visible()
    expect(page.get_by_test_id("step-1")).to_contain_text("至少符合四项选择因素中的2项")
    assert page.url.endswith(detail)
    page.reload()
    page.wait_for_load_state("networkidle")
    assert page.url.endswith(detail)
    # The refusal's message and the typed form were shown once, not sent again.
    expect(page.get_by_test_id("step-1")).not_to_contain_text("至少符合四项选择因素")
    assert saves.count() == 0
    project.refresh_from_db()
    assert project.state == State.SELECTION

    # Accepted: saved once, and a reload does not save it a second time.
    step1 = page.get_by_test_id("step-1")
    step1.get_by_label("案号").fill("测检反贪刑诉〔2026〕12号")
    step1.get_by_label("案件名称").fill("李某受贿案")
    step1.get_by_label("犯罪嫌疑人及职务").fill("李某，国土所所长")
    step1.get_by_label("罪名").fill("受贿罪")
    step1.get_by_label("基本案情").fill("李某收受财物18万元。")
    step1.get_by_label("选择理由").fill("审批环节缺乏监督。")
    _save_and_finish(page, 1, "保存")
    expect(page.locator(".alert-success")).to_contain_text("已保存")
    assert page.url.endswith(detail)
    assert saves.count() == 1
    page.reload()
    page.wait_for_load_state("networkidle")
    expect(page.get_by_test_id("step-1").get_by_label("案件名称")).to_have_value(
        "李某受贿案"
    )
    assert saves.count() == 1
