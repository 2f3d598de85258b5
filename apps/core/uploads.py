"""Uploaded files: one checker, one storage path, one way to serve them.

Every upload in every app goes through ``check_upload(file, kinds=..., max_bytes=...)``:
the extension must belong to one of the named kinds, the leading bytes must
match that format's signature (the browser's stated type is never trusted),
Office files must be the archives they claim to be, and images must decode
within a pixel limit. HTML, JavaScript, SVG and anything else not named here
is refused everywhere. Files are stored under random names
(``RandomPath``) and served only through ``file_response``: always as an
attachment, never sniffed, sandboxed, and not cached when confidential.
"""

import uuid
import zipfile
from dataclasses import dataclass
from pathlib import PurePosixPath

from django.core.exceptions import ValidationError
from django.http import FileResponse
from django.template.defaultfilters import filesizeformat
from django.utils import timezone
from django.utils.deconstruct import deconstructible
from django.utils.translation import gettext_lazy as _

# Pixels an image may have (about 7,000 × 7,000); beyond that decoding it
# would take memory an upload should not be able to claim.
MAX_IMAGE_PIXELS = 50_000_000

_ZIP = ((0, b"PK\x03\x04"),)
_OLE = ((0, b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"),)


@dataclass(frozen=True)
class FileType:
    content_type: str
    signatures: tuple | None  # ((offset, bytes), ...); None: plain text
    # For formats that are ZIP archives: the entries the archive must hold
    # (a name ending in "/" is a folder that must have something in it).
    members: tuple = ()


# kind -> extension -> FileType
KINDS = {
    "documents": {
        ".pdf": FileType("application/pdf", ((0, b"%PDF-"),)),
        ".doc": FileType("application/msword", _OLE),
        ".docx": FileType(
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
            _ZIP,
            ("[Content_Types].xml", "word/"),
        ),
        # OFD (GB/T 33190), the national fixed-layout format of official documents.
        ".ofd": FileType("application/ofd", _ZIP, ("OFD.xml",)),
        ".wps": FileType("application/vnd.ms-works", _OLE),
        ".txt": FileType("text/plain", None),
    },
    # Scans and printouts (a newspaper clipping, signed evidence) as PDF only.
    "pdf": {
        ".pdf": FileType("application/pdf", ((0, b"%PDF-"),)),
    },
    "spreadsheets": {
        ".xls": FileType("application/vnd.ms-excel", _OLE),
        ".xlsx": FileType(
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            _ZIP,
            ("[Content_Types].xml", "xl/"),
        ),
    },
    "images": {
        ".jpg": FileType("image/jpeg", ((0, b"\xff\xd8\xff"),)),
        ".jpeg": FileType("image/jpeg", ((0, b"\xff\xd8\xff"),)),
        ".png": FileType("image/png", ((0, b"\x89PNG\r\n\x1a\n"),)),
    },
    "archives": {
        ".zip": FileType("application/zip", _ZIP),
        ".rar": FileType("application/vnd.rar", ((0, b"Rar!\x1a\x07"),)),
        ".7z": FileType("application/x-7z-compressed", ((0, b"7z\xbc\xaf\x27\x1c"),)),
    },
    "media": {
        ".mp3": FileType(
            "audio/mpeg", ((0, b"ID3"), (0, b"\xff\xfb"), (0, b"\xff\xf3"))
        ),
        ".mp4": FileType("video/mp4", ((4, b"ftyp"),)),
    },
}


def file_types(kinds):
    """Extension -> FileType for the named ``kinds``."""
    table = {}
    for kind in kinds:
        table.update(KINDS[kind])
    return table


def accept_attribute(kinds):
    """The ``accept`` attribute of a file input taking ``kinds``."""
    return ",".join(sorted(file_types(kinds)))


def kind_of(name):
    """The kind (``images``, ``documents``…) of a stored file's name, or None."""
    suffix = PurePosixPath(name or "").suffix.lower()
    return next((kind for kind, table in KINDS.items() if suffix in table), None)


def check_upload(uploaded, *, kinds, max_bytes):
    """Check an uploaded file against ``kinds``; return its content type.

    Raise ValidationError with a sentence naming the file when its type,
    size or content is not accepted.
    """
    name = PurePosixPath(uploaded.name or "").name
    suffix = PurePosixPath(name).suffix.lower()
    allowed = file_types(kinds)
    if suffix not in allowed:
        raise ValidationError(
            _("%(name)s: this type of file is not accepted. Accepted: %(types)s."),
            code="file_type",
            params={"name": name, "types": "、".join(sorted(allowed))},
        )
    if uploaded.size == 0:
        raise ValidationError(
            _("%(name)s is empty."), code="file_empty", params={"name": name}
        )
    if uploaded.size > max_bytes:
        raise ValidationError(
            _("%(name)s is %(size)s; a file may be at most %(max)s."),
            code="file_size",
            params={
                "name": name,
                "size": filesizeformat(uploaded.size),
                "max": filesizeformat(max_bytes),
            },
        )
    file_type = allowed[suffix]
    problem = _content_problem(uploaded, suffix, file_type)
    if problem is not None:
        raise ValidationError(problem, code="file_content", params={"name": name})
    return file_type.content_type


_NOT_THAT_TYPE = _(
    "%(name)s does not look like the file its name says; it was not accepted."
)
_TOO_MANY_PIXELS = _(
    "%(name)s has too many pixels to be opened safely; it was not accepted."
)


def _content_problem(uploaded, suffix, file_type):
    uploaded.seek(0)
    head = uploaded.read(64)
    uploaded.seek(0)
    if file_type.signatures is None:
        return _NOT_THAT_TYPE if not _is_text(uploaded) else None
    if not any(head[at : at + len(sig)] == sig for at, sig in file_type.signatures):
        return _NOT_THAT_TYPE
    if file_type.members and not _has_members(uploaded, file_type.members):
        return _NOT_THAT_TYPE
    if suffix in KINDS["images"]:
        return _image_problem(uploaded)
    return None


def _is_text(uploaded):
    data = uploaded.read(64 * 1024)
    uploaded.seek(0)
    if b"\x00" in data:
        return False
    for encoding in ("utf-8", "gb18030"):
        try:
            data.decode(encoding)
        except UnicodeDecodeError as exc:
            # A multi-byte character cut at the end of the sample is fine.
            if exc.start >= len(data) - 4:
                return True
            continue
        return True
    return False


def _has_members(uploaded, members):
    try:
        with zipfile.ZipFile(uploaded) as archive:
            names = archive.namelist()
    except (zipfile.BadZipFile, OSError, ValueError):
        return False
    finally:
        uploaded.seek(0)
    return all(
        any(n.startswith(m) for n in names) if m.endswith("/") else m in names
        for m in members
    )


def _image_problem(uploaded):
    """Decode the image within MAX_IMAGE_PIXELS; return a refusal or None."""
    from PIL import Image, UnidentifiedImageError

    try:
        with Image.open(uploaded) as image:
            width, height = image.size
            if width * height > MAX_IMAGE_PIXELS:
                return _TOO_MANY_PIXELS
            image.verify()
        uploaded.seek(0)
        with Image.open(uploaded) as image:
            # A JPEG decodes at an eighth of its size: every byte is still read.
            image.draft("RGB", (max(1, width // 8), max(1, height // 8)))
            image.load()
    except Image.DecompressionBombError:
        return _TOO_MANY_PIXELS
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError):
        return _NOT_THAT_TYPE
    finally:
        uploaded.seek(0)
    return None


@deconstructible
class RandomPath:
    """``upload_to`` giving ``<folder>/<yyyy>/<mm>/<random hex><ext>``.

    ``folder`` may name the instance's attributes, e.g.
    ``"publicity/{instance.item.procuratorate_id}"``. The user's file name is
    never part of the path; keep it in a field of its own.
    """

    def __init__(self, folder):
        self.folder = folder

    def __call__(self, instance, filename):
        suffix = PurePosixPath(filename or "").suffix.lower()[:10]
        folder = self.folder.format(instance=instance)
        return f"{folder}/{timezone.now():%Y/%m}/{uuid.uuid4().hex}{suffix}"

    def __eq__(self, other):
        return isinstance(other, RandomPath) and other.folder == self.folder


def file_response(field_file, *, filename=None, confidential=False):
    """Serve a stored file safely: as an attachment, unsniffed, sandboxed.

    The content type comes from our own table by extension, never from what a
    browser said when it was uploaded. ``confidential`` files are not cached.
    """
    name = filename or PurePosixPath(field_file.name).name
    suffix = PurePosixPath(field_file.name).suffix.lower()
    content_type = next(
        (t[suffix].content_type for t in KINDS.values() if suffix in t),
        # Anything else (an old upload from before these checks) is opaque.
        "application/octet-stream",
    )
    response = FileResponse(
        field_file.open("rb"),
        as_attachment=True,
        filename=name,
        content_type=content_type,
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "sandbox"
    response["Cache-Control"] = "private, no-store" if confidential else "private"
    return response
