"""Adding files to a concern and removing them again. Each action is atomic, keyword-only
with an explicit actor, and writes its audit entry in the same transaction: an attachment
is stored with its concern and its audit entry, or not at all."""

from __future__ import annotations

import hashlib
from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.template.defaultfilters import filesizeformat
from django.utils import timezone
from django.utils.translation import gettext as _

from infohus.core import audit, crypto
from infohus.core.validation import clean_reason
from infohus.intake import attachment_types
from infohus.intake.attachment_permissions import can_add_attachment, can_remove_attachment
from infohus.intake.inbox_actions import REASON_MAX_LENGTH
from infohus.intake.models import Concern, ConcernAttachment
from infohus.intake.models.attachment import ATTACHMENT_CRYPTO_CONTEXT

DESCRIPTION_MAX_LENGTH = 500


def _read(upload: UploadedFile[Any], max_bytes: int) -> bytes:
    """The upload's bytes, refusing an empty or too large file before reading it whole."""
    if upload.size is not None and upload.size > max_bytes:
        raise ValidationError(
            _("Filen er for stor. Et bilag må højst fylde %(max)s.")
            % {"max": filesizeformat(max_bytes)},
            code="too_large",
        )
    upload.seek(0)
    data = bytes(upload.read(max_bytes + 1))
    if not data:
        raise ValidationError(_("Filen er tom. Vælg en fil med indhold."), code="empty")
    if len(data) > max_bytes:
        raise ValidationError(
            _("Filen er for stor. Et bilag må højst fylde %(max)s.")
            % {"max": filesizeformat(max_bytes)},
            code="too_large",
        )
    return data


@transaction.atomic
def add_attachment(
    *, actor: Any, concern: Concern, upload: UploadedFile[Any], description: str = ""
) -> ConcernAttachment:
    """Attach a file to a concern, encrypted at rest.

    The district's Infohus staff who handle the concern may add files to it. A file is
    kept only if its content is one of the allowed types (read from its first bytes, not
    the browser's claim) and its name's extension agrees; at most
    INFOHUS_ATTACHMENT_MAX_BYTES each and INFOHUS_ATTACHMENTS_PER_CONCERN per concern
    (removed ones do not count). The audit entry names the file, never its content.
    """
    # The concern under a row lock: two uploads at once cannot both take the last place.
    concern = Concern.objects.select_for_update().get(pk=concern.pk)
    if not can_add_attachment(actor, concern):
        raise PermissionDenied("not_district_infohus")
    limit = settings.INFOHUS_ATTACHMENTS_PER_CONCERN
    if concern.attachments.filter(removed_at__isnull=True).count() >= limit:
        raise ValidationError(
            _("Henvendelsen har allerede %(max)d bilag, som er det højeste antal.")
            % {"max": limit},
            code="too_many",
        )
    description = description.strip()
    if len(description) > DESCRIPTION_MAX_LENGTH:
        raise ValidationError(
            _("Beskrivelsen må højst være %(max)d tegn.") % {"max": DESCRIPTION_MAX_LENGTH},
            code="description_too_long",
        )
    data = _read(upload, settings.INFOHUS_ATTACHMENT_MAX_BYTES)
    filename = attachment_types.clean_filename(upload.name or "")
    detected = attachment_types.detect_type(data)
    if detected is None:
        raise ValidationError(
            _(
                "Filtypen er ikke tilladt. Du kan vedhæfte PDF, PNG, JPEG, tekst (UTF-8), "
                "Word (.docx), Excel (.xlsx) og e-mail (.eml)."
            ),
            code="type_not_allowed",
        )
    file_type = attachment_types.type_for(data, filename)
    if file_type is None:
        raise ValidationError(
            _(
                "Filens navn passer ikke til dens indhold (%(type)s). Giv filen endelsen "
                "%(extension)s, og prøv igen."
            )
            % {"type": detected.label, "extension": f".{detected.extensions[0]}"},
            code="type_mismatch",
        )
    attachment = ConcernAttachment.objects.create(
        concern=concern,
        filename=filename,
        content_type=file_type.content_type,
        size=len(data),
        sha256=hashlib.sha256(data).hexdigest(),
        ciphertext=crypto.encrypt_bytes(data, context=ATTACHMENT_CRYPTO_CONTEXT),
        description=description,
        uploaded_at=timezone.now(),
        uploaded_by=actor,
    )
    audit.record(
        "CONCERN_ATTACHMENT_ADDED",
        actor=actor,
        obj=attachment,
        changes={
            "filename": (None, attachment.filename),
            "content_type": (None, attachment.content_type),
            "size": (None, attachment.size),
            "sha256": (None, attachment.sha256),
        },
        details={"concern": concern.reference},
    )
    return attachment


def _clean_reason(reason: str) -> str:
    return clean_reason(reason, max_length=REASON_MAX_LENGTH)


@transaction.atomic
def remove_attachment(
    *, actor: Any, attachment: ConcernAttachment, reason: str
) -> ConcernAttachment:
    """Remove an attachment from its concern: its content is wiped at once, its row stays
    as history (name, who added it, who removed it, when and why).

    The coordinator's call, e.g. a file attached to the wrong concern or holding data
    the concern does not need (data minimisation, GDPR art. 5(1)(c)).
    """
    record = ConcernAttachment.objects.select_for_update().get(pk=attachment.pk)
    if not can_remove_attachment(actor, record.concern):
        raise PermissionDenied("not_coordinator")
    if record.removed_at is not None:
        raise ValidationError(_("Bilaget er allerede fjernet."), code="already_removed")
    cleaned = _clean_reason(reason)
    record.removed_at = timezone.now()
    record.removed_by = actor
    record.removed_reason = cleaned
    record.ciphertext = b""
    record.save(update_fields=["removed_at", "removed_by", "removed_reason", "ciphertext"])
    audit.record(
        "CONCERN_ATTACHMENT_REMOVED",
        actor=actor,
        obj=record,
        changes={"removed_at": (None, record.removed_at), "content": ("stored", "wiped")},
        details={"concern": record.concern.reference, "reason": cleaned},
    )
    return record
