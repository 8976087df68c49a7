"""Recording disclosures. Called by the workflow that makes information visible to
another organisation (a share, a hand-over, a case-conference packet, a notice), inside
its transaction, so the disclosure and the access it grants commit together."""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from infohus.core import audit
from infohus.core.validation import clean_reason, clean_text
from infohus.disclosures.legal import PREVENTION_ONLY_BASES, LegalBasis, Regime
from infohus.disclosures.models import Disclosure
from infohus.organisations.models import Organisation, Unit
from infohus.persons.models import FocusPerson

PURPOSE_MAX_LENGTH = 1000


@dataclass(frozen=True)
class Item:
    """One piece of a record that is disclosed (a field or a group of fields)."""

    code: str
    label: str | Promise
    # The disclosed text itself, kept (encrypted) on the disclosure when the recipient
    # cannot read the source record.
    value: str = ""


def clean_purpose(purpose: str) -> str:
    return clean_text(
        purpose,
        code="purpose",
        empty=_("Angiv formålet med videregivelsen."),
        too_long=gettext_lazy("Formålet må højst være %(max)d tegn."),
        max_length=PURPOSE_MAX_LENGTH,
    )


def check_legal_basis(legal_basis: str, *, allowed: Iterable[str] | None = None) -> None:
    choices = set(allowed) if allowed is not None else set(LegalBasis.values)
    if legal_basis not in choices:
        raise ValidationError(
            _("Vælg et gyldigt retsgrundlag for videregivelsen."), code="legal_basis_invalid"
        )


@transaction.atomic
def record_disclosure(
    *,
    actor: Any,
    kind: str,
    obj: models.Model,
    from_organisation: Organisation,
    to_organisation: Organisation,
    to_unit: Unit | None = None,
    regime: str,
    legal_basis: str,
    purpose: str,
    items: Sequence[Item],
    persons: Iterable[FocusPerson] = (),
) -> Disclosure:
    """Write the disclosure and its audit entry. Raises a translated ValidationError for
    a missing purpose, an unknown basis or nothing to disclose."""
    check_legal_basis(legal_basis)
    if regime not in Regime.values:
        raise ValidationError(_("Ukendt retligt regime."), code="regime_invalid")
    cleaned = clean_purpose(purpose)
    if not items:
        raise ValidationError(
            _("Vælg mindst én oplysning, der videregives."), code="items_required"
        )
    label_of = getattr(obj, "audit_label", None)
    disclosure = Disclosure.objects.create(
        kind=kind,
        disclosed_at=timezone.now(),
        disclosed_by=actor if getattr(actor, "is_authenticated", False) else None,
        from_organisation=from_organisation,
        to_organisation=to_organisation,
        to_unit=to_unit,
        regime=regime,
        legal_basis=legal_basis,
        purpose=cleaned,
        object_type=obj._meta.label_lower,
        object_id=str(obj.pk),
        object_label=str(label_of() if callable(label_of) else obj.pk)[:200],
        items=[{"code": item.code, "label": str(item.label)} for item in items],
        values=json.dumps({i.code: i.value for i in items if i.value}, ensure_ascii=False)
        if any(i.value for i in items)
        else "",
        prevention_only=legal_basis in PREVENTION_ONLY_BASES,
    )
    disclosure.persons.set(list(persons))
    audit.record(
        "DISCLOSURE_RECORDED",
        actor=actor,
        obj=disclosure,
        changes={
            "to_organisation": (None, to_organisation.slug),
            "to_unit": (None, to_unit.audit_label() if to_unit else None),
            "legal_basis": (None, legal_basis),
            "items": (None, [item.code for item in items]),
        },
        details={"kind": kind, "object": f"{disclosure.object_type}#{disclosure.object_id}"},
    )
    return disclosure


@transaction.atomic
def withdraw_disclosure(*, actor: Any, disclosure: Disclosure, reason: str) -> Disclosure:
    """Note that the recipient's access ended; the disclosure itself stays a fact."""
    record = Disclosure.objects.select_for_update().get(pk=disclosure.pk)
    if record.withdrawn_at is not None:
        raise ValidationError(_("Delingen er allerede trukket tilbage."), code="already_withdrawn")
    cleaned = clean_reason(reason)
    record.withdrawn_at = timezone.now()
    record.withdrawn_by = actor
    record.withdrawal_reason = cleaned
    record.save(update_fields=["withdrawn_at", "withdrawn_by", "withdrawal_reason"])
    audit.record(
        "DISCLOSURE_WITHDRAWN",
        actor=actor,
        obj=record,
        changes={"withdrawn_at": (None, record.withdrawn_at)},
        details={"reason": cleaned},
    )
    return record
