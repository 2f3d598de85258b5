"""Pages and actions: who may open what, and refusals that keep what was typed."""

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from apps.publicity.models import Item
from tests.permissions import ANONYMOUS, assert_matrix

from . import factories as f

pytestmark = pytest.mark.django_db


def _png():
    import io

    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (4, 3), "red").save(buffer, format="PNG")
    return buffer.getvalue()


PNG = _png()


def users(people):
    return {**people, ANONYMOUS: None}


def test_queue_pages_by_role(client, people):
    pages = {
        reverse("publicity:index"): {
            ANONYMOUS: 302,
            "staff": 200,
            "pg": 200,
            "system_admin": 403,
            "audit_admin": 403,
        },
        reverse("publicity:item_create"): {"staff": 200, "security_admin": 403},
        reverse("publicity:department_queue"): {
            "head": 200,
            "officer": 200,
            "deputy": 200,
            "staff": 403,
            "clerk": 403,
            "office_reviewer": 403,
        },
        reverse("publicity:office_queue"): {
            "office_reviewer": 200,
            "office_head": 200,
            "head": 403,
            "staff": 403,
        },
        reverse("publicity:sign_off_queue"): {
            "pg": 200,
            "deputy": 200,
            "office_reviewer": 403,
            "staff": 403,
        },
    }
    assert_matrix(client, users(people), pages)


def test_item_page_by_role(client, people):
    draft = f.draft(people, title="草稿")
    submitted = f.submitted(people, title="已提交")
    assert_matrix(
        client,
        users(people),
        {
            draft.get_absolute_url(): {
                "staff": 200,
                "head": 403,
                "office_reviewer": 403,
                "outsider": 404,
                ANONYMOUS: 302,
            },
            submitted.get_absolute_url(): {
                "staff": 200,
                "head": 200,
                "officer": 200,
                "deputy": 200,
                "office_reviewer": 200,
                "pg": 200,
                "clerk": 403,
                "outsider": 404,
                "system_admin": 403,
            },
        },
    )


def test_approve_action_by_role(client, people):
    def fresh(role):
        return f.submitted(people, title=f"审批{role}")

    for role, expected in {
        "clerk": 403,
        "office_reviewer": 403,
        "outsider": 404,
        "head": 302,
    }.items():
        item = fresh(role)
        client.force_login(people[role])
        response = client.post(
            reverse("publicity:item_action", args=[item.pk, "approve"]),
            {"approve-comment": "同意"},
        )
        assert response.status_code == expected, role
        state = Item.objects.get(pk=item.pk).state
        assert (state == Item.State.DEPARTMENT_APPROVED) == (expected == 302)


def test_write_and_submit_through_the_form(client, people):
    client.force_login(people["staff"])
    response = client.post(
        reverse("publicity:item_create"),
        {
            "kind": "news",
            "category": "experience",
            "urgency": "important",
            "department": people["staff"].staff.department_id,
            "title": "我院开展检察开放日活动",
            "body": "<p>邀请人大代表走进检察院。</p><script>x</script>",
            "my_share": 70,
            "coauthors-TOTAL_FORMS": 3,
            "coauthors-INITIAL_FORMS": 0,
            "coauthors-0-user": people["clerk"].pk,
            "coauthors-0-share": 30,
            "then": "submit",
            "files": [SimpleUploadedFile("现场.png", PNG, content_type="image/png")],
        },
    )
    item = Item.objects.get(title="我院开展检察开放日活动")
    assert response.status_code == 302
    assert response["Location"] == item.get_absolute_url()
    assert item.state == Item.State.SUBMITTED
    assert item.body == "<p>邀请人大代表走进检察院。</p>"
    assert sorted(a.share for a in item.authorships.all()) == [30, 70]
    attachment = item.attachments.get()
    assert (attachment.kind, attachment.original_name) == ("photo", "现场.png")
    download = client.get(attachment.get_absolute_url())
    assert download.status_code == 200
    assert b"".join(download.streaming_content) == PNG


def test_bad_shares_keep_what_was_typed(client, people):
    client.force_login(people["staff"])
    response = client.post(
        reverse("publicity:item_create"),
        {
            "kind": "information",
            "category": "update",
            "urgency": "routine",
            "department": people["staff"].staff.department_id,
            "title": "份额不对的稿件",
            "body": "正文内容要保留",
            "my_share": 50,
            "coauthors-TOTAL_FORMS": 3,
            "coauthors-INITIAL_FORMS": 0,
            "coauthors-0-user": people["clerk"].pk,
            "coauthors-0-share": 20,
            "then": "save",
        },
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert "份额合计必须为100" in page
    assert "份额不对的稿件" in page
    assert "正文内容要保留" in page
    assert not Item.objects.filter(title="份额不对的稿件").exists()


def test_a_disguised_file_is_refused_with_a_message(client, people):
    client.force_login(people["staff"])
    response = client.post(
        reverse("publicity:item_create"),
        {
            "kind": "information",
            "category": "update",
            "urgency": "routine",
            "department": people["staff"].staff.department_id,
            "title": "带附件的稿件",
            "body": "正文",
            "my_share": 100,
            "coauthors-TOTAL_FORMS": 0,
            "coauthors-INITIAL_FORMS": 0,
            "then": "save",
            "files": [SimpleUploadedFile("照片.jpg", b"MZ\x90\x00 not a jpeg")],
        },
    )
    page = response.content.decode()
    assert "照片.jpg" in page and "未被接受" in page
    assert "带附件的稿件" in page
    assert not Item.objects.filter(title="带附件的稿件").exists()


def test_return_without_a_comment_is_refused_in_chinese(client, people):
    """The refusal redirects (a refresh sends nothing again) and says why."""
    item = f.submitted(people)
    client.force_login(people["head"])
    url = reverse("publicity:item_action", args=[item.pk, "return"])
    response = client.post(url, {"return-comment": ""})
    assert response.status_code == 302
    assert response["Location"] == item.get_absolute_url()
    page = client.get(response["Location"]).content.decode()
    assert "请说明退回理由" in page
    assert Item.objects.get(pk=item.pk).state == Item.State.SUBMITTED


def test_a_refused_form_comes_back_with_what_was_typed(client, people):
    """A service refusal redirects; the next page shows the form bound, with why."""
    item = f.dispatched(people)
    client.force_login(people["office_reviewer"])
    url = reverse("publicity:item_action", args=[item.pk, "adopt"])
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    response = client.post(
        url,
        {
            "adopt-outlet": f.outlet().pk,
            "adopt-adopted_on": tomorrow.isoformat(),
            "adopt-form": "full",
            "adopt-note": "第三版头条备注",
        },
    )
    assert response.status_code == 302
    page = client.get(response["Location"]).content.decode()
    assert "采用日期不能晚于今天" in page
    assert "第三版头条备注" in page
    assert not item.adoptions.exists()
    # What was typed is shown once, not on every later visit.
    assert "第三版头条备注" not in client.get(item.get_absolute_url()).content.decode()


def test_acting_on_a_step_someone_else_just_took_says_so(client, people):
    item = f.approved(people)
    client.force_login(people["officer"])
    response = client.post(
        reverse("publicity:item_action", args=[item.pk, "approve"]), follow=True
    )
    assert "此步骤现在不能办理" in response.content.decode()


def test_dispatch_form_keeps_nothing_back_before_sign_off(client, people):
    item = f.reviewed(people)
    client.force_login(people["office_reviewer"])
    response = client.post(
        reverse("publicity:item_action", args=[item.pk, "dispatch"]),
        {"dispatch-outlets": [f.outlet().pk]},
        follow=True,
    )
    assert "此步骤现在不能办理" in response.content.decode()
    assert not item.dispatches.exists()


def test_statistics_pages_by_role(client, people):
    everyone = {
        ANONYMOUS: 302,
        "staff": 200,
        "head": 200,
        "pg": 200,
        "office_reviewer": 200,
        "system_admin": 403,
        "audit_admin": 403,
    }
    assert_matrix(
        client,
        users(people),
        {
            reverse("publicity:statistics"): everyone,
            reverse("publicity:statistics") + "?year=2025&month=3": {"staff": 200},
            reverse("publicity:ranking"): everyone,
            reverse("publicity:quotas"): everyone,
            reverse("publicity:adoptions"): everyone,
        },
    )


def test_only_the_office_sets_quotas(client, people, prosecution):
    url = reverse("publicity:quotas")
    data = {"form": "departments", f"target-{prosecution.pk}": "6"}
    assert_matrix(
        client,
        users(people),
        {url: {"head": 403, "staff": 403, "office_reviewer": 302}},
        method="post",
        data=data,
    )
    client.force_login(people["staff"])
    page = client.get(url).content.decode()
    assert "公诉科" in page and ">6<" in page


def test_a_bad_quota_is_refused_and_what_was_typed_stays(client, people, prosecution):
    client.force_login(people["office_reviewer"])
    response = client.post(
        reverse("publicity:quotas"),
        {"form": "single", "level": "provincial", "target": "-3"},
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert "-3" in page
    assert "请选择部门或个人之一" in page or "大于或等于" in page
    response = client.post(
        reverse("publicity:quotas"),
        {
            "form": "single",
            "department": prosecution.pk,
            "user": people["staff"].pk,
            "level": "provincial",
            "target": "3",
        },
    )
    assert "请选择部门或个人之一" in response.content.decode()


def test_reward_and_ledger_pages_by_role(client, people):
    from django.utils import timezone

    year = timezone.localdate().year
    pages = {
        reverse("publicity:reward_scheme_current"): {
            "office_reviewer": 200,
            "pg": 200,
            "deputy": 200,
            "staff": 403,
            "head": 403,
            "system_admin": 403,
            ANONYMOUS: 302,
        },
        reverse("publicity:ledger_detail", args=[year]): {
            "office_reviewer": 200,
            "pg": 200,
            "staff": 403,
        },
    }
    assert_matrix(client, users(people), pages)
    assert_matrix(
        client,
        users(people),
        {
            reverse("publicity:ledger_compute", args=[year]): {
                "staff": 403,
                "pg": 403,
                "office_reviewer": 302,
            },
            reverse("publicity:ledger_approve", args=[year]): {
                "office_reviewer": 403,
                "staff": 403,
            },
        },
        method="post",
    )


def test_scheme_form_saves_levels_and_medium_rules(client, people):
    client.force_login(people["office_reviewer"])
    url = reverse("publicity:reward_scheme", args=[2026])
    data = {
        "base_amount": "80",
        "base_points": "1",
        "fine_bonus": "40",
        "penalty_per_missing": "10",
        "multiplier_national": "5",
        "multiplier_provincial": "3",
        "multiplier_prefectural": "2",
        "multiplier_county": "",
        "rules-TOTAL_FORMS": "3",
        "rules-INITIAL_FORMS": "0",
        "rules-0-level": "provincial",
        "rules-0-medium": "internal",
        "rules-0-multiplier": "4",
    }
    response = client.post(url, data)
    assert response.status_code == 302
    from apps.publicity.models import RewardScheme

    saved = RewardScheme.objects.get(year=2026)
    assert saved.base_amount == 80
    assert sorted(
        (r.level, r.medium, int(r.multiplier)) for r in saved.rules.all()
    ) == [
        ("national", "", 5),
        ("prefectural", "", 2),
        ("provincial", "", 3),
        ("provincial", "internal", 4),
    ]
    data["rules-1-level"] = "provincial"
    data["rules-1-medium"] = "internal"
    data["rules-1-multiplier"] = "6"
    data["base_amount"] = "99"
    response = client.post(url, data)
    page = response.content.decode()
    assert response.status_code == 200
    assert "同一级别和媒介" in page
    assert 'value="99"' in page


def test_compute_and_approve_through_the_pages(client, people):
    from django.utils import timezone

    from apps.publicity.models import PayoutLedger
    from apps.publicity.services import payout_compute

    from .test_rewards import scheme

    year = timezone.localdate().year
    client.force_login(people["office_reviewer"])
    response = client.post(
        reverse("publicity:ledger_compute", args=[year]), follow=True
    )
    assert "请先制定本年度的奖惩办法" in response.content.decode()
    scheme(people, year)
    f.adopted(people)
    client.post(reverse("publicity:ledger_compute", args=[year]))
    ledger = PayoutLedger.objects.get(year=year)
    page = client.get(reverse("publicity:ledger_detail", args=[year])).content.decode()
    assert "正在计算" in page
    status = client.get(reverse("publicity:ledger_status", args=[year]))
    assert "HX-Refresh" not in status
    payout_compute(ledger_id=ledger.pk)
    status = client.get(reverse("publicity:ledger_status", args=[year]))
    assert status["HX-Refresh"] == "true"
    client.force_login(people["pg"])
    page = client.get(reverse("publicity:ledger_detail", args=[year])).content.decode()
    assert "500.00" in page and "审批兑现" in page
    client.post(reverse("publicity:ledger_approve", args=[year]))
    ledger.refresh_from_db()
    assert ledger.state == PayoutLedger.State.APPROVED


def test_leadership_board_shows_this_month_in_fixed_queries(client, people):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.force_login(people["pg"])
    f.adopted(people, title="本月采用一")
    f.reviewed(people, title="待签发一")
    with CaptureQueriesContext(connection) as small:
        page = client.get(reverse("dashboard:home")).content.decode()
    assert 'data-testid="publicity-board"' in page
    assert "公诉科（1）" in page
    for n in range(3):
        f.adopted(people, title=f"本月采用{n + 2}")
        f.reviewed(people, title=f"待签发{n + 2}")
    with CaptureQueriesContext(connection) as large:
        page = client.get(reverse("dashboard:home")).content.decode()
    assert "公诉科（4）" in page
    assert len(small.captured_queries) == len(large.captured_queries)


def test_history_shows_revisions_with_readable_changes(client, people):
    from apps.publicity import services

    item = f.approved(people)
    services.item_office_edit(
        actor=people["office_reviewer"],
        item=item,
        title="改后的标题",
        body="<p>改后的正文</p>",
        urgency="important",
        note="改为重要信息",
    )
    client.force_login(people["staff"])
    page = client.get(item.get_absolute_url()).content.decode()
    assert "第2版" in page and "改为重要信息" in page
    assert "紧急程度：一般 → 重要" in page
    assert "提交时的原文" in page


def test_the_outlet_catalogue_is_kept_by_the_system_administrator(client, people):
    url = reverse("admin:publicity_outlet_changelist")
    client.force_login(people["system_admin"])
    page = client.get(url).content.decode()
    assert "检察日报" in page and "广西壮族自治区人民检察院" in page
    client.force_login(people["office_reviewer"])
    assert client.get(url).status_code in (302, 403)
    client.force_login(people["audit_admin"])
    assert client.get(url).status_code == 403


def test_an_overdue_step_is_flagged_in_the_queue(client, people):
    import datetime

    from django.utils import timezone

    item = f.submitted(people, title="超期未审批的稿件")
    Item.objects.filter(pk=item.pk).update(
        step_due_at=timezone.now() - datetime.timedelta(hours=2)
    )
    client.force_login(people["head"])
    page = client.get(reverse("publicity:department_queue")).content.decode()
    row = page[page.index("超期未审批的稿件") :]
    assert "已超期" in row[: row.index("</tr>")]
