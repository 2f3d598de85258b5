"""What users type and upload, made safe: item bodies and attached files."""

import html
import re
from pathlib import PurePosixPath

import nh3
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.html import strip_tags
from django.utils.translation import gettext_lazy as _

# Enough for an information item or a news article: paragraphs, emphasis,
# lists, simple tables and headings. No links to follow, images, styles or
# scripts: the text is printed in bulletins and read on the intranet.
ALLOWED_TAGS = {
    "p",
    "br",
    "strong",
    "b",
    "em",
    "i",
    "u",
    "ul",
    "ol",
    "li",
    "h3",
    "h4",
    "blockquote",
    "table",
    "thead",
    "tbody",
    "tr",
    "th",
    "td",
}
_TAG = re.compile(r"<\s*/?\s*[a-zA-Z][^>]*>")


def sanitise_body(text):
    """Return `text` as safe HTML; plain text becomes paragraphs."""
    text = (text or "").strip()
    if not _TAG.search(text):
        paragraphs = [p.strip() for p in re.split(r"\r?\n", text) if p.strip()]
        text = "".join(f"<p>{html.escape(p)}</p>" for p in paragraphs)
    return nh3.clean(
        text, tags=ALLOWED_TAGS, attributes={}, strip_comments=True
    ).strip()


def body_is_empty(body_html):
    return not strip_tags(body_html or "").replace("&nbsp;", "").strip()


def body_text_length(body_html):
    return len(html.unescape(strip_tags(body_html or "")).strip())


# ------------------------------------------------------------------ uploads
MAX_ATTACHMENT_SIZE = 10 * 1024 * 1024
MAX_ATTACHMENTS_PER_ITEM = 10

# extension -> (kind, content type, accepted leading bytes)
_ZIP = (b"PK\x03\x04",)
_OLE = (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1",)
FILE_TYPES = {
    ".jpg": ("photo", "image/jpeg", (b"\xff\xd8\xff",)),
    ".jpeg": ("photo", "image/jpeg", (b"\xff\xd8\xff",)),
    ".png": ("photo", "image/png", (b"\x89PNG\r\n\x1a\n",)),
    ".pdf": ("document", "application/pdf", (b"%PDF-",)),
    ".doc": ("document", "application/msword", _OLE),
    ".docx": (
        "document",
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        _ZIP,
    ),
    ".xls": ("document", "application/vnd.ms-excel", _OLE),
    ".xlsx": (
        "document",
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        _ZIP,
    ),
    ".wps": ("document", "application/vnd.ms-works", _OLE),
    ".txt": ("document", "text/plain", None),
}
ACCEPT_ATTRIBUTE = ",".join(sorted(FILE_TYPES))


def check_upload(uploaded, *, allowed=None):
    """Check an uploaded file's size, extension and leading bytes.

    Return (kind, content_type). Raise ValidationError with a sentence naming
    the file. The browser's stated content type is not trusted.
    """
    name = PurePosixPath(uploaded.name or "").name
    suffix = PurePosixPath(name).suffix.lower()
    allowed = allowed or FILE_TYPES
    if suffix not in allowed:
        raise ValidationError(
            _("%(name)s: this type of file is not accepted. Accepted: %(types)s."),
            code="file_type",
            params={"name": name, "types": "、".join(sorted(allowed))},
        )
    if uploaded.size > MAX_ATTACHMENT_SIZE:
        raise ValidationError(
            _("%(name)s is %(size)s; a file may be at most %(max)s."),
            code="file_size",
            params={
                "name": name,
                "size": filesizeformat(uploaded.size),
                "max": filesizeformat(MAX_ATTACHMENT_SIZE),
            },
        )
    if uploaded.size == 0:
        raise ValidationError(
            _("%(name)s is empty."), code="file_empty", params={"name": name}
        )
    kind, content_type, signatures = allowed[suffix]
    uploaded.seek(0)
    head = uploaded.read(16)
    uploaded.seek(0)
    if signatures is None:
        ok = b"\x00" not in head
    else:
        ok = any(head.startswith(sig) for sig in signatures)
    if ok and kind == "photo":
        ok = _is_real_image(uploaded)
    if not ok:
        raise ValidationError(
            _("%(name)s does not look like a %(suffix)s file; it was not accepted."),
            code="file_content",
            params={"name": name, "suffix": suffix},
        )
    return kind, content_type


def _is_real_image(uploaded):
    from PIL import Image, UnidentifiedImageError

    try:
        with Image.open(uploaded) as image:
            image.verify()
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError):
        return False
    finally:
        uploaded.seek(0)
    return True
