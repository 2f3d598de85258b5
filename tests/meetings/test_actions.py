"""The action layer on the meeting pages: every POST redirects (also when
refused), a refused form comes back with what was typed, a page offers only
what the user may do now, and topic materials are checked and served safely."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone, translation

from apps.meetings import services
from apps.meetings.models import BodyKind, Topic

from .factories import (
    HOSTILE_FILES,
    approved_topic,
    attend,
    committee_of_nine,
    meeting_with,
    pdf_file,
)

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def chinese():
    """Pages are read in Chinese, as users read them."""
    with translation.override("zh-hans"):
        yield


@pytest.fixture
def topic(people):
    return services.topic_file(
        actor=people["head"],
        body=BodyKind.COMMITTEE,
        title="关于李某抢劫案是否提起公诉的议题",
        scope_category="cm_major_case",
        summary="承办人意见：起诉；部门意见分歧。",
        department=people["head"].staff.department,
    )


def act(topic, action):
    return reverse("meetings:topic_action", args=[topic.pk, action])


def test_a_step_taken_twice_is_refused_with_a_redirect_and_a_message(
    client, people, topic
):
    """The second click of a stale page goes back to the page and says why."""
    client.force_login(people["committee_office"])
    first = client.post(act(topic, "review"), {"review-note": ""})
    assert first.status_code == 302 and first.url == topic.get_absolute_url()
    second = client.post(act(topic, "review"), {"review-note": ""})
    assert second.status_code == 302 and second.url == topic.get_absolute_url()
    page = client.get(second.url).content.decode()
    assert "此步骤现在不能办理" in page
    topic.refresh_from_db()
    assert topic.state == Topic.State.AWAITING_APPROVAL
    assert topic.logs.count() == 2  # filed, reviewed: once


def test_a_refusal_by_the_service_redirects_and_shows_its_reason(
    client, people, procuratorate
):
    body, _members = committee_of_nine(procuratorate, people)
    meeting = services.meeting_create(
        actor=people["committee_office"],
        body=body,
        title="空议程的会议",
        scheduled_at=timezone.now(),
    )
    client.force_login(people["committee_office"])
    response = client.post(
        reverse("meetings:meeting_action", args=[meeting.pk, "open"])
    )
    assert response.status_code == 302 and response.url == meeting.get_absolute_url()
    assert "会议议程为空。" in client.get(response.url).content.decode()
    meeting.refresh_from_db()
    assert meeting.state == "planned"


def test_an_invalid_form_comes_back_bound_after_the_redirect(client, people, topic):
    topic = services.topic_review_pass(actor=people["committee_office"], topic=topic)
    topic = services.topic_return(actor=people["pg"], topic=topic, reason="补充材料")
    client.force_login(people["head"])
    response = client.post(
        act(topic, "resubmit"),
        {
            "resubmit-scope_category": "cm_major_case",
            "resubmit-title": "修改后的标题保留",
            "resubmit-summary": "",
        },
    )
    assert response.status_code == 302 and response.url == topic.get_absolute_url()
    page = client.get(response.url).content.decode()
    assert "修改后的标题保留" in page
    assert "这个字段是必填项。" in page
    topic.refresh_from_db()
    assert topic.state == Topic.State.RETURNED
    # Shown once: the next visit starts from the record again.
    assert "修改后的标题保留" not in client.get(response.url).content.decode()


def test_a_blank_reason_comes_back_as_an_error_on_the_return_form(
    client, people, topic
):
    client.force_login(people["committee_office"])
    response = client.post(act(topic, "return"), {"return-reason": "   "})
    assert response.status_code == 302 and response.url == topic.get_absolute_url()
    page = client.get(response.url).content.decode()
    form = page[page.index('data-testid="action-return"') :]
    assert "这个字段是必填项。" in form[: form.index("</form>")]
    assert Topic.objects.get(pk=topic.pk).state == Topic.State.SUBMITTED


@pytest.mark.parametrize(
    ("who", "offered", "not_offered"),
    [
        ("committee_office", {"review", "return", "material"}, {"approve"}),
        ("head", {"withdraw", "material"}, {"review", "approve", "return"}),
        ("pg", set(), {"review", "approve", "return", "withdraw", "material"}),
        ("deputy", set(), {"review", "approve", "return", "withdraw", "material"}),
    ],
)
def test_the_topic_page_offers_only_what_the_user_may_do_now(
    client, people, topic, who, offered, not_offered
):
    client.force_login(people[who])
    page = client.get(topic.get_absolute_url()).content.decode()
    for name in offered:
        assert f'data-testid="action-{name}"' in page, name
    for name in not_offered:
        assert f'data-testid="action-{name}"' not in page, name


def test_the_approval_is_offered_to_the_pg_once_the_scope_review_passed(
    client, people, topic
):
    services.topic_review_pass(actor=people["committee_office"], topic=topic)
    client.force_login(people["pg"])
    page = client.get(topic.get_absolute_url()).content.decode()
    assert 'data-testid="action-approve"' in page
    assert 'data-testid="action-return"' in page
    client.force_login(people["committee_office"])
    page = client.get(topic.get_absolute_url()).content.decode()
    assert 'data-testid="action-review"' not in page
    assert 'data-testid="action-approve"' not in page


def test_a_user_who_may_not_act_is_refused_a_forged_post(client, people, topic):
    client.force_login(people["staff"])
    response = client.post(act(topic, "review"), {"review-note": ""})
    assert response.status_code == 403
    assert Topic.objects.get(pk=topic.pk).state == Topic.State.SUBMITTED


def test_the_meeting_page_offers_its_buttons_to_the_secretary_only(
    client, people, procuratorate
):
    body, _members = committee_of_nine(procuratorate, people)
    meeting, _items = meeting_with(people, body, [approved_topic(people, body)])
    client.force_login(people["committee_office"])
    page = client.get(meeting.get_absolute_url()).content.decode()
    assert 'data-testid="action-open"' in page
    assert 'data-testid="action-close"' not in page
    assert 'data-testid="action-attendance"' in page
    client.force_login(people["deputy"])
    page = client.get(meeting.get_absolute_url()).content.decode()
    for name in ("open", "close", "attendance", "agenda_add"):
        assert f'data-testid="action-{name}"' not in page


@pytest.mark.parametrize("name", sorted(HOSTILE_FILES))
def test_the_material_upload_refuses_html_script_and_svg(client, people, topic, name):
    client.force_login(people["head"])
    response = client.post(
        act(topic, "material"),
        {
            "material-title": "恶意文件",
            "material-file": SimpleUploadedFile(name, HOSTILE_FILES[name]),
        },
    )
    assert response.status_code == 302
    page = client.get(response.url).content.decode()
    assert "请重新选择文件" in page
    assert not topic.materials.exists()


@pytest.mark.parametrize("name", ["page.html", "image.svg"])
def test_filing_a_topic_refuses_a_hostile_material(client, people, procuratorate, name):
    bodies = services.bodies_ensure(procuratorate=procuratorate)
    client.force_login(people["head"])
    response = client.post(
        reverse("meetings:topic_create"),
        {
            "body": bodies[BodyKind.COMMITTEE].pk,
            "scope_category": "cm_major_case",
            "title": "带恶意附件的议题",
            "summary": "…",
            "department": people["head"].staff.department_id,
            "material_file": SimpleUploadedFile(name, HOSTILE_FILES[name]),
        },
    )
    assert response.status_code == 200
    assert "不接受此类文件" in response.content.decode()
    assert not Topic.objects.filter(title="带恶意附件的议题").exists()


def test_a_material_is_downloaded_as_a_confidential_attachment(client, people, topic):
    material = services.topic_material_add(
        actor=people["head"], topic=topic, title="起诉意见书", file=pdf_file()
    )
    client.force_login(people["committee_office"])
    page = client.get(topic.get_absolute_url()).content.decode()
    url = reverse("meetings:material_download", args=[material.pk])
    assert url in page and "/media/" not in page
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment")
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Security-Policy"] == "sandbox"
    assert response["Cache-Control"] == "private, no-store"
    assert response["Content-Type"] == "application/pdf"
    assert b"".join(response.streaming_content).startswith(b"%PDF")


def test_a_material_is_not_served_to_who_may_not_see_the_topic(client, people, topic):
    material = services.topic_material_add(
        actor=people["head"], topic=topic, title="起诉意见书", file=pdf_file()
    )
    url = reverse("meetings:material_download", args=[material.pk])
    client.force_login(people["office_reviewer"])
    assert client.get(url).status_code == 403
    client.force_login(people["outsider"])
    assert client.get(url).status_code == 404


def test_the_item_page_offers_the_steps_of_the_moment(client, people, procuratorate):
    body, members = committee_of_nine(procuratorate, people)
    meeting, [item] = meeting_with(people, body, [approved_topic(people, body)])
    attend(people, meeting, members, members)
    services.meeting_open(actor=people["committee_office"], meeting=meeting)
    client.force_login(people["committee_office"])
    page = client.get(item.get_absolute_url()).content.decode()
    for name in ("opinion", "voting_open", "recusal", "carry"):
        assert f'data-testid="action-{name}"' in page, name
    for name in ("votes", "count", "close", "pg_decide", "sit_in"):
        assert f'data-testid="action-{name}"' not in page, name
    client.force_login(people["pg"])
    assert (
        'data-testid="action-sit_in"'
        in client.get(item.get_absolute_url()).content.decode()
    )
    client.force_login(people["deputy"])
    page = client.get(item.get_absolute_url()).content.decode()
    assert 'data-testid="action-' not in page
    response = client.post(
        reverse("meetings:item_action", args=[item.pk, "carry"]),
        {"carry-reason": "时间不够"},
    )
    assert response.status_code == 403
    item.refresh_from_db()
    assert item.status == "pending"
