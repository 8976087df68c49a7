"""Forms for user administration and the organisation directory.

The forms parse and check input; the rules about the data (a role must fit its
unit, usernames are unique, you cannot deactivate yourself) live in actions.py.
A ValidationError from an action is put back on the form field it concerns with
:meth:`ActionForm.add_action_error`, so the page shows it where it belongs and
keeps everything the user entered.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from django import forms
from django.contrib.auth.validators import UnicodeUsernameValidator
from django.core.exceptions import ValidationError
from django.db.models import Q, QuerySet
from django.utils.translation import gettext_lazy as _

from infohus.accounts.models import User
from infohus.organisations.models import Membership, Organisation, Unit
from infohus.organisations.roles import OrganisationKind, Role

REASON_MAX_LENGTH = 500
# The submit button that only reloads the form to show the chosen organisation's units.
CHOOSE_ORGANISATION = "choose_organisation"


class ActionForm(forms.Form):
    """A form whose data goes to one action. ``action_error_fields`` maps the codes of
    the action's ValidationErrors to the field they concern (None: the whole form)."""

    action_error_fields: Mapping[str, str | None] = {}

    def add_action_error(self, error: ValidationError) -> None:
        for item in error.error_list:
            field = self.action_error_fields.get(item.code or "")
            self.add_error(field if field in self.fields else None, item)


def organisation_choices(
    organisations: QuerySet[Organisation],
) -> tuple[list[tuple[Any, Any]], dict[str, Organisation]]:
    """The organisations as <select> choices grouped by kind (in the kinds' declared order),
    and the same organisations by primary key (as a string, as the form submits it)."""
    by_pk = {str(org.pk): org for org in organisations.order_by("name")}
    groups: list[tuple[Any, Any]] = []
    for kind in OrganisationKind:
        members = [(pk, org.name) for pk, org in by_pk.items() if org.kind == kind]
        if members:
            groups.append((kind.label, members))
    return groups, by_pk


if TYPE_CHECKING:
    _UnitChoiceBase = forms.ModelChoiceField[Unit]
else:  # the stubs make the field generic; Django's class is not subscriptable at run time
    _UnitChoiceBase = forms.ModelChoiceField


class UnitChoiceField(_UnitChoiceBase):
    def label_from_instance(self, obj: Unit) -> str:
        # Not str(unit), which names the organisation too (one query per option).
        return obj.name


class MembershipFieldsForm(ActionForm):
    """Organisation → unit → role. Only the chosen organisation's units are offered:
    without JavaScript the user picks the organisation and presses "Vis enheder"
    (the page comes back with everything entered kept); with htmx the unit list
    follows the organisation at once."""

    organisation = forms.ChoiceField(label=_("Organisation"))
    unit = UnitChoiceField(
        label=_("Enhed"),
        queryset=Unit.objects.none(),
        error_messages={"invalid_choice": _("Vælg en enhed i den valgte organisation.")},
    )
    role = forms.ChoiceField(
        label=_("Rolle"),
        choices=[("", "---------"), *Role.choices],
        help_text=_("Rollen skal passe til enhedens type, fx sidder en analytiker i EAE."),
    )

    action_error_fields = {"role_unit_mismatch": "role", "duplicate": "role"}
    choose_organisation_name = CHOOSE_ORGANISATION
    # The element around the unit field that htmx replaces.
    unit_field_id = "unit-field"

    def __init__(
        self,
        *args: Any,
        organisations: QuerySet[Organisation],
        refresh_url: str = "",
        **kwargs: Any,
    ) -> None:
        """``refresh_url``: where htmx posts the form when the organisation changes
        (the page's own URL); the response's unit field replaces this one."""
        super().__init__(*args, **kwargs)
        choices, self._organisations = organisation_choices(organisations)
        org_field = self.fields["organisation"]
        assert isinstance(org_field, forms.ChoiceField)
        org_field.choices = [("", "---------"), *choices]
        self.chosen_organisation = self._organisations.get(str(self._raw("organisation") or ""))
        unit_field = self.fields["unit"]
        assert isinstance(unit_field, UnitChoiceField)
        if self.chosen_organisation is None:
            unit_field.help_text = _("Vælg først en organisation.")
        else:
            unit_field.queryset = Unit.objects.filter(
                organisation=self.chosen_organisation
            ).order_by("name")
        if refresh_url:
            unit_group = f"#{self.unit_field_id}"
            org_field.widget.attrs.update(
                {
                    "hx-post": refresh_url,
                    "hx-trigger": "change",
                    "hx-vals": json.dumps({CHOOSE_ORGANISATION: "1"}),
                    "hx-select": unit_group,
                    "hx-target": unit_group,
                    "hx-swap": "outerHTML",
                }
            )

    def _raw(self, name: str) -> Any:
        """The submitted value of a field, or its initial value on an unbound form."""
        if self.is_bound:
            return self.data.get(self.add_prefix(name))
        return self.initial.get(name)

    def clean_organisation(self) -> Organisation:
        organisation = self._organisations.get(str(self.cleaned_data["organisation"]))
        if organisation is None:  # ChoiceField has already refused anything else
            raise ValidationError(_("Vælg en organisation."), code="invalid_choice")
        return organisation


class CreateUserForm(MembershipFieldsForm):
    """A new staff account and its first membership. No password: the user chooses one
    through the password-reset link sent to the e-mail address, so it is required."""

    username = forms.CharField(
        label=_("Brugernavn"),
        max_length=150,
        validators=[UnicodeUsernameValidator()],
        help_text=_("Bogstaver, tal og @ . + - _ (ingen mellemrum)."),
    )
    full_name = forms.CharField(label=_("Fulde navn"), max_length=200)
    email = forms.EmailField(
        label=_("E-mail"),
        help_text=_("Brugeren får et link til at vælge adgangskode på denne adresse."),
    )

    field_order = ["username", "full_name", "email", "organisation", "unit", "role"]
    action_error_fields = {**MembershipFieldsForm.action_error_fields, "username_taken": "username"}

    def clean_username(self) -> str:
        return str(self.cleaned_data["username"]).strip()

    def clean_full_name(self) -> str:
        return str(self.cleaned_data["full_name"]).strip()


class AddMembershipForm(MembershipFieldsForm):
    """Another role for an existing user."""


class UpdateUserForm(ActionForm):
    full_name = forms.CharField(label=_("Fulde navn"), max_length=200)
    email = forms.EmailField(label=_("E-mail"))

    def clean_full_name(self) -> str:
        return str(self.cleaned_data["full_name"]).strip()


class ReasonForm(ActionForm):
    """The reason an administrator gives for a change; it goes into the audit entry."""

    reason = forms.CharField(
        label=_("Begrundelse"),
        max_length=REASON_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Skrives i auditloggen, fx sagsnummer eller henvendelse."),
    )
    action_error_fields = {"self": None}

    def clean_reason(self) -> str:
        reason = str(self.cleaned_data["reason"]).strip()
        if not reason:
            raise ValidationError(_("Skriv en begrundelse."), code="required")
        return reason


class UserFilterForm(ActionForm):
    """Search and filters of the user list (GET)."""

    q = forms.CharField(
        label=_("Søg"),
        required=False,
        max_length=150,
        help_text=_("Brugernavn eller navn."),
    )
    organisation = forms.ChoiceField(label=_("Organisation"), required=False)
    role = forms.ChoiceField(
        label=_("Rolle"), required=False, choices=[("", _("Alle roller")), *Role.choices]
    )

    def __init__(self, *args: Any, organisations: QuerySet[Organisation], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        choices, self._organisations = organisation_choices(organisations)
        org_field = self.fields["organisation"]
        assert isinstance(org_field, forms.ChoiceField)
        org_field.choices = [("", _("Alle organisationer")), *choices]

    def filter(self, users: QuerySet[User]) -> QuerySet[User]:
        """``users`` narrowed to the search (only after is_valid()). Organisation and role
        apply to one and the same active membership."""
        q = str(self.cleaned_data.get("q") or "").strip()
        if q:
            users = users.filter(Q(username__icontains=q) | Q(full_name__icontains=q))
        organisation = self._organisations.get(str(self.cleaned_data.get("organisation") or ""))
        role = self.cleaned_data.get("role") or ""
        if organisation is not None or role:
            memberships = Membership.objects.filter(is_active=True)
            if organisation is not None:
                memberships = memberships.filter(unit__organisation=organisation)
            if role:
                memberships = memberships.filter(role=role)
            users = users.filter(pk__in=memberships.values("user_id"))
        return users


class DirectorySearchForm(forms.Form):
    q = forms.CharField(label=_("Søg efter navn"), required=False, max_length=150)

    def query(self) -> str:
        return str(self.cleaned_data.get("q") or "").strip() if self.is_valid() else ""
