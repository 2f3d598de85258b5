"""core.uploads: one checker for every upload, one way to serve a stored file."""

import io
import struct
import zipfile
import zlib

import pytest
from django.core.exceptions import ValidationError
from django.core.files.storage import FileSystemStorage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import models
from django.db.models.fields.files import FieldFile
from PIL import Image

from apps.core.uploads import KINDS, RandomPath, check_upload, file_response

ALL_KINDS = tuple(KINDS)
MB = 1024 * 1024


def png_bytes(size=(40, 30)):
    buffer = io.BytesIO()
    Image.new("RGB", size, (200, 30, 30)).save(buffer, format="PNG")
    return buffer.getvalue()


def jpeg_bytes():
    buffer = io.BytesIO()
    Image.new("RGB", (64, 48), (10, 120, 30)).save(buffer, format="JPEG")
    return buffer.getvalue()


def docx_bytes():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<w:document/>")
    return buffer.getvalue()


def bomb_png(width=60000, height=60000):
    """A valid PNG header announcing far more pixels than anyone may upload."""
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    chunk = b"IHDR" + header
    ihdr = struct.pack(">I", len(header)) + chunk + struct.pack(">I", zlib.crc32(chunk))
    return b"\x89PNG\r\n\x1a\n" + ihdr


def upload(name, data):
    return SimpleUploadedFile(name, data)


def refusal(name, data, kinds=ALL_KINDS, max_bytes=10 * MB):
    with pytest.raises(ValidationError) as exc:
        check_upload(upload(name, data), kinds=kinds, max_bytes=max_bytes)
    return exc.value


@pytest.mark.parametrize(
    ("name", "data"),
    [
        ("entry.html", b"<html><script>alert(1)</script></html>"),
        ("entry.htm", b"<script>alert(1)</script>"),
        ("entry.js", b"alert(document.cookie)"),
        ("entry.svg", b'<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>'),
        ("entry.xhtml", b"<html/>"),
        ("entry.exe", b"MZ\x90\x00"),
    ],
)
def test_script_and_markup_files_are_refused_by_every_kind(name, data):
    assert refusal(name, data).code == "file_type"


def test_an_svg_renamed_png_is_refused_by_its_content():
    svg = b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'
    assert refusal("photo.png", svg).code == "file_content"


def test_html_renamed_txt_is_text_and_harmless_but_binary_txt_is_not():
    ok = check_upload(
        upload("notes.txt", "说明：<b>粗体</b>".encode()),
        kinds=("documents",),
        max_bytes=MB,
    )
    assert ok == "text/plain"
    assert refusal("notes.txt", b"\x00\x01binary").code == "file_content"


def test_real_files_of_each_kind_pass_with_our_content_type():
    cases = [
        ("scan.png", png_bytes(), ("images",), "image/png"),
        ("photo.JPG", jpeg_bytes(), ("images",), "image/jpeg"),
        ("letter.docx", docx_bytes(), ("documents",), None),
        ("report.pdf", b"%PDF-1.4\n%%EOF\n", ("documents",), "application/pdf"),
    ]
    for name, data, kinds, expected in cases:
        content_type = check_upload(upload(name, data), kinds=kinds, max_bytes=MB)
        assert expected is None or content_type == expected


def test_an_ofd_document_is_accepted_and_a_zip_named_ofd_is_not():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("OFD.xml", "<ofd:OFD/>")
        archive.writestr("Doc_0/Document.xml", "<ofd:Document/>")
    content_type = check_upload(
        upload("公文.ofd", buffer.getvalue()), kinds=("documents",), max_bytes=MB
    )
    assert content_type == "application/ofd"
    assert refusal("公文.ofd", docx_bytes()).code == "file_content"


def test_a_zip_named_docx_is_not_a_word_document():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("payload.html", "<script/>")
    assert refusal("letter.docx", buffer.getvalue()).code == "file_content"


def test_a_kind_not_asked_for_is_refused_even_if_real():
    error = refusal("scan.png", png_bytes(), kinds=("documents",))
    assert error.code == "file_type"


def test_size_limits_and_empty_files():
    assert refusal("big.pdf", b"%PDF-" + b"0" * 2000, max_bytes=1000).code == (
        "file_size"
    )
    assert refusal("empty.pdf", b"").code == "file_empty"


def test_a_decompression_bomb_is_a_clear_refusal_not_an_error():
    error = refusal("bomb.png", bomb_png(), kinds=("images",))
    assert error.code == "file_content"
    assert "bomb.png" in str(error.message % error.params)


def test_a_truncated_image_is_refused():
    data = png_bytes((400, 300))
    assert refusal("cut.png", data[: len(data) // 2], kinds=("images",)).code == (
        "file_content"
    )


class Holder:
    procuratorate_id = 7


def test_random_path_hides_the_users_file_name():
    path = RandomPath("things/{instance.procuratorate_id}")(Holder(), "我的 文件.PDF")
    assert path.startswith("things/7/")
    assert path.endswith(".pdf")
    assert "我的" not in path
    assert RandomPath("a") == RandomPath("a")
    assert RandomPath("a").deconstruct()[1] == ("a",)


@pytest.mark.parametrize("confidential", [True, False])
def test_a_stored_file_is_served_as_an_attachment_never_sniffed(tmp_path, confidential):
    storage = FileSystemStorage(location=tmp_path)
    name = storage.save("x/entry.html", io.BytesIO(b"<script>alert(1)</script>"))
    field = models.FileField(storage=storage)
    stored = FieldFile(None, field, name)
    response = file_response(stored, filename="作品.html", confidential=confidential)
    assert response["Content-Disposition"].startswith("attachment;")
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Security-Policy"] == "sandbox"
    # An old stored HTML file is opaque bytes, never text/html.
    assert response["Content-Type"] == "application/octet-stream"
    assert response["Cache-Control"] == (
        "private, no-store" if confidential else "private"
    )
    response.close()
