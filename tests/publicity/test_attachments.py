"""Attachments: type, content and size checked; only while the author may edit."""

import io

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from apps.core.actions import Refused
from apps.publicity import content, services

from . import factories as f

pytestmark = pytest.mark.django_db


def jpeg(name="现场照片.jpg"):
    buffer = io.BytesIO()
    Image.new("RGB", (8, 6), "blue").save(buffer, format="JPEG")
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/jpeg")


def test_a_real_photo_and_a_document_are_accepted(people):
    item = f.draft(people)
    photo = services.attachment_add(actor=people["staff"], item=item, uploaded=jpeg())
    doc = services.attachment_add(
        actor=people["staff"],
        item=item,
        uploaded=SimpleUploadedFile("材料.pdf", b"%PDF-1.7\n...", "application/pdf"),
    )
    assert (photo.kind, photo.content_type) == ("photo", "image/jpeg")
    assert (doc.kind, doc.original_name) == ("document", "材料.pdf")
    assert item.events.filter(action="attach").count() == 2


@pytest.mark.parametrize(
    "name, data, code",
    [
        ("病毒.exe", b"MZ\x90\x00", "file_type"),
        ("假照片.png", b"GIF89a not a png", "file_content"),
        ("截断.jpg", b"\xff\xd8\xff\xe0 broken", "file_content"),
        ("空白.txt", b"", "file_empty"),
        ("二进制.txt", b"abc\x00def", "file_content"),
    ],
)
def test_wrong_or_disguised_files_are_refused(people, name, data, code):
    item = f.draft(people)
    with pytest.raises(ValidationError) as exc:
        services.attachment_add(
            actor=people["staff"], item=item, uploaded=SimpleUploadedFile(name, data)
        )
    assert exc.value.code == code
    assert name in str(exc.value.message % exc.value.params)
    assert not item.attachments.exists()


def test_a_file_over_the_limit_is_refused(people, monkeypatch):
    monkeypatch.setattr(content, "MAX_ATTACHMENT_SIZE", 1000)
    item = f.draft(people)
    big = SimpleUploadedFile("大文件.pdf", b"%PDF-" + b"0" * 2000)
    with pytest.raises(ValidationError) as exc:
        services.attachment_add(actor=people["staff"], item=item, uploaded=big)
    assert exc.value.code == "file_size"


def test_at_most_ten_attachments(people):
    item = f.draft(people)
    for n in range(content.MAX_ATTACHMENTS_PER_ITEM):
        services.attachment_add(
            actor=people["staff"], item=item, uploaded=jpeg(f"图{n}.jpg")
        )
    with pytest.raises(ValidationError):
        services.attachment_add(actor=people["staff"], item=item, uploaded=jpeg())


def test_attachments_change_only_while_the_author_may_edit(people):
    item = f.draft(people)
    attachment = services.attachment_add(
        actor=people["staff"], item=item, uploaded=jpeg()
    )
    with pytest.raises(PermissionDenied):
        services.attachment_add(actor=people["clerk"], item=item, uploaded=jpeg())
    item = services.item_submit(actor=people["staff"], item=item)
    with pytest.raises(Refused):
        services.attachment_add(actor=people["staff"], item=item, uploaded=jpeg())
    with pytest.raises(Refused):
        services.attachment_remove(actor=people["staff"], attachment=attachment)
    item = services.item_return(actor=people["head"], item=item, comment="补充照片")
    services.attachment_remove(actor=people["staff"], attachment=attachment)
    assert not item.attachments.exists()
