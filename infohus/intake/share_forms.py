"""Forms for sharing a concern with a municipal contact unit and withdrawing a share."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from infohus.disclosures.actions import PURPOSE_MAX_LENGTH
from infohus.intake.inbox_actions import REASON_MAX_LENGTH
from infohus.intake.sharing import SHARE_LEGAL_BASES, SHAREABLE_ITEMS
from infohus.organisations.forms import ActionForm
from infohus.organisations.models import Unit

if TYPE_CHECKING:
    _UnitChoiceBase = forms.ModelChoiceField[Unit]
else:  # the stubs make the field generic; Django's class is not subscriptable at run time
    _UnitChoiceBase = forms.ModelChoiceField


class ContactUnitField(_UnitChoiceBase):
    def label_from_instance(self, obj: Unit) -> str:
        return f"{obj.organisation.name}: {obj.name}"


class ShareConcernForm(ActionForm):
    unit = ContactUnitField(label=_("Del med"), queryset=Unit.objects.none())
    items = forms.MultipleChoiceField(
        label=_("Hvilke oplysninger deles?"),
        choices=list(SHAREABLE_ITEMS.items()),
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Del kun det, kommunen har brug for. Indberetterens identitet deles aldrig."),
    )
    legal_basis = forms.ChoiceField(
        label=_("Retsgrundlag"),
        choices=[("", _("Vælg retsgrundlag")), *[(b.value, b.label) for b in SHARE_LEGAL_BASES]],
    )
    purpose = forms.CharField(
        label=_("Formål"),
        max_length=PURPOSE_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Fx at kommunen skal vurdere behovet for sociale foranstaltninger."),
    )
    action_error_fields = {
        "unit_not_in_district": "unit",
        "already_shared": "unit",
        "legal_basis_invalid": "legal_basis",
        "items_invalid": "items",
        "items_required": "items",
        "purpose_required": "purpose",
        "purpose_too_long": "purpose",
    }

    def __init__(self, *args: Any, units: QuerySet[Unit], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["unit"]
        assert isinstance(field, ContactUnitField)
        field.queryset = units


class WithdrawShareForm(ActionForm):
    reason = forms.CharField(
        label=_("Begrundelse"),
        max_length=REASON_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_(
            "Kontaktenheden mister adgangen med det samme. Delingen forbliver registreret."
        ),
    )
    action_error_fields = {"reason_required": "reason", "already_withdrawn": None}
