"""What users type and upload, made safe: item bodies and attached files."""

import html
import re

import nh3
from django.utils.html import strip_tags

from apps.core.uploads import accept_attribute, check_upload, kind_of

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
ATTACHMENT_KINDS = ("documents", "spreadsheets", "images")
CLIPPING_KINDS = ("images", "pdf")
ACCEPT_ATTRIBUTE = accept_attribute(ATTACHMENT_KINDS)


def check_attachment(uploaded):
    """Check an item's attachment with core's checker; return (kind, content type)."""
    content_type = check_upload(
        uploaded, kinds=ATTACHMENT_KINDS, max_bytes=MAX_ATTACHMENT_SIZE
    )
    kind = "photo" if kind_of(uploaded.name) == "images" else "document"
    return kind, content_type


def check_clipping(uploaded):
    """Check the scan or photo of an adoption's clipping."""
    return check_upload(uploaded, kinds=CLIPPING_KINDS, max_bytes=MAX_ATTACHMENT_SIZE)
