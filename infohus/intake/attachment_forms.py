"""Forms for a concern's attachments. They parse input; the rules (allowed types, size,
how many) live in attachment_actions.py, whose ValidationErrors are put back on the field
they concern (ActionForm.add_action_error)."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from infohus.intake.attachment_actions import DESCRIPTION_MAX_LENGTH
from infohus.intake.attachment_types import ACCEPT
from infohus.intake.inbox_actions import REASON_MAX_LENGTH
from infohus.organisations.forms import ActionForm


class AttachmentForm(ActionForm):
    file = forms.FileField(
        label=_("Fil"),
        # Empty files are refused by the action, with its own message.
        allow_empty_file=True,
        widget=forms.FileInput(attrs={"accept": ACCEPT}),
        help_text=_(
            "PDF, PNG, JPEG, tekst (UTF-8), Word (.docx), Excel (.xlsx) eller e-mail (.eml). "
            "Bilaget gemmes krypteret og kan kun hentes af kredsens Infohus."
        ),
    )
    description = forms.CharField(
        label=_("Beskrivelse"),
        required=False,
        max_length=DESCRIPTION_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Fx hvad filen viser, og hvor den kommer fra."),
    )
    action_error_fields = {
        "empty": "file",
        "too_large": "file",
        "type_not_allowed": "file",
        "type_mismatch": "file",
        "description_too_long": "description",
        "too_many": None,
    }


class RemoveAttachmentForm(ActionForm):
    reason = forms.CharField(
        label=_("Begrundelse"),
        max_length=REASON_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_(
            "Fx at filen hører til en anden henvendelse. Filens indhold slettes; navnet, "
            "hvem der tilføjede og fjernede den, og begrundelsen bliver stående i historikken."
        ),
    )
    action_error_fields = {
        "reason_required": "reason",
        "reason_too_long": "reason",
        "already_removed": None,
    }
