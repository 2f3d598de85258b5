"""Pages and actions: the confidentiality matrix, forms, audit of openings, queries."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from apps.audit.models import AuditEvent
from apps.supervision import services
from apps.supervision.models import Outcome, Petition
from tests.permissions import ANONYMOUS, assert_matrix

from .factories import PDF_BYTES, issued, receive, registered

pytestmark = pytest.mark.django_db

# Who sees a case of the civil-administrative department, and who is told that
# it does not exist (404). Administrators keep out of business pages (403).
SEES = ("head", "handler", "handler2", "clerk", "deputy", "pg")
DOES_NOT_SEE = (
    "other_staff",
    "other_head",
    "other_deputy",
    "committee_office",
    "outsider",
    "outsider_head",
)
ADMINS = ("system_admin", "security_admin", "audit_admin")


def act(pk, action, kind="petition"):
    """The URL of one step of a case (or of its outcome, extension, grant)."""
    return reverse(f"supervision:{kind}_action", args=[pk, action])


def assert_served_safely(response, content_type):
    """Every file of a case: downloaded, never sniffed or run, never cached."""
    assert response.status_code == 200
    assert response["Content-Type"] == content_type
    assert response["Content-Disposition"].startswith("attachment;")
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Security-Policy"] == "sandbox"
    assert response["Cache-Control"] == "private, no-store"


def downloaded(response):
    return b"".join(response.streaming_content)


def case_matrix(ok=200):
    return {
        ANONYMOUS: 302,
        **dict.fromkeys(SEES, ok),
        **dict.fromkeys(DOES_NOT_SEE, 404),
        **dict.fromkeys(ADMINS, 403),
    }


@pytest.fixture
def case(sv):
    """A case with an issued retrial suggestion and an acceptance letter."""
    return issued(sv, Outcome.Kind.RETRIAL_SUGGESTION).petition


def test_case_pages_permission_matrix(client, sv, case):
    attachment = case.attachments.get()
    assert_matrix(
        client,
        sv,
        {
            reverse("supervision:petition_detail", args=[case.pk]): case_matrix(),
            reverse("supervision:attachment_download", args=[attachment.pk]): (
                case_matrix()
            ),
        },
    )


def test_pdf_permission_matrix(client, sv, case):
    assert_matrix(
        client,
        sv,
        {
            reverse("supervision:petition_letter_pdf", args=[case.pk]): case_matrix(),
            reverse("supervision:outcome_pdf", args=[case.pk]): case_matrix(),
        },
    )


def test_guessed_ids_and_other_procuratorates_are_not_found(client, sv, case):
    client.force_login(sv["head"])
    assert (
        client.get(reverse("supervision:petition_detail", args=[99999])).status_code
        == 404
    )
    # Our head does not find the other procuratorate's case, nor they ours.
    theirs = receive(sv["outsider_head"])
    url = reverse("supervision:petition_detail", args=[theirs.pk])
    assert client.get(url).status_code == 404
    client.force_login(sv["outsider_head"])
    assert client.get(url).status_code == 200
    assert (
        client.get(reverse("supervision:petition_detail", args=[case.pk])).status_code
        == 404
    )


def test_list_pages_matrix(client, sv, case):
    # The other procuratorate's civil-administrative head uses the app for
    # their own procuratorate (and sees none of ours: see the tests above).
    business = {k: 200 for k in sv if k not in ADMINS}
    line = {
        **dict.fromkeys(sv, 403),
        **dict.fromkeys((*SEES, "outsider_head"), 200),
        ANONYMOUS: 302,
    }
    members = {
        **dict.fromkeys(sv, 403),
        **dict.fromkeys(("head", "handler", "handler2", "clerk", "outsider_head"), 200),
        ANONYMOUS: 302,
    }
    assert_matrix(
        client,
        sv,
        {
            reverse("supervision:index"): {
                ANONYMOUS: 302,
                **business,
                **dict.fromkeys(ADMINS, 403),
            },
            reverse("supervision:petition_create"): members,
            reverse("supervision:statistics"): line,
            reverse("supervision:clue_list"): line,
            reverse("supervision:clue_create"): members,
        },
    )


def test_list_shows_only_visible_cases(client, sv, case):
    for key in SEES:
        client.force_login(sv[key])
        listed = list(client.get(reverse("supervision:index")).context["petitions"])
        assert case in listed, key
    for key in ("other_staff", "other_head", "other_deputy", "outsider_head"):
        client.force_login(sv[key])
        response = client.get(reverse("supervision:index"))
        assert response.status_code == 200
        assert list(response.context["petitions"]) == [], key
        assert case.case_number not in response.content.decode()


def test_grantee_sees_only_the_granted_case_and_cannot_act(client, sv, case):
    other = registered(sv)
    services.access_grant(
        actor=sv["head"], petition=case, grantee=sv["other_staff"], reason="查阅"
    )
    client.force_login(sv["other_staff"])
    listed = list(client.get(reverse("supervision:index")).context["petitions"])
    assert listed == [case]
    assert client.get(case.get_absolute_url()).status_code == 200
    assert client.get(other.get_absolute_url()).status_code == 404
    # The grantee only reads: a step that is open now is refused outright.
    response = client.post(
        act(case.pk, "attachment"),
        {"attachment-kind": "evidence", "attachment-file": pdf_file()},
    )
    assert response.status_code == 403
    assert case.attachments.count() == 1


def test_every_opening_is_audited(client, sv, case):
    before = AuditEvent.objects.filter(action__startswith="supervision.petition.view")
    assert before.count() == 0
    client.force_login(sv["deputy"])
    client.get(case.get_absolute_url())
    client.get(case.get_absolute_url())
    client.get(reverse("supervision:outcome_pdf", args=[case.pk]))
    client.get(
        reverse("supervision:attachment_download", args=[case.attachments.get().pk])
    )
    actions = list(
        AuditEvent.objects.filter(
            action__startswith="supervision.petition.view", actor=sv["deputy"]
        ).values_list("action", flat=True)
    )
    assert sorted(actions) == [
        "supervision.petition.view_attachment",
        "supervision.petition.view_detail",
        "supervision.petition.view_detail",
        "supervision.petition.view_pdf",
    ]
    # A refused opening writes nothing.
    client.force_login(sv["other_staff"])
    client.get(case.get_absolute_url())
    assert not AuditEvent.objects.filter(actor=sv["other_staff"]).exists()


def test_attachment_download_returns_the_file(client, sv, case):
    client.force_login(sv["handler"])
    attachment = case.attachments.get()
    response = client.get(attachment.get_absolute_url())
    assert_served_safely(response, "application/pdf")
    assert b"".join(response.streaming_content) == PDF_BYTES


def test_the_case_documents_are_served_as_confidential_downloads(client, sv, case):
    client.force_login(sv["handler"])
    for url_name in ("outcome_pdf", "petition_letter_pdf"):
        response = client.get(reverse(f"supervision:{url_name}", args=[case.pk]))
        assert_served_safely(response, "application/pdf")
        assert b"".join(response.streaming_content).startswith(b"%PDF-")


def test_record_a_petition_through_the_form(client, sv):
    client.force_login(sv["clerk"])
    data = {
        "source": "lawyer",
        "source_detail": "正义律师事务所",
        "received_on": timezone.localdate().isoformat(),
        "case_type": "civil",
        "cause": "房屋买卖合同纠纷",
        "court_name": "梧州市长洲区人民法院",
        "court_level": "basic",
        "judgment_number": "（2025）桂0405民初88号",
        "judgment_kind": "judgment",
        "judgment_date": "2025-06-01",
        "request": "",
        "grounds": "适用法律错误",
        "party-TOTAL_FORMS": "2",
        "party-INITIAL_FORMS": "0",
        "party-MIN_NUM_FORMS": "0",
        "party-MAX_NUM_FORMS": "10",
        "party-0-role": "petitioner",
        "party-0-kind": "person",
        "party-0-name": "陈丽华",
        "party-0-phone": "13800000000",
        "party-1-role": "",
        "party-1-kind": "person",
        "party-1-name": "",
        "file-TOTAL_FORMS": "2",
        "file-INITIAL_FORMS": "0",
        "file-MIN_NUM_FORMS": "0",
        "file-MAX_NUM_FORMS": "10",
        "file-0-kind": "petition_letter",
        "file-0-file": SimpleUploadedFile("申诉书.pdf", PDF_BYTES),
        "file-1-kind": "other",
    }
    response = client.post(reverse("supervision:petition_create"), data)
    assert response.status_code == 302, response.context and [
        response.context["form"].errors,
        response.context["parties"].errors,
        response.context["attachments"].errors,
    ]
    petition = Petition.objects.get()
    assert response.url == petition.get_absolute_url()
    assert [p.name for p in petition.parties.all()] == ["陈丽华"]
    assert petition.attachments.count() == 1


def test_a_refused_form_keeps_what_was_typed(client, sv):
    client.force_login(sv["clerk"])
    data = {
        "source": "judicial_office",
        "source_detail": "",
        "received_on": timezone.localdate().isoformat(),
        "case_type": "civil",
        "cause": "劳动争议",
        "court_name": "某法院",
        "court_level": "basic",
        "judgment_number": "（2025）桂0405民初9号",
        "judgment_kind": "judgment",
        "judgment_date": "2025-06-01",
        "grounds": "事实不清",
        "party-TOTAL_FORMS": "1",
        "party-INITIAL_FORMS": "0",
        "party-0-role": "petitioner",
        "party-0-kind": "person",
        "party-0-name": "陈丽华",
        "party-0-phone": "13800000000",
        "file-TOTAL_FORMS": "1",
        "file-INITIAL_FORMS": "0",
        "file-0-kind": "evidence",
        "file-0-file": SimpleUploadedFile("证据.exe", b"MZ"),
    }
    response = client.post(reverse("supervision:petition_create"), data)
    assert response.status_code == 200
    body = response.content.decode()
    assert "劳动争议" in body  # kept
    assert not Petition.objects.exists()
    data["file-0-file"] = SimpleUploadedFile("证据.pdf", PDF_BYTES)
    response = client.post(reverse("supervision:petition_create"), data)
    assert response.status_code == 200
    assert "说明由谁转来" in response.content.decode()


def test_pdf_carries_the_viewers_name(client, sv, case):
    from pypdf import PdfReader

    client.force_login(sv["deputy"])
    response = client.get(reverse("supervision:outcome_pdf", args=[case.pk]))
    assert response["Content-Type"] == "application/pdf"
    text = "".join(
        page.extract_text()
        for page in PdfReader(io.BytesIO(downloaded(response))).pages
    )
    assert sv["deputy"].staff.name in text
    assert case.outcome.document_number in text
    assert "再审检察建议书" in text
    letter = client.get(reverse("supervision:petition_letter_pdf", args=[case.pk]))
    text = "".join(
        page.extract_text() for page in PdfReader(io.BytesIO(downloaded(letter))).pages
    )
    assert "受理通知书" in text and sv["deputy"].staff.name in text


def test_pdf_of_an_outcome_not_issued_is_not_found(client, sv):
    petition = registered(sv)
    client.force_login(sv["head"])
    assert (
        client.get(reverse("supervision:outcome_pdf", args=[petition.pk])).status_code
        == 404
    )


def pdf_file(name="补充证据.pdf"):
    return SimpleUploadedFile(name, PDF_BYTES)


def _queries(client, url):
    with CaptureQueriesContext(__import__("django.db").db.connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200
    return len(ctx.captured_queries)


def test_list_and_statistics_cost_a_fixed_number_of_queries(client, sv):
    issued(sv, Outcome.Kind.SETTLEMENT)
    client.force_login(sv["head"])
    urls = [reverse("supervision:index"), reverse("supervision:statistics")]
    for url in urls:
        client.get(url)
    small = [_queries(client, url) for url in urls]
    for _ in range(4):
        issued(sv, Outcome.Kind.PROTEST)
    registered(sv, handler_key="handler2")
    receive(sv["clerk"])
    large = [_queries(client, url) for url in urls]
    assert large == small


def test_detail_costs_a_fixed_number_of_queries(client, sv):
    small_case = registered(sv)
    big_case = registered(sv)
    for n in range(3):
        services.attachment_add(
            actor=sv["handler"],
            petition=big_case,
            kind="evidence",
            upload=SimpleUploadedFile(f"{n}.pdf", PDF_BYTES),
        )
    for days in (10, 20):
        extension = services.extension_request(
            actor=sv["handler"], petition=big_case, days=days, reason="补充调查"
        )
        services.extension_decide(actor=sv["pg"], extension=extension, approve=True)
    for grantee in ("other_staff", "other_head"):
        services.access_grant(
            actor=sv["head"], petition=big_case, grantee=sv[grantee], reason="查阅"
        )
    client.force_login(sv["head"])
    client.get(small_case.get_absolute_url())
    small = _queries(client, small_case.get_absolute_url())
    assert _queries(client, big_case.get_absolute_url()) == small


def test_documents_draw_the_right_chinese_glyphs(client, sv, case, settings):
    """The page shows the characters its text layer claims (see tests/reports)."""
    from pathlib import Path

    from tests.reports.glyphs import render_and_find, scores

    fonts = Path(settings.REPORT_FONT_DIR)
    client.force_login(sv["pg"])
    checks = [
        ("outcome_pdf", "再审检察建议书", "NotoSerifSC-Bold.ttf", True),
        ("outcome_pdf", "民间借贷纠纷", "NotoSerifSC-Regular.ttf", False),
        ("petition_letter_pdf", "受理通知书", "NotoSerifSC-Bold.ttf", True),
        ("petition_letter_pdf", "本院决定受理", "NotoSerifSC-Regular.ttf", False),
    ]
    for url_name, text, font, largest in checks:
        url = reverse(f"supervision:{url_name}", args=[case.pk])
        content = downloaded(client.get(url))
        rendered = render_and_find(content, text, largest=largest)
        same = scores(rendered.glyphs, text, fonts / font)
        control = scores(rendered.glyphs, text[1:] + text[0], fonts / font)
        assert min(same) > 0.75, (text, same)
        assert sum(control) / len(control) < sum(same) / len(same) - 0.2, text
