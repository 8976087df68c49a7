"""Attachments (bilag) to concerns: adding, downloading and removing a file; the allowed
types told by content; size and count limits; encryption at rest; who may do what; the
download's headers; the audit trail; the concern page and its history."""

from __future__ import annotations

import io
import json
import zipfile
from collections.abc import Callable

import pytest
from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client, RequestFactory, override_settings

from infohus.accounts.models import User
from infohus.core import crypto
from infohus.core.models import AuditEvent
from infohus.intake import attachment_actions, attachment_types
from infohus.intake.attachment_views import AttachmentUploadHandler
from infohus.intake.models import Concern, ConcernAttachment
from infohus.intake.models.attachment import ATTACHMENT_CRYPTO_CONTEXT
from tests.intake.test_inbox import DISTRICT_STAFF, make_concern, url
from tests.personas import PERSONAS, login

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00"
JPEG = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00\xff\xd9"
TEXT = "Naboen har set ham dele videoer. Æ, ø og å.\n".encode()
EML = (
    b"From: Fiktiv Nabo <nabo@example.org>\r\nTo: infohus@example.org\r\n"
    b"Subject: Bekymring\r\nDate: Mon, 2 Nov 2026 10:00:00 +0100\r\n\r\nSe vedhaeftet.\r\n"
)
EXE = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00\xb8" + b"\x00" * 40
HTML = b"<!DOCTYPE html><html><body><script>alert(1)</script></body></html>"
DOCX_MAIN = "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"
XLSX_MAIN = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"
DOCM_MAIN = "application/vnd.ms-word.document.macroEnabled.main+xml"


def office(main_type: str, main_part: str, *, macro: bool = False) -> bytes:
    """A minimal Office Open XML package: [Content_Types].xml naming the main part."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr(
            "[Content_Types].xml",
            f'<?xml version="1.0"?><Types><Override PartName="/{main_part}" '
            f'ContentType="{main_type}"/></Types>',
        )
        archive.writestr(main_part, "<document/>")
        if macro:
            archive.writestr("word/vbaProject.bin", b"\x00macro")
    return buffer.getvalue()


def upload(name: str, content: bytes, content_type: str = "application/pdf") -> SimpleUploadedFile:
    # The browser's content type is deliberately wrong in most tests: it is never used.
    return SimpleUploadedFile(name, content, content_type=content_type)


def add(
    persona: Callable[[str], User],
    concern: Concern,
    name: str = "notat.txt",
    content: bytes = TEXT,
    *,
    who: str = "prevention_officer",
    description: str = "",
) -> ConcernAttachment:
    return attachment_actions.add_attachment(
        actor=persona(who), concern=concern, upload=upload(name, content), description=description
    )


def add_url(concern: Concern) -> str:
    return url("add_attachment", pk=concern.pk)


def download_url(attachment: ConcernAttachment) -> str:
    return url("download_attachment", pk=attachment.concern_id, attachment_pk=attachment.pk)


def remove_url(attachment: ConcernAttachment) -> str:
    return url("remove_attachment", pk=attachment.concern_id, attachment_pk=attachment.pk)


def assert_login_redirect(client: Client, path: str) -> None:
    for method in ("get", "post"):
        response = getattr(client, method)(path)
        assert response.status_code == 302, (method, path)
        assert response["Location"].startswith("/accounts/login/")


# --- upload and download ----------------------------------------------------------------


def test_upload_and_download_roundtrip(
    client_for: Callable[[str], Client],
) -> None:
    concern = make_concern()
    response = client_for("analyst").post(
        add_url(concern),
        {"file": upload("rapport.pdf", PDF, "text/html"), "description": "Brev fra skolen"},
    )
    assert response.status_code == 302
    assert response["Location"] == url("concern_detail", pk=concern.pk) + "#bilag"
    attachment = ConcernAttachment.objects.get()
    assert attachment.concern == concern
    assert attachment.filename == "rapport.pdf"
    assert attachment.content_type == "application/pdf"  # detected, not the browser's claim
    assert attachment.size == len(PDF)
    assert attachment.description == "Brev fra skolen"
    assert attachment.uploaded_by.username == "t-analyst"
    # Encrypted at rest: the stored bytes are not the file and do not contain it.
    stored = bytes(attachment.ciphertext)
    assert stored != PDF and PDF not in stored and b"Catalog" not in stored
    assert stored.startswith(b"enc1:")

    downloaded = client_for("coordinator").get(download_url(attachment))
    assert downloaded.status_code == 200
    assert downloaded.content == PDF


def test_plain_text_office_and_email_are_accepted(persona: Callable[[str], User]) -> None:
    concern = make_concern()
    cases = [
        ("skaermbillede.png", PNG, "image/png"),
        ("foto.JPG", JPEG, "image/jpeg"),
        ("notat.txt", TEXT, "text/plain"),
        ("brev.docx", office(DOCX_MAIN, "word/document.xml"), attachment_types.DOCX.content_type),
        ("liste.xlsx", office(XLSX_MAIN, "xl/workbook.xml"), attachment_types.XLSX.content_type),
        ("mail.eml", EML, "message/rfc822"),
        ("mail.txt", EML, "text/plain"),  # a forwarded e-mail saved as text stays text
    ]
    for name, content, expected in cases:
        attachment = add(persona, concern, name, content)
        assert attachment.content_type == expected, name


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("program.exe", EXE),
        ("rapport.pdf", EXE),  # a program renamed .pdf
        ("rapport.pdf", HTML),  # a web page renamed .pdf
        ("side.html", HTML),
        ("billede.svg", b'<svg xmlns="http://www.w3.org/2000/svg"><script/></svg>'),
        ("notat.txt", b"  <html><script>alert(1)</script></html>"),  # markup is not text
        ("notat.txt", "Latin-1: \xe6\xf8\xe5".encode("latin-1")),  # not UTF-8
        ("notat.txt", b"text\x00with a NUL"),
        ("brev.docm", office(DOCM_MAIN, "word/document.xml", macro=True)),
        ("brev.docx", office(DOCX_MAIN, "word/document.xml", macro=True)),  # macros
        ("arkiv.zip", b"PK\x03\x04" + b"\x00" * 30),
        ("animation.gif", b"GIF89a\x01\x00\x01\x00\x00\x00\x00;"),
    ],
)
def test_types_not_on_the_allow_list_are_refused(
    persona: Callable[[str], User], name: str, content: bytes
) -> None:
    concern = make_concern()
    with pytest.raises(ValidationError) as error:
        add(persona, concern, name, content)
    assert error.value.code == "type_not_allowed"
    assert not ConcernAttachment.objects.exists()


def test_content_and_name_must_agree(persona: Callable[[str], User]) -> None:
    concern = make_concern()
    for name in ("rapport.txt", "rapport", "rapport.png", "rapport.pdf.exe"):
        with pytest.raises(ValidationError) as error:
            add(persona, concern, name, PDF)
        assert error.value.code == "type_mismatch", name
        assert ".pdf" in error.value.messages[0]
    assert not ConcernAttachment.objects.exists()


def test_refused_type_shows_the_form_again_with_a_danish_error(
    client_for: Callable[[str], Client],
) -> None:
    concern = make_concern()
    response = client_for("coordinator").post(
        add_url(concern),
        {"file": upload("rapport.pdf", HTML), "description": "Min beskrivelse"},
    )
    assert response.status_code == 200
    body = response.content.decode()
    assert "Der er fejl i formularen" in body
    assert "Filtypen er ikke tilladt" in body
    assert "Min beskrivelse" in body  # what was typed is kept
    assert 'enctype="multipart/form-data"' in body
    assert not ConcernAttachment.objects.exists()


def test_empty_file_is_refused(
    persona: Callable[[str], User], client_for: Callable[[str], Client]
) -> None:
    concern = make_concern()
    with pytest.raises(ValidationError) as error:
        add(persona, concern, "tom.txt", b"")
    assert error.value.code == "empty"
    response = client_for("coordinator").post(add_url(concern), {"file": upload("tom.txt", b"")})
    assert response.status_code == 200
    assert "Filen er tom" in response.content.decode()
    assert not ConcernAttachment.objects.exists()


def test_missing_file_is_refused(client_for: Callable[[str], Client]) -> None:
    concern = make_concern()
    response = client_for("coordinator").post(add_url(concern), {"description": "Uden fil"})
    assert response.status_code == 200
    assert response.context["form"].errors["file"]
    assert not ConcernAttachment.objects.exists()


@override_settings(INFOHUS_ATTACHMENT_MAX_BYTES=100)
def test_too_large_file_is_refused(
    persona: Callable[[str], User], client_for: Callable[[str], Client]
) -> None:
    concern = make_concern()
    big = TEXT * 10
    assert len(big) > 100
    with pytest.raises(ValidationError) as error:
        add(persona, concern, "stor.txt", big)
    assert error.value.code == "too_large"
    response = client_for("coordinator").post(add_url(concern), {"file": upload("stor.txt", big)})
    assert response.status_code == 200
    assert "Filen er for stor" in response.content.decode()
    assert "100\xa0bytes" in response.content.decode()  # filesizeformat: no line break
    assert not ConcernAttachment.objects.exists()
    # Exactly at the limit is fine.
    assert add(persona, concern, "lige.txt", b"x" * 100).size == 100


def test_upload_handler_holds_no_more_than_the_limit() -> None:
    """A too large upload is counted, not kept: memory stays bounded, and the real size
    reaches the action, which refuses it."""
    handler = AttachmentUploadHandler(RequestFactory().post("/"), max_bytes=10)
    handler.new_file("file", "stor.txt", "text/plain", None)
    for start in range(0, 1000, 100):
        handler.receive_data_chunk(b"a" * 100, start)
    uploaded = handler.file_complete(1000)
    assert uploaded is not None and uploaded.size == 1000
    assert len(uploaded.read()) == 11
    # A second file, or one in another field, is dropped unread.
    handler.new_file("file", "anden.txt", "text/plain", None)
    handler.receive_data_chunk(b"b" * 5, 0)
    assert handler.file_complete(5) is None


@override_settings(INFOHUS_ATTACHMENTS_PER_CONCERN=2)
def test_at_most_so_many_attachments_per_concern(
    persona: Callable[[str], User], client_for: Callable[[str], Client]
) -> None:
    concern = make_concern()
    first = add(persona, concern, "a.txt")
    add(persona, concern, "b.txt")
    with pytest.raises(ValidationError) as error:
        add(persona, concern, "c.txt")
    assert error.value.code == "too_many"
    response = client_for("coordinator").post(add_url(concern), {"file": upload("c.txt", TEXT)})
    assert response.status_code == 200
    assert "har allerede 2 bilag" in response.content.decode()
    # A removed attachment no longer counts.
    attachment_actions.remove_attachment(
        actor=persona("coordinator"), attachment=first, reason="Forkert fil."
    )
    assert add(persona, concern, "c.txt").filename == "c.txt"


def test_filename_is_sanitised(persona: Callable[[str], User]) -> None:
    concern = make_concern()
    attachment = add(persona, concern, "../../etc/\u202egpj\x07.exe.txt")
    assert attachment.filename == "gpj.exe.txt"
    assert attachment_types.clean_filename("C:\\Users\\x\\..\\rapport.pdf") == "rapport.pdf"
    assert attachment_types.clean_filename(' .skjult<fil>"navn".txt ') == "skjult_fil__navn_.txt"
    long_name = attachment_types.clean_filename("a" * 300 + ".pdf")
    assert len(long_name) == 200 and long_name.endswith(".pdf")


def test_description_is_limited(persona: Callable[[str], User]) -> None:
    with pytest.raises(ValidationError) as error:
        add(persona, make_concern(), description="x" * 501)
    assert error.value.code == "description_too_long"


# --- who may do what ----------------------------------------------------------------------


def test_persona_matrix_for_adding(client_for: Callable[[str], Client]) -> None:
    concern = make_concern()
    for key in sorted(PERSONAS):
        expected = 200 if key in DISTRICT_STAFF else 404
        client = client_for(key)
        assert client.get(add_url(concern)).status_code == expected, key
        response = client.post(add_url(concern), {"file": upload("notat.txt", TEXT)})
        assert response.status_code == (302 if key in DISTRICT_STAFF else 404), key
    assert ConcernAttachment.objects.count() == len(DISTRICT_STAFF)
    assert_login_redirect(client_for("anonymous"), add_url(concern))


def test_persona_matrix_for_downloading(
    client_for: Callable[[str], Client], persona: Callable[[str], User]
) -> None:
    attachment = add(persona, make_concern())
    for key in sorted(PERSONAS):
        expected = 200 if key in DISTRICT_STAFF else 404
        assert client_for(key).get(download_url(attachment)).status_code == expected, key
    assert_login_redirect(client_for("anonymous"), download_url(attachment))


def test_persona_matrix_for_removing(
    client_for: Callable[[str], Client], persona: Callable[[str], User]
) -> None:
    attachment = add(persona, make_concern())
    expected = {"coordinator": 200, "prevention_officer": 403, "analyst": 403}
    for key in sorted(PERSONAS):
        client = client_for(key)
        assert client.get(remove_url(attachment)).status_code == expected.get(key, 404), key
        status = client.post(remove_url(attachment)).status_code
        assert status == expected.get(key, 404), key  # the coordinator: no reason, form again
    assert_login_redirect(client_for("anonymous"), remove_url(attachment))
    attachment.refresh_from_db()
    assert not attachment.is_removed


def test_actions_refuse_those_without_the_capability(persona: Callable[[str], User]) -> None:
    concern = make_concern()
    for key in ("coordinator_fyn", "municipal_contact", "pet_triage", "system_admin"):
        with pytest.raises(PermissionDenied):
            add(persona, concern, who=key)
    attachment = add(persona, concern)
    for key in ("prevention_officer", "analyst", "coordinator_fyn"):
        with pytest.raises(PermissionDenied):
            attachment_actions.remove_attachment(
                actor=persona(key), attachment=attachment, reason="Forkert fil."
            )


def test_attachment_of_another_concern_is_404(
    client_for: Callable[[str], Client], persona: Callable[[str], User]
) -> None:
    attachment = add(persona, make_concern())
    other = make_concern()
    client = client_for("coordinator")
    for name in ("download_attachment", "remove_attachment"):
        path = url(name, pk=other.pk, attachment_pk=attachment.pk)
        assert client.get(path).status_code == 404, name
    assert client.get(
        url("download_attachment", pk=other.pk, attachment_pk=999999)
    ).status_code == (404)


def test_other_district_sees_the_attachment_once_the_concern_is_transferred(
    client_for: Callable[[str], Client], persona: Callable[[str], User]
) -> None:
    from infohus.intake import inbox_actions
    from infohus.organisations.models import PoliceDistrict

    concern = make_concern()
    attachment = add(persona, concern)
    assert client_for("coordinator_fyn").get(download_url(attachment)).status_code == 404
    inbox_actions.transfer_concern(
        actor=persona("coordinator"),
        concern=concern,
        to_district=PoliceDistrict.objects.get(slug="fyns-politi"),
        reason="Personen er flyttet.",
    )
    assert client_for("coordinator_fyn").get(download_url(attachment)).content == TEXT
    assert client_for("coordinator").get(download_url(attachment)).status_code == 404


def test_upload_checks_the_csrf_token(persona: Callable[[str], User]) -> None:
    concern = make_concern()
    client = login(Client(enforce_csrf_checks=True), persona("coordinator"))
    assert client.post(add_url(concern), {"file": upload("a.txt", TEXT)}).status_code == 403
    client.get(add_url(concern))
    token = client.cookies[settings.CSRF_COOKIE_NAME].value
    response = client.post(
        add_url(concern), {"file": upload("a.txt", TEXT), "csrfmiddlewaretoken": token}
    )
    assert response.status_code == 302
    assert ConcernAttachment.objects.count() == 1


# --- the download ----------------------------------------------------------------------


def test_download_headers(
    client_for: Callable[[str], Client], persona: Callable[[str], User]
) -> None:
    attachment = add(persona, make_concern(), "Bekymring for Ærø.txt")
    response = client_for("coordinator").get(download_url(attachment))
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    disposition = response["Content-Disposition"]
    assert disposition.startswith("attachment;")
    assert "filename*=UTF-8''Bekymring%20for%20%C3%86r%C3%B8.txt" in disposition
    assert 'filename="Bekymring for _r_.txt"' in disposition  # ASCII fallback for old clients
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "no-store" in response["Cache-Control"]
    assert "sandbox" in response["Content-Security-Policy"]
    assert response["Content-Length"] == str(len(TEXT))


def test_email_is_served_as_octet_stream(
    client_for: Callable[[str], Client], persona: Callable[[str], User]
) -> None:
    attachment = add(persona, make_concern(), "mail.eml", EML)
    response = client_for("analyst").get(download_url(attachment))
    assert response["Content-Type"] == "application/octet-stream"
    assert response.content == EML


def test_download_refuses_post(
    client_for: Callable[[str], Client], persona: Callable[[str], User]
) -> None:
    attachment = add(persona, make_concern())
    assert client_for("coordinator").post(download_url(attachment)).status_code == 405
    assert client_for("system_admin").post(download_url(attachment)).status_code == 404


def test_altered_or_swapped_ciphertext_is_never_served(persona: Callable[[str], User]) -> None:
    concern = make_concern()
    first = add(persona, concern, "a.txt", b"first file")
    second = add(persona, concern, "b.txt", b"second file")
    stored = bytes(ConcernAttachment.objects.get(pk=first.pk).ciphertext)
    assert crypto.decrypt_bytes(stored, context=ATTACHMENT_CRYPTO_CONTEXT) == b"first file"
    with pytest.raises(crypto.DecryptionError):
        crypto.decrypt_bytes(stored[:-1] + bytes([stored[-1] ^ 1]), context="attachment")
    with pytest.raises(crypto.DecryptionError):
        crypto.decrypt_bytes(stored, context="cpr")
    # Someone with database access swaps two files: the digest gives it away.
    ConcernAttachment.objects.filter(pk=second.pk).update(ciphertext=stored)
    client = login(Client(raise_request_exception=True), persona("coordinator"))
    with pytest.raises(crypto.DecryptionError):
        client.get(download_url(second))


# --- removal -------------------------------------------------------------------------------


def test_removal_wipes_the_content_and_keeps_the_line(
    client_for: Callable[[str], Client], persona: Callable[[str], User]
) -> None:
    concern = make_concern()
    attachment = add(persona, concern, "forkert.txt")
    client = client_for("coordinator")
    response = client.post(remove_url(attachment), {"reason": "Hører til en anden sag."})
    assert response.status_code == 302
    attachment.refresh_from_db()
    assert attachment.is_removed
    assert bytes(attachment.ciphertext) == b""
    assert attachment.removed_by == persona("coordinator")
    assert attachment.removed_reason == "Hører til en anden sag."
    assert attachment.filename == "forkert.txt"
    assert client.get(download_url(attachment)).status_code == 404
    body = client.get(url("concern_detail", pk=concern.pk)).content.decode()
    assert "forkert.txt" in body and "(fjernet)" in body
    assert "Hører til en anden sag." in body
    assert download_url(attachment) not in body and remove_url(attachment) not in body
    history = body[body.index("concern-history") :]
    assert "Bilag fjernet: forkert.txt. Begrundelse: Hører til en anden sag." in history


def test_removal_needs_a_reason_and_happens_once(
    client_for: Callable[[str], Client], persona: Callable[[str], User]
) -> None:
    attachment = add(persona, make_concern())
    response = client_for("coordinator").post(remove_url(attachment), {"reason": "  "})
    assert response.status_code == 200
    assert "Der er fejl i formularen" in response.content.decode()
    attachment.refresh_from_db()
    assert not attachment.is_removed and bytes(attachment.ciphertext)
    coordinator = persona("coordinator")
    attachment_actions.remove_attachment(actor=coordinator, attachment=attachment, reason="Fejl.")
    with pytest.raises(ValidationError) as error:
        attachment_actions.remove_attachment(
            actor=coordinator, attachment=attachment, reason="Igen."
        )
    assert error.value.code == "already_removed"


# --- audit ------------------------------------------------------------------------------


def test_add_download_and_remove_are_audited_without_content(
    client_for: Callable[[str], Client], persona: Callable[[str], User]
) -> None:
    concern = make_concern()
    secret = b"Hemmeligt indhold om personen."
    attachment = add(persona, concern, "notat.txt", secret)
    added = AuditEvent.objects.get(verb="CONCERN_ATTACHMENT_ADDED")
    assert added.object_id == str(attachment.pk)
    assert added.actor == persona("prevention_officer")
    assert added.changes["filename"] == {"from": None, "to": "notat.txt"}
    assert added.changes["size"] == {"from": None, "to": len(secret)}
    assert added.changes["content_type"] == {"from": None, "to": "text/plain"}
    assert added.changes["_details"]["concern"] == concern.reference
    assert concern.reference in added.object_label and "notat" not in added.object_label

    client_for("analyst").get(download_url(attachment))
    read = AuditEvent.objects.get(verb="CONCERN_ATTACHMENT_DOWNLOADED")
    assert read.object_id == str(attachment.pk) and read.actor == persona("analyst")

    attachment_actions.remove_attachment(
        actor=persona("coordinator"), attachment=attachment, reason="Forkert fil."
    )
    removed = AuditEvent.objects.get(verb="CONCERN_ATTACHMENT_REMOVED")
    assert removed.changes["_details"]["reason"] == "Forkert fil."
    assert removed.changes["content"] == {"from": "stored", "to": "wiped"}

    everything = json.dumps(list(AuditEvent.objects.values("changes", "object_label")))
    assert "Hemmeligt" not in everything


def test_refused_download_is_audited(
    client_for: Callable[[str], Client], persona: Callable[[str], User]
) -> None:
    attachment = add(persona, make_concern())
    client_for("coordinator_fyn").get(download_url(attachment))
    assert AuditEvent.objects.filter(
        verb="ACCESS_DENIED", object_type="intake.concern", object_id=str(attachment.concern_id)
    ).exists()
    assert not AuditEvent.objects.filter(verb="CONCERN_ATTACHMENT_DOWNLOADED").exists()


# --- the concern page ---------------------------------------------------------------------


def test_concern_page_lists_attachments_and_offers_adding(
    client_for: Callable[[str], Client], persona: Callable[[str], User]
) -> None:
    concern = make_concern()
    attachment = add(persona, concern, "rapport.pdf", PDF, description="Brev fra skolen")
    detail = url("concern_detail", pk=concern.pk)
    body = client_for("analyst").get(detail).content.decode()
    assert 'id="bilag"' in body
    assert download_url(attachment) in body
    assert "rapport.pdf" in body and "Brev fra skolen" in body and "PDF" in body
    assert "Test Forebygger Østjylland" in body
    assert add_url(concern) in body and "Tilføj bilag" in body
    assert remove_url(attachment) not in body  # the analyst may not remove
    history = body[body.index("concern-history") :]
    assert "Bilag tilføjet: rapport.pdf" in history
    body = client_for("coordinator").get(detail).content.decode()
    assert remove_url(attachment) in body


def test_concern_page_without_attachments(client_for: Callable[[str], Client]) -> None:
    concern = make_concern()
    body = client_for("coordinator").get(url("concern_detail", pk=concern.pk)).content.decode()
    assert "Ingen bilag." in body
    assert add_url(concern) in body
