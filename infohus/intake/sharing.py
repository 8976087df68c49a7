"""Sharing a concern with the municipality's Infohus contact unit, where relevant.

A concern is police information; the municipality sees it only when the district
decides the municipality needs it (DOMAIN §3.3: involve the municipality), under a named
legal basis (most often retsplejelovens § 115), with a purpose, and only the items the
district ticks — never the reporter's identity (a protected source). Each share is a
``Disclosure`` (infohus.disclosures) written in the same transaction; withdrawing it
ends the contact unit's access, the disclosure stays on record.

Public functions:

* ``can_share_concern(user, concern)`` / ``share_targets_for(concern)``;
* ``share_concern(*, actor, concern, unit, legal_basis, purpose, items) -> ConcernShare``;
* ``withdraw_share(*, actor, share, reason) -> ConcernShare``;
* ``shares_visible_to(user)`` / ``get_share_for_user(user, pk)`` — the contact unit's view.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models, transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from infohus.core.permissions import get_visible_or_404
from infohus.disclosures import actions as disclosure_actions
from infohus.disclosures.legal import DisclosureKind, LegalBasis, Regime
from infohus.intake.models import Concern, ConcernShare, ConcernSubject
from infohus.organisations import permissions as org_perms
from infohus.organisations.models import Unit
from infohus.organisations.roles import Role, UnitKind

SHARING_ROLES = (Role.COORDINATOR, Role.PREVENTION_OFFICER)

# What may be shared, in the order the form offers it. The reporter is never on the list.
SHAREABLE_ITEMS: dict[str, Any] = {
    "description": gettext_lazy("Bekymringen (beskrivelse, hvornår og hvor)"),
    "persons": gettext_lazy("Personoplysninger (navn, fødselsdato, bopæl)"),
    "cpr": gettext_lazy("CPR-nummer"),
    "ideology": gettext_lazy("Miljø som beskrevet af indberetter"),
    "interview": gettext_lazy("Svar på interviewguidens spørgsmål"),
    "source": gettext_lazy("Kildetype (aldrig indberetterens identitet)"),
}

# The bases a police district shares a concern with a municipality under.
SHARE_LEGAL_BASES = (
    LegalBasis.RPL_115,
    LegalBasis.RPL_115A,
    LegalBasis.SERVICE_ACT,
    LegalBasis.CONSENT,
)


def can_share_concern(user: Any, concern: Concern) -> bool:
    return (
        org_perms.has_role(user, *SHARING_ROLES)
        and concern.district_id is not None
        and concern.district_id == org_perms.district_id_of(user)
    )


def share_targets_for(concern: Concern) -> models.QuerySet[Unit]:
    """The Infohus contact units of the municipalities in the concern's district; the
    concern's own municipality first."""
    units = Unit.objects.filter(
        kind=UnitKind.MUNICIPAL_CONTACT_UNIT,
        organisation__municipality__police_district_id=concern.district_id,
    ).select_related("organisation")
    own = concern.municipality_id
    return units.annotate(
        is_own=models.Case(
            models.When(organisation__municipality_id=own, then=models.Value(0)),
            default=models.Value(1),
        )
    ).order_by("is_own", "organisation__name", "name")


@transaction.atomic
def share_concern(
    *,
    actor: Any,
    concern: Concern,
    unit: Unit,
    legal_basis: str,
    purpose: str,
    items: Sequence[str],
) -> ConcernShare:
    if not can_share_concern(actor, concern):
        raise PermissionDenied("not_allowed_to_share")
    if not share_targets_for(concern).filter(pk=unit.pk).exists():
        raise ValidationError(
            _("Vælg en kommunal kontaktenhed i kredsen."), code="unit_not_in_district"
        )
    disclosure_actions.check_legal_basis(legal_basis, allowed=SHARE_LEGAL_BASES)
    unknown = [code for code in items if code not in SHAREABLE_ITEMS]
    if unknown:
        raise ValidationError(_("Ukendt oplysning valgt."), code="items_invalid")
    if ConcernShare.objects.filter(
        concern=concern, unit=unit, disclosure__withdrawn_at__isnull=True
    ).exists():
        raise ValidationError(
            _("Henvendelsen er allerede delt med denne enhed. Træk delingen tilbage først."),
            code="already_shared",
        )
    membership = org_perms.active_membership(actor)
    assert membership is not None
    ordered = [code for code in SHAREABLE_ITEMS if code in items]
    persons = [link.person for link in ConcernSubject.objects.filter(concern=concern)]
    disclosure = disclosure_actions.record_disclosure(
        actor=actor,
        kind=DisclosureKind.CONCERN_SHARE,
        obj=concern,
        from_organisation=membership.organisation,
        to_organisation=unit.organisation,
        to_unit=unit,
        regime=Regime.LAW_ENFORCEMENT,
        legal_basis=legal_basis,
        purpose=purpose,
        items=[disclosure_actions.Item(code, str(SHAREABLE_ITEMS[code])) for code in ordered],
        persons=persons if {"persons", "cpr"} & set(ordered) else [],
    )
    return ConcernShare.objects.create(concern=concern, unit=unit, disclosure=disclosure)


@transaction.atomic
def withdraw_share(*, actor: Any, share: ConcernShare, reason: str) -> ConcernShare:
    if not can_share_concern(actor, share.concern):
        raise PermissionDenied("not_allowed_to_share")
    disclosure_actions.withdraw_disclosure(actor=actor, disclosure=share.disclosure, reason=reason)
    share.disclosure.refresh_from_db()
    return share


def shares_of(concern: Concern) -> models.QuerySet[ConcernShare]:
    return concern.shares.select_related(
        "unit__organisation", "disclosure__disclosed_by", "disclosure__withdrawn_by"
    )


# --- the municipal contact unit's side ----------------------------------------------------


def shares_visible_to(user: Any) -> models.QuerySet[ConcernShare]:
    """Active shares to the unit the user acts in (municipal contacts only)."""
    membership = org_perms.active_membership(user)
    if membership is None or not org_perms.has_role(user, Role.MUNICIPAL_CONTACT):
        return ConcernShare.objects.none()
    return ConcernShare.objects.filter(
        unit_id=membership.unit_id, disclosure__withdrawn_at__isnull=True
    ).select_related("concern", "concern__district", "disclosure", "disclosure__disclosed_by")


def get_share_for_user(user: Any, pk: Any) -> ConcernShare:
    share: ConcernShare = get_visible_or_404(shares_visible_to(user), pk, actor=user, log_read=True)
    return share


def can_use_shared_inbox(user: Any) -> bool:
    return org_perms.has_role(user, Role.MUNICIPAL_CONTACT)
