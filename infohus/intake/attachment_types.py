"""Which files may be attached to a concern, told by their content (magic bytes).

The browser's content type and the file name's extension are the sender's claims; the
type kept and served is the one read from the first bytes of the file itself. Only
formats staff need for a concern are allowed (letters, screenshots, photos, plain text,
Word and Excel documents, forwarded e-mails); everything else is refused, above all
anything a browser could run (HTML, SVG, scripts) and executables. Office documents
with macros are refused too. The name's extension must agree with the content, so an
HTML page or a program renamed ``.pdf`` is refused rather than stored.

Malware scanning is not done here: it is an integration point for the deployment
(docs/security.md).
"""

from __future__ import annotations

import io
import re
import unicodedata
import zipfile
from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

FILENAME_MAX_LENGTH = 200
# The most of an Office document's [Content_Types].xml read to tell Word from Excel; a
# real one is a few kilobytes, and reading no more keeps a zip bomb harmless.
_MANIFEST_MAX_BYTES = 64 * 1024
# Characters Windows refuses in file names; replaced so a download saves as named.
_UNSAFE_NAME_CHARS = re.compile(r'[<>:"|?*]')
# An e-mail header line: a field name of printable ASCII without ":", then ":".
_HEADER_LINE = re.compile(rb"^[!-9;-~]+:")


@dataclass(frozen=True)
class FileType:
    content_type: str
    extensions: tuple[str, ...]
    label: str | Promise
    # The content type a download is served with: the real one where a browser cannot
    # run the file; otherwise a neutral application/octet-stream.
    served_as: str


PDF = FileType("application/pdf", ("pdf",), _("PDF"), "application/pdf")
PNG = FileType("image/png", ("png",), _("PNG-billede"), "image/png")
JPEG = FileType("image/jpeg", ("jpg", "jpeg"), _("JPEG-billede"), "image/jpeg")
TEXT = FileType("text/plain", ("txt",), _("Tekst"), "text/plain; charset=utf-8")
DOCX = FileType(
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    ("docx",),
    _("Word-dokument"),
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
)
XLSX = FileType(
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    ("xlsx",),
    _("Excel-regneark"),
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
)
# A forwarded e-mail: kept, but served as octet-stream (mail clients render HTML bodies).
EML = FileType("message/rfc822", ("eml",), _("E-mail"), "application/octet-stream")

ALLOWED_TYPES = (PDF, PNG, JPEG, TEXT, DOCX, XLSX, EML)
BY_CONTENT_TYPE = {file_type.content_type: file_type for file_type in ALLOWED_TYPES}
ACCEPT = ",".join(f".{ext}" for file_type in ALLOWED_TYPES for ext in file_type.extensions)


def served_as(content_type: str) -> str:
    file_type = BY_CONTENT_TYPE.get(content_type)
    return file_type.served_as if file_type is not None else "application/octet-stream"


def label_of(content_type: str) -> str | Promise:
    file_type = BY_CONTENT_TYPE.get(content_type)
    return file_type.label if file_type is not None else content_type


def extension_of(filename: str) -> str:
    stem, dot, ext = filename.rpartition(".")
    return ext.lower() if dot and stem else ""


def clean_filename(name: str) -> str:
    """The file's own name only: no folders, no control or direction-changing characters
    (U+202E can make "gpj.exe" look like "exe.jpg"), no leading dots, at most 200
    characters with the extension kept. Empty if nothing is left."""
    name = unicodedata.normalize("NFC", name or "")
    name = name.replace("\\", "/").rsplit("/", 1)[-1]
    name = "".join(ch for ch in name if not unicodedata.category(ch).startswith("C"))
    name = _UNSAFE_NAME_CHARS.sub("_", " ".join(name.split()))
    name = name.strip(" .")
    if len(name) > FILENAME_MAX_LENGTH:
        ext = extension_of(name)
        if ext and len(ext) < 20:
            stem = name[: -len(ext) - 1][: FILENAME_MAX_LENGTH - len(ext) - 1].rstrip(" .")
            name = f"{stem}.{ext}"
        else:
            name = name[:FILENAME_MAX_LENGTH]
    return name


def _office_type(data: bytes) -> FileType | None:
    """Word or Excel (Office Open XML: a zip with [Content_Types].xml naming the main
    part); macro-enabled documents and templates name other parts and are refused."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            names = set(archive.namelist())
            info = archive.getinfo("[Content_Types].xml")
            if info.file_size > _MANIFEST_MAX_BYTES:
                return None
            with archive.open(info) as part:
                manifest = part.read(_MANIFEST_MAX_BYTES + 1)
    except (zipfile.BadZipFile, zipfile.LargeZipFile, KeyError, OSError, EOFError):
        return None
    except (RuntimeError, NotImplementedError, ValueError):  # encrypted, odd compression
        return None
    if any(name.lower().endswith("vbaproject.bin") for name in names):
        return None
    if b"wordprocessingml.document.main+xml" in manifest and "word/document.xml" in names:
        return DOCX
    if b"spreadsheetml.sheet.main+xml" in manifest and "xl/workbook.xml" in names:
        return XLSX
    return None


def _is_plain_text(data: bytes) -> bool:
    """UTF-8 without control characters (tab, line breaks and form feed allowed), and not
    markup: text starting with "<" is what browsers would sniff as HTML, XML or SVG."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return False
    if any(unicodedata.category(ch) == "Cc" and ch not in "\t\n\r\f" for ch in text):
        return False
    return not text.lstrip().startswith("<")


def _is_email(data: bytes) -> bool:
    """An RFC 5322 message: header lines up to the first empty line, with From and at
    least one of Date, Subject or Message-ID."""
    head = data.lstrip(b"\xef\xbb\xbf").split(b"\r\n\r\n", 1)[0].split(b"\n\n", 1)[0]
    lines = [line.rstrip(b"\r") for line in head.split(b"\n")]
    fields = set()
    for line in lines:
        if line[:1] in (b" ", b"\t"):  # a folded continuation of the previous header
            continue
        if not _HEADER_LINE.match(line):
            return False
        fields.add(line.split(b":", 1)[0].lower())
    return b"from" in fields and bool(fields & {b"date", b"subject", b"message-id"})


def detect_type(data: bytes) -> FileType | None:
    """The allowed type ``data`` is, read from its content; None if it is none of them."""
    if data.startswith(b"%PDF-"):
        return PDF
    if data.startswith(b"\x89PNG\r\n\x1a\n"):
        return PNG
    if data.startswith(b"\xff\xd8\xff"):
        return JPEG
    if data.startswith(b"PK\x03\x04"):
        return _office_type(data)
    if _is_plain_text(data):
        return EML if _is_email(data) else TEXT
    return None


def type_for(data: bytes, filename: str) -> FileType | None:
    """The allowed type of ``data`` if the file name's extension agrees with it; a
    forwarded e-mail saved as .txt is kept as text."""
    detected = detect_type(data)
    if detected is None:
        return None
    ext = extension_of(filename)
    if detected is EML and ext in TEXT.extensions:
        return TEXT
    return detected if ext in detected.extensions else None
