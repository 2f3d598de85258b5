"""Building supervision records by calling the real services."""

import datetime
import io
import zipfile
from contextlib import contextmanager

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from apps.core.actions import Refused
from apps.supervision import services
from apps.supervision.models import (
    Attachment,
    CaseType,
    CourtLevel,
    JudgmentKind,
    Outcome,
    Party,
    Source,
)

PDF_BYTES = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@contextmanager
def wrong_step():
    """The service refuses because the record is not at this step (now)."""
    with pytest.raises(Refused) as exc:
        yield exc
    assert exc.value.code == "wrong_step", exc.value


def image_bytes(kind="PNG"):
    buffer = io.BytesIO()
    Image.new("RGB", (8, 8), "white").save(buffer, kind)
    return buffer.getvalue()


def docx_bytes():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<w:document/>")
    return buffer.getvalue()


def pdf_upload(name="申诉书.pdf", content=PDF_BYTES):
    return SimpleUploadedFile(name, content, content_type="application/pdf")


def petition_details(**overrides):
    details = {
        "source": Source.LAWYER,
        "source_detail": "广西梧州正义律师事务所 李明律师",
        "received_on": datetime.date.today() - datetime.timedelta(days=1),
        "case_type": CaseType.CIVIL,
        "cause": "民间借贷纠纷",
        "court_name": "梧州市长洲区人民法院",
        "court_level": CourtLevel.BASIC,
        "judgment_number": "（2025）桂0405民初1234号",
        "judgment_kind": JudgmentKind.JUDGMENT,
        "judgment_date": datetime.date(2025, 9, 1),
        "request": "请求检察机关依法提出再审检察建议",
        "grounds": "原判决认定借款已归还的基本事实缺乏证据证明。",
    }
    details.update(overrides)
    return details


def petitioner(**overrides):
    party = {
        "role": Party.Role.PETITIONER,
        "kind": Party.Kind.PERSON,
        "name": "黄秀英",
        "id_number": "450403196805120021",
        "phone": "13907740001",
        "address": "梧州市长洲区新兴二路8号",
        "agent": "李明，广西梧州正义律师事务所",
    }
    party.update(overrides)
    return party


def respondent(**overrides):
    party = {
        "role": Party.Role.RESPONDENT,
        "kind": Party.Kind.ORGANISATION,
        "name": "梧州市鸿达建材有限公司",
        "legal_representative": "周国平",
        "phone": "0774-3812345",
    }
    party.update(overrides)
    return party


def receive(actor, *, attachments=None, parties=None, **overrides):
    if attachments is None:
        attachments = [(Attachment.Kind.PETITION_LETTER, pdf_upload())]
    return services.petition_receive(
        actor=actor,
        details=petition_details(**overrides),
        parties=parties if parties is not None else [petitioner(), respondent()],
        attachments=attachments,
    )


def registered(sv, handler_key="handler", **overrides):
    petition = receive(sv["clerk"], **overrides)
    petition = services.petition_accept(actor=sv["head"], petition=petition)
    return services.petition_register(
        actor=sv["head"], petition=petition, handler=sv[handler_key]
    )


def proposed(sv, kind=Outcome.Kind.RETRIAL_SUGGESTION, *, petition=None, **kwargs):
    petition = petition or registered(sv)
    defaults = {
        "opinion": "原判决认定事实的主要证据不足，建议再审。",
        "recipient": "梧州市长洲区人民法院",
    }
    if kind == Outcome.Kind.PROCURATORIAL_SUGGESTION:
        defaults["suggestion_scope"] = Outcome.SuggestionScope.ENFORCEMENT
    defaults.update(kwargs)
    return services.outcome_propose(
        actor=sv["handler"], petition=petition, kind=kind, **defaults
    )


def issued(sv, kind=Outcome.Kind.RETRIAL_SUGGESTION, **kwargs):
    outcome = proposed(sv, kind, **kwargs)
    outcome = services.outcome_approve(actor=sv["head"], outcome=outcome)
    if outcome.state == Outcome.State.AWAITING_PG:
        outcome = services.outcome_approve(actor=sv["pg"], outcome=outcome)
    return outcome
