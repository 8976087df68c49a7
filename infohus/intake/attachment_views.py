"""A concern's attachments (bilag): adding a file, downloading it, removing it.

Every view starts with the concern's access helper, so anyone outside the district's
Infohus gets the concern's 404 before anything else is looked at; an attachment of
another concern is a 404 too. Downloads are always saved, never shown in the browser:
``Content-Disposition: attachment``, ``nosniff``, a sandboxing CSP and ``no-store``.
"""

from __future__ import annotations

import hashlib
import io
import unicodedata
from typing import Any
from urllib.parse import quote

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import InMemoryUploadedFile
from django.core.files.uploadhandler import FileUploadHandler
from django.http import HttpRequest, HttpResponse, HttpResponseNotAllowed
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.cache import patch_cache_control
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt, csrf_protect

from infohus.core import audit, crypto
from infohus.core.permissions import deny
from infohus.intake import attachment_actions
from infohus.intake.attachment_forms import AttachmentForm, RemoveAttachmentForm
from infohus.intake.attachment_permissions import (
    attachments_of,
    can_add_attachment,
    can_remove_attachment,
    get_attachment_for_user,
)
from infohus.intake.attachment_types import served_as
from infohus.intake.models import Concern, ConcernAttachment
from infohus.intake.models.attachment import ATTACHMENT_CRYPTO_CONTEXT
from infohus.intake.permissions import get_concern_for_user
from infohus.organisations.views import ALLOWED_GET, breadcrumbs

UPLOAD_FIELD = "file"


class AttachmentUploadHandler(FileUploadHandler):
    """Keeps the one uploaded file in memory, never on disk (a temporary file would lie
    there unencrypted), and at most ``max_bytes`` + 1 of it: beyond that the bytes are
    only counted, so a too large file is refused with its real size without being held.
    Other file fields, and further files in the same field, are dropped unread."""

    def __init__(self, request: HttpRequest, *, max_bytes: int) -> None:
        super().__init__(request)
        self.max_bytes = max_bytes
        self.buffer: io.BytesIO | None = None
        self.taken = False

    def new_file(self, *args: Any, **kwargs: Any) -> None:
        super().new_file(*args, **kwargs)
        wanted = self.field_name == UPLOAD_FIELD and not self.taken
        self.buffer = io.BytesIO() if wanted else None
        self.taken = self.taken or wanted

    def receive_data_chunk(self, raw_data: bytes, start: int) -> None:
        if self.buffer is not None:
            room = self.max_bytes + 1 - self.buffer.tell()
            if room > 0:
                self.buffer.write(raw_data[:room])

    def file_complete(self, file_size: int) -> InMemoryUploadedFile | None:
        if self.buffer is None:
            return None
        self.buffer.seek(0)
        return InMemoryUploadedFile(
            file=self.buffer,
            field_name=self.field_name,
            name=self.file_name or "",
            content_type=self.content_type or "application/octet-stream",
            size=file_size,
            charset=self.charset,
            content_type_extra=self.content_type_extra,
        )


def _crumbs(concern: Concern, here: str) -> list[tuple[Any, str]]:
    return breadcrumbs(
        (_("Indbakke"), reverse("intake:inbox")),
        (concern.reference, reverse("intake:concern_detail", args=[concern.pk])),
        (here, ""),
    )


def _back_to_concern(concern: Concern) -> HttpResponse:
    return redirect(f"{reverse('intake:concern_detail', args=[concern.pk])}#bilag")


# CSRF is checked in _add_attachment instead, once the upload handler is in place: the
# middleware would read the body (and the file) before the view could choose how.
@csrf_exempt
def add_attachment(request: HttpRequest, pk: int) -> HttpResponse:
    """Attach a file to a concern (GET: the form; POST: multipart upload)."""
    concern = get_concern_for_user(request.user, pk, for_write=True)
    if not can_add_attachment(request.user, concern):
        raise deny(request.user, concern, reason="not_district_infohus")
    if request.method not in ("POST", *ALLOWED_GET):
        return HttpResponseNotAllowed(["GET", "POST"])
    request.upload_handlers = [
        AttachmentUploadHandler(request, max_bytes=settings.INFOHUS_ATTACHMENT_MAX_BYTES)
    ]
    return _add_attachment(request, concern)


@csrf_protect
def _add_attachment(request: HttpRequest, concern: Concern) -> HttpResponse:
    if request.method == "POST":
        form = AttachmentForm(request.POST, request.FILES)
        if form.is_valid():
            try:
                attachment = attachment_actions.add_attachment(
                    actor=request.user,
                    concern=concern,
                    upload=form.cleaned_data["file"],
                    description=form.cleaned_data["description"],
                )
            except ValidationError as error:
                form.add_action_error(error)
            else:
                messages.success(
                    request,
                    _("Bilaget %(name)s er tilføjet.") % {"name": attachment.filename},
                )
                return _back_to_concern(concern)
    else:
        form = AttachmentForm()
    return render(
        request,
        "intake/staff/attachment_add.html",
        {
            "concern": concern,
            "form": form,
            "max_size": settings.INFOHUS_ATTACHMENT_MAX_BYTES,
            "breadcrumbs": _crumbs(concern, _("Tilføj bilag")),
        },
    )


def _content_disposition(filename: str) -> str:
    """RFC 6266: an ASCII fallback for old clients, and the real name as UTF-8."""
    fallback = "".join(
        ch if " " <= ch <= "~" and ch not in '"\\' else "_"
        for ch in unicodedata.normalize("NFKD", filename)
        if not unicodedata.combining(ch)  # "é" becomes "e", not "e_"
    )
    return f"attachment; filename=\"{fallback or 'bilag'}\"; filename*=UTF-8''{quote(filename, safe='')}"


def download_attachment(request: HttpRequest, pk: int, attachment_pk: int) -> HttpResponse:
    """The file as it was uploaded, as a download; every download is audited."""
    concern = get_concern_for_user(request.user, pk)
    attachment = get_attachment_for_user(request.user, concern, attachment_pk, for_download=True)
    if request.method not in ALLOWED_GET:
        return HttpResponseNotAllowed(ALLOWED_GET)
    content = _plaintext(attachment)
    audit.record_read(request.user, attachment, verb="CONCERN_ATTACHMENT_DOWNLOADED")
    response = HttpResponse(content, content_type=served_as(attachment.content_type))
    response["Content-Disposition"] = _content_disposition(attachment.filename)
    response["Content-Length"] = str(len(content))
    response["X-Content-Type-Options"] = "nosniff"
    # Should a browser ever render it anyway: no scripts, no plugins, no requests.
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    patch_cache_control(response, no_store=True, private=True)
    return response


def _plaintext(attachment: ConcernAttachment) -> bytes:
    """Decrypt, and check it is this attachment's file: AES-GCM proves the ciphertext was
    not altered, the digest that it was not swapped with another attachment's."""
    content = crypto.decrypt_bytes(bytes(attachment.ciphertext), context=ATTACHMENT_CRYPTO_CONTEXT)
    if hashlib.sha256(content).hexdigest() != attachment.sha256:
        raise crypto.DecryptionError(f"attachment {attachment.pk} does not match its digest")
    return content


def remove_attachment(request: HttpRequest, pk: int, attachment_pk: int) -> HttpResponse:
    """Remove an attachment with a reason (the district's coordinator): its content is
    deleted, the line stays in the concern's history."""
    concern = get_concern_for_user(request.user, pk, for_write=True)
    attachment = get_attachment_for_user(request.user, concern, attachment_pk)
    if not can_remove_attachment(request.user, concern):
        raise deny(request.user, attachment, reason="not_coordinator")
    if request.method == "POST":
        form = RemoveAttachmentForm(request.POST)
        if form.is_valid():
            try:
                attachment_actions.remove_attachment(
                    actor=request.user, attachment=attachment, reason=form.cleaned_data["reason"]
                )
            except ValidationError as error:
                form.add_action_error(error)
            else:
                messages.success(
                    request, _("Bilaget %(name)s er fjernet.") % {"name": attachment.filename}
                )
                return _back_to_concern(concern)
    elif request.method in ALLOWED_GET:
        form = RemoveAttachmentForm()
    else:
        return HttpResponseNotAllowed(["GET", "POST"])
    return render(
        request,
        "intake/staff/attachment_remove.html",
        {
            "concern": concern,
            "attachment": attachment,
            "form": form,
            "breadcrumbs": _crumbs(concern, _("Fjern bilag")),
        },
    )


def detail_context(user: Any, concern: Concern) -> dict[str, Any]:
    """The concern page's attachments section: the list (without content) and what the
    user may do with it."""
    return {
        "attachments": list(attachments_of(user, concern)),
        "can_add_attachment": can_add_attachment(user, concern),
        "can_remove_attachment": can_remove_attachment(user, concern),
    }
