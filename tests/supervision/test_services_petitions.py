"""Petition intake, acceptance, registration, handler, deadline and access grants."""

import datetime
import threading

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.utils import timezone

from apps.audit.models import AuditEvent
from apps.core.actions import Refused
from apps.supervision import services
from apps.supervision.models import (
    AccessGrant,
    Attachment,
    Extension,
    Party,
    Petition,
    Source,
)
from apps.supervision.services.numbering import next_number
from apps.todos.models import TodoItem
from apps.workdays.clock import due

from .factories import (
    docx_bytes,
    image_bytes,
    petition_details,
    petitioner,
    receive,
    registered,
    wrong_step,
)

pytestmark = pytest.mark.django_db


def open_todos(target, step=None):
    qs = TodoItem.objects.filter(object_id=str(target.pk), status="open")
    if step:
        qs = qs.filter(step_code=step)
    return qs


# ----------------------------------------------------------------- intake


def test_receive_records_petition_parties_attachments_and_asks_the_head(sv, civil):
    petition = receive(sv["clerk"])

    assert petition.state == Petition.State.RECEIVED
    assert petition.department == civil
    assert petition.source == Source.LAWYER
    assert [p.role for p in petition.parties.all()] == ["petitioner", "respondent"]
    attachment = petition.attachments.get()
    assert attachment.content_type == "application/pdf"
    assert attachment.original_name == "申诉书.pdf"
    assert "申诉书" not in attachment.file.name  # stored under a random name
    todo = open_todos(petition, "supervision.accept").get()
    assert todo.assignee == sv["head"]
    # The catalogue's 7 calendar days (then to the next working day).
    assert todo.due_at == petition.accept_due_at
    assert petition.accept_due_at >= due(petition.created_at, 7, "calendar_days")
    assert AuditEvent.objects.filter(action="supervision.petition.receive").count() == 1


@pytest.mark.parametrize(
    "source",
    [
        Source.WALK_IN,
        Source.LAWYER,
        Source.JUDICIAL_OFFICE,
        Source.STREET_OFFICE,
        Source.OTHER_DEPARTMENT,
        Source.UPPER_PROCURATORATE,
        Source.OWN_INITIATIVE,
    ],
)
def test_every_source_can_be_received(sv, source):
    petition = receive(sv["handler"], source=source, source_detail="某某")
    assert petition.source == source


def test_a_referred_petition_names_who_referred_it(sv):
    with pytest.raises(ValidationError) as exc:
        receive(sv["clerk"], source=Source.JUDICIAL_OFFICE, source_detail=" ")
    assert "source_detail" in exc.value.message_dict


def test_a_petition_needs_a_petitioner_with_contacts(sv):
    with pytest.raises(ValidationError):
        receive(sv["clerk"], parties=[])
    with pytest.raises(ValidationError):
        receive(sv["clerk"], parties=[petitioner(role=Party.Role.RESPONDENT)])
    with pytest.raises(ValidationError):
        receive(sv["clerk"], parties=[petitioner(phone="", address="")])
    # A case taken up on the office's own initiative has no petitioner.
    petition = receive(sv["clerk"], source=Source.OWN_INITIATIVE, parties=[])
    assert petition.parties.count() == 0


def test_received_date_cannot_be_in_the_future(sv):
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    with pytest.raises(ValidationError):
        receive(sv["clerk"], received_on=tomorrow)


def test_only_the_civil_administrative_department_receives(sv):
    for key in ("other_staff", "other_head", "pg", "deputy", "system_admin"):
        with pytest.raises(PermissionDenied):
            receive(sv[key])
    assert not Petition.objects.exists()


@pytest.mark.parametrize(
    ("name", "content", "code"),
    [
        ("virus.exe", b"MZ\x90\x00", "file_type"),
        ("申诉书.pdf", b"MZ\x90\x00 not a pdf", "file_content"),
        ("photo.png", b"\xff\xd8\xff\xe0 jpeg bytes", "file_content"),
        ("scan.jpg", b"\xff\xd8\xff\xe0 not really a picture", "file_content"),
        ("evidence.docx", b"PK\x03\x04 an archive, not a document", "file_content"),
        ("empty.pdf", b"", "file_empty"),
        # What a browser would run: never stored, whatever the name says.
        ("page.html", b"<html><script>alert(1)</script></html>", "file_type"),
        ("script.js", b"alert(document.cookie)", "file_type"),
        ("drawing.svg", b"<svg onload='alert(1)'/>", "file_type"),
        ("page.pdf", b"<html><script>alert(1)</script></html>", "file_content"),
    ],
)
def test_attachment_type_and_content_are_checked(sv, name, content, code):
    upload = SimpleUploadedFile(name, content)
    with pytest.raises(ValidationError) as exc:
        receive(sv["clerk"], attachments=[(Attachment.Kind.EVIDENCE, upload)])
    assert exc.value.code == code
    assert not Petition.objects.exists()  # nothing half-saved


def test_attachment_size_is_limited(sv, monkeypatch):
    from apps.supervision.services import petitions

    monkeypatch.setattr(petitions, "MAX_ATTACHMENT_BYTES", 1024)
    upload = SimpleUploadedFile("big.pdf", b"%PDF-" + b"0" * 1100)
    with pytest.raises(ValidationError) as exc:
        receive(sv["clerk"], attachments=[(Attachment.Kind.EVIDENCE, upload)])
    assert exc.value.code == "file_size"


def test_accepted_upload_kinds(sv):
    uploads = [
        SimpleUploadedFile("a.jpg", image_bytes("JPEG")),
        SimpleUploadedFile("b.PNG", image_bytes("PNG")),
        SimpleUploadedFile("c.docx", docx_bytes()),
        SimpleUploadedFile("d.doc", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1rest"),
    ]
    petition = receive(sv["clerk"], attachments=[("evidence", u) for u in uploads])
    assert sorted(petition.attachments.values_list("content_type", flat=True)) == [
        "application/msword",
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        "image/jpeg",
        "image/png",
    ]


def test_attachment_add_only_by_the_department_while_open(sv):
    petition = receive(sv["clerk"])
    upload = SimpleUploadedFile("more.pdf", b"%PDF-1.4 more")
    services.attachment_add(
        actor=sv["handler"], petition=petition, kind="evidence", upload=upload
    )
    assert petition.attachments.count() == 2
    with pytest.raises(PermissionDenied):
        services.attachment_add(
            actor=sv["pg"], petition=petition, kind="evidence", upload=upload
        )
    services.petition_refuse(actor=sv["head"], petition=petition, reasons="超过期限")
    with wrong_step() as exc:
        services.attachment_add(
            actor=sv["handler"], petition=petition, kind="evidence", upload=upload
        )
    assert "不能再添加" in str(exc.value) or "closed" in str(exc.value)


# ------------------------------------------------------- accept or refuse


def test_head_accepts_with_a_numbered_letter_and_is_asked_to_register(
    sv, procuratorate
):
    procuratorate.case_number_prefix = "长检"
    procuratorate.save()
    petition = receive(sv["clerk"])
    petition = services.petition_accept(actor=sv["head"], petition=petition)

    year = timezone.localdate().year
    assert petition.state == Petition.State.ACCEPTED
    assert petition.letter_number == f"长检民行受〔{year}〕1号"
    assert petition.decided_by == sv["head"]
    assert not open_todos(petition, "supervision.accept").exists()
    assert open_todos(petition, "supervision.register").get().assignee == sv["head"]


def test_refusal_needs_reasons_closes_the_petition_and_its_todos(sv):
    petition = receive(sv["clerk"])
    with pytest.raises(ValidationError):
        services.petition_refuse(actor=sv["head"], petition=petition, reasons=" ")
    petition = services.petition_refuse(
        actor=sv["head"], petition=petition, reasons="申请超过法定期限"
    )
    assert petition.state == Petition.State.REFUSED
    assert "民行不受〔" in petition.letter_number
    assert petition.closed_at is not None
    assert not open_todos(petition).exists()


def test_only_the_head_of_the_department_decides_acceptance(sv):
    petition = receive(sv["clerk"])
    for key in ("handler", "clerk", "pg", "deputy", "other_head", "outsider_head"):
        with pytest.raises(PermissionDenied):
            services.petition_accept(actor=sv[key], petition=petition)


def test_accepting_twice_is_refused(sv):
    petition = receive(sv["clerk"])
    stale = Petition.objects.get(pk=petition.pk)
    services.petition_accept(actor=sv["head"], petition=petition)
    with wrong_step():
        services.petition_accept(actor=sv["head"], petition=stale)
    with wrong_step():
        services.petition_refuse(actor=sv["head"], petition=stale, reasons="x")


# ------------------------------------------------------------- register


def test_register_numbers_the_case_assigns_handler_and_starts_review_clock(
    sv, procuratorate
):
    procuratorate.case_number_prefix = "长检"
    procuratorate.save()
    petition = registered(sv)
    year = timezone.localdate().year

    assert petition.state == Petition.State.UNDER_REVIEW
    assert petition.case_number == f"长检民行监〔{year}〕1号"
    assert (petition.case_year, petition.case_serial) == (year, 1)
    assert petition.handler == sv["handler"]
    assert petition.review_due_at >= due(petition.registered_at, 90, "calendar_days")
    assert petition.review_due_at < petition.registered_at + datetime.timedelta(
        days=100
    )
    todo = open_todos(petition, "supervision.review").get()
    assert todo.assignee == sv["handler"]
    assert todo.due_at == petition.review_due_at
    assert not open_todos(petition, "supervision.register").exists()


def test_case_numbers_run_per_year_without_gaps(sv):
    numbers = [registered(sv).case_serial for _ in range(3)]
    assert numbers == [1, 2, 3]


def test_case_numbers_are_per_procuratorate(sv, other_procuratorate):
    from django.db import transaction

    with transaction.atomic():
        a = next_number(procuratorate=other_procuratorate, series="case", year=2026)
    assert a[0] == 1
    assert registered(sv).case_serial == 1


def test_a_failed_registration_gives_its_number_back(sv):
    petition = receive(sv["clerk"])
    services.petition_accept(actor=sv["head"], petition=petition)
    with pytest.raises(ValidationError):
        # An outsider as handler fails after the number would have been taken.
        services.petition_register(
            actor=sv["head"], petition=petition, handler=sv["other_staff"]
        )
    petition = services.petition_register(
        actor=sv["head"], petition=petition, handler=sv["handler"]
    )
    assert petition.case_serial == 1


def test_the_case_number_uses_the_short_name_without_a_prefix(sv, procuratorate):
    procuratorate.case_number_prefix = ""
    procuratorate.short_name = "测试院"
    procuratorate.save()
    assert registered(sv).case_number.startswith("测试院民行监〔")


def test_only_the_head_registers_and_the_handler_is_of_the_department(sv):
    petition = receive(sv["clerk"])
    with wrong_step():  # not accepted yet
        services.petition_register(
            actor=sv["head"], petition=petition, handler=sv["handler"]
        )
    services.petition_accept(actor=sv["head"], petition=petition)
    for key in ("handler", "pg", "other_head"):
        with pytest.raises(PermissionDenied):
            services.petition_register(
                actor=sv[key], petition=petition, handler=sv["handler"]
            )
    for key in ("other_staff", "outsider_head"):
        with pytest.raises(ValidationError):
            services.petition_register(
                actor=sv["head"], petition=petition, handler=sv[key]
            )


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_two_heads_registering_at_once_get_consecutive_numbers(sv, civil):
    """Two registrations in parallel threads: numbers 1 and 2, no duplicate, no gap."""
    from tests.factories import make_user

    second_head = make_user(department=civil, roles=["department_head"])
    petitions = []
    for _ in range(2):
        petition = receive(sv["clerk"])
        petitions.append(services.petition_accept(actor=sv["head"], petition=petition))
    barrier = threading.Barrier(2)
    errors = []

    def register(actor, petition):
        try:
            barrier.wait(timeout=10)
            services.petition_register(
                actor=actor, petition=petition, handler=sv["handler"]
            )
        except Exception as exc:  # reported below
            errors.append(exc)
        finally:
            connection.close()

    threads = [
        threading.Thread(target=register, args=(sv["head"], petitions[0])),
        threading.Thread(target=register, args=(second_head, petitions[1])),
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not errors
    serials = sorted(
        Petition.objects.filter(pk__in=[p.pk for p in petitions]).values_list(
            "case_serial", flat=True
        )
    )
    assert serials == [1, 2]


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_two_heads_registering_the_same_petition_make_one_case(sv, civil):
    from tests.factories import make_user

    second_head = make_user(department=civil, roles=["department_head"])
    petition = services.petition_accept(actor=sv["head"], petition=receive(sv["clerk"]))
    barrier = threading.Barrier(2)
    outcomes = []

    def register(actor):
        try:
            barrier.wait(timeout=10)
            services.petition_register(
                actor=actor, petition=petition, handler=sv["handler"]
            )
            outcomes.append("ok")
        except Refused:
            outcomes.append("refused")
        finally:
            connection.close()

    threads = [
        threading.Thread(target=register, args=(u,)) for u in (sv["head"], second_head)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(outcomes) == ["ok", "refused"]
    petition.refresh_from_db()
    assert petition.case_serial == 1
    assert (
        AuditEvent.objects.filter(action="supervision.petition.register").count() == 1
    )


# --------------------------------------------------------------- handler


def test_head_reassigns_the_review_to_another_handler(sv):
    petition = registered(sv)
    services.petition_assign_handler(
        actor=sv["head"], petition=petition, handler=sv["handler2"]
    )
    todo = open_todos(petition, "supervision.review").get()
    assert todo.assignee == sv["handler2"]
    with pytest.raises(PermissionDenied):
        services.petition_assign_handler(
            actor=sv["handler"], petition=petition, handler=sv["handler"]
        )


def test_review_notes_only_by_the_handler(sv):
    petition = registered(sv)
    services.petition_save_review_notes(
        actor=sv["handler"], petition=petition, notes="调阅原审卷宗，询问双方当事人。"
    )
    petition.refresh_from_db()
    assert "调阅" in petition.review_notes
    with pytest.raises(PermissionDenied):
        services.petition_save_review_notes(
            actor=sv["handler2"], petition=petition, notes="x"
        )


# -------------------------------------------------------------- extension


def test_extension_approved_by_the_pg_moves_the_deadline_and_the_todo(sv):
    petition = registered(sv)
    old_due = petition.review_due_at
    extension = services.extension_request(
        actor=sv["handler"], petition=petition, days=30, reason="需要补充调查"
    )
    assert open_todos(extension).get().assignee == sv["pg"]
    with pytest.raises(ValidationError):  # one open request at a time
        services.extension_request(
            actor=sv["handler"], petition=petition, days=10, reason="再次申请"
        )
    for key in ("head", "deputy", "handler"):
        with pytest.raises(PermissionDenied):
            services.extension_decide(actor=sv[key], extension=extension, approve=True)

    extension = services.extension_decide(
        actor=sv["pg"], extension=extension, approve=True
    )
    petition.refresh_from_db()
    assert extension.state == Extension.State.APPROVED
    assert petition.review_due_at == due(old_due, 30, "calendar_days")
    assert open_todos(petition, "supervision.review").get().due_at == (
        petition.review_due_at
    )
    assert not open_todos(extension).exists()


def test_refused_extension_keeps_the_deadline(sv):
    petition = registered(sv)
    old_due = petition.review_due_at
    extension = services.extension_request(
        actor=sv["handler"], petition=petition, days=30, reason="需要补充调查"
    )
    services.extension_decide(
        actor=sv["pg"], extension=extension, approve=False, note="理由不充分"
    )
    petition.refresh_from_db()
    assert petition.review_due_at == old_due
    with wrong_step():
        services.extension_decide(actor=sv["pg"], extension=extension, approve=True)


def test_extension_days_and_requester_are_checked(sv):
    petition = registered(sv)
    with pytest.raises(ValidationError):
        services.extension_request(
            actor=sv["handler"], petition=petition, days=0, reason="x"
        )
    with pytest.raises(ValidationError):
        services.extension_request(
            actor=sv["handler"], petition=petition, days=91, reason="x"
        )
    with pytest.raises(PermissionDenied):
        services.extension_request(
            actor=sv["handler2"], petition=petition, days=10, reason="x"
        )


# ----------------------------------------------------------------- access


def test_access_grant_and_revoke(sv):
    petition = registered(sv)
    grant = services.access_grant(
        actor=sv["head"],
        petition=petition,
        grantee=sv["other_staff"],
        reason="公诉科办理关联刑事案件需要查阅",
    )
    assert sv["other_staff"].has_perm("supervision.view_petition", petition)
    assert not sv["other_staff"].has_perm("supervision.change_petition", petition)
    with pytest.raises(ValidationError):  # one live grant per person
        services.access_grant(
            actor=sv["head"], petition=petition, grantee=sv["other_staff"], reason="x"
        )
    services.access_revoke(actor=sv["head"], grant=grant)
    assert not sv["other_staff"].has_perm("supervision.view_petition", petition)
    assert (
        AuditEvent.objects.filter(action__startswith="supervision.access").count() == 2
    )


def test_expired_grant_gives_no_access(sv):
    petition = registered(sv)
    grant = services.access_grant(
        actor=sv["deputy"],
        petition=petition,
        grantee=sv["other_staff"],
        reason="临时查阅",
        expires_on=timezone.localdate(),
    )
    assert sv["other_staff"].has_perm("supervision.view_petition", petition)
    AccessGrant.objects.filter(pk=grant.pk).update(
        expires_on=timezone.localdate() - datetime.timedelta(days=1)
    )
    assert not sv["other_staff"].has_perm("supervision.view_petition", petition)


def test_who_may_grant_and_to_whom(sv):
    petition = registered(sv)
    for key in ("handler", "other_head", "other_deputy", "outsider_head"):
        with pytest.raises(PermissionDenied):
            services.access_grant(
                actor=sv[key], petition=petition, grantee=sv["other_staff"], reason="x"
            )
    for key in ("outsider", "handler2"):  # another procuratorate; already inside
        with pytest.raises(ValidationError):
            services.access_grant(
                actor=sv["pg"], petition=petition, grantee=sv[key], reason="查阅"
            )


def test_viewing_is_recorded_and_refused_to_others(sv):
    petition = registered(sv)
    services.petition_record_view(actor=sv["deputy"], petition=petition)
    event = AuditEvent.objects.get(action="supervision.petition.view_detail")
    assert event.actor == sv["deputy"]
    assert event.object_id == str(petition.pk)
    with pytest.raises(PermissionDenied):
        services.petition_record_view(actor=sv["other_staff"], petition=petition)


def test_details_are_validated_like_the_model(sv):
    with pytest.raises(ValidationError):
        services.petition_receive(
            actor=sv["clerk"],
            details=petition_details(case_type="criminal"),
            parties=[petitioner()],
        )
