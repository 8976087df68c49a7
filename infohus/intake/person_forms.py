"""Forms for merging two person records and undoing a merge (coordinators)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from infohus.intake.inbox_actions import REASON_MAX_LENGTH
from infohus.organisations.forms import ActionForm

KEEP_THIS = "this"
KEEP_OTHER = "other"


def _reason_field(help_text: Any) -> forms.CharField:
    return forms.CharField(
        label=_("Begrundelse"),
        max_length=REASON_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=help_text,
    )


class MergePersonsForm(ActionForm):
    keep = forms.ChoiceField(
        label=_("Hvilken registrering skal bevares?"),
        choices=[
            (KEEP_THIS, _("Registreringen fra denne henvendelse")),
            (KEEP_OTHER, _("Den anden registrering")),
        ],
        widget=forms.RadioSelect,
        help_text=_(
            "Den anden registrering lægges ind under den, du bevarer. En registrering med "
            "CPR-nummer bør normalt bevares."
        ),
    )
    confirm = forms.BooleanField(
        label=_("Jeg har sikret mig, at de to registreringer er den samme person"),
    )
    reason = _reason_field(
        _("Hvad viser, at det er samme person? Begrundelsen kan ses af kredsens tovholdere.")
    )
    action_error_fields = {
        "reason_required": "reason",
        "reason_too_long": "reason",
        "same_person": None,
        "already_merged": None,
        "different_cpr": None,
    }


class UndoMergeForm(ActionForm):
    reason = _reason_field(_("Fx at det viste sig at være to forskellige personer."))
    action_error_fields = {
        "reason_required": "reason",
        "already_undone": None,
        "survivor_merged_since": None,
        "not_merged": None,
    }
