"""Sharing a concern with the municipality's Infohus contact unit "where relevant"
(issue 3 item 6) as a disclosure with legal basis and purpose (issue 4 item 6)."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import Client

from infohus.accounts.models import User
from infohus.core.models import AuditEvent
from infohus.disclosures.models import Disclosure
from infohus.intake import sharing
from infohus.intake.models import Concern, ConcernShare
from infohus.organisations.models import Unit
from infohus.organisations.roles import UnitKind
from tests.intake.test_inbox import make_concern, url
from tests.personas import PERSONAS

pytestmark = pytest.mark.django_db

CPR = "010190-1234"


def aarhus_contact_unit() -> Unit:
    return Unit.objects.get(
        kind=UnitKind.MUNICIPAL_CONTACT_UNIT, organisation__municipality__code="751"
    )


def share(
    persona: Callable[[str], User], concern: Concern, items: list[str] | None = None
) -> ConcernShare:
    return sharing.share_concern(
        actor=persona("coordinator"),
        concern=concern,
        unit=aarhus_contact_unit(),
        legal_basis="rpl_115",
        purpose="Kommunen skal vurdere sociale foranstaltninger.",
        items=items or ["description"],
    )


def test_the_own_municipality_is_offered_first_and_only_the_districts_units() -> None:
    concern = make_concern("751")
    units = list(sharing.share_targets_for(concern))
    assert units[0] == aarhus_contact_unit()
    municipalities = [u.organisation.municipality for u in units]
    assert all(
        m is not None and m.police_district_id == concern.district_id for m in municipalities
    )
    assert not any(m is not None and m.code == "461" for m in municipalities)  # Odense: Fyn


def test_share_through_the_ui_records_a_disclosure_and_the_contact_sees_only_shared_items(
    client_for: Callable[[str], Client],
) -> None:
    concern = make_concern("751", description="Fiktiv beskrivelse XYZ.", cpr=CPR)
    coordinator = client_for("coordinator")
    assert coordinator.get(url("share_concern", pk=concern.pk)).status_code == 200
    response = coordinator.post(
        url("share_concern", pk=concern.pk),
        {
            "unit": aarhus_contact_unit().pk,
            "items": ["persons"],
            "legal_basis": "rpl_115",
            "purpose": "Kommunen skal vurdere sociale foranstaltninger.",
        },
    )
    assert response.status_code == 302
    disclosure = Disclosure.objects.get()
    assert disclosure.legal_basis == "rpl_115"
    assert disclosure.prevention_only is True
    assert disclosure.to_unit == aarhus_contact_unit()
    assert [item["code"] for item in disclosure.items] == ["persons"]
    assert disclosure.persons.count() == 1
    assert AuditEvent.objects.filter(verb="DISCLOSURE_RECORDED").exists()
    share_row = ConcernShare.objects.get()

    contact = client_for("municipal_contact")
    listing = contact.get(reverse_shared("list")).content.decode()
    assert concern.reference in listing
    page = contact.get(reverse_shared("detail", pk=share_row.pk)).content.decode()
    assert "Fiktiv Person" in page  # the shared person item
    assert "Fiktiv beskrivelse XYZ." not in page  # the description was not shared
    assert "Fiktiv Nabo" not in page  # the reporter is never shared
    assert "1234" not in page  # nor the CPR number unless ticked
    assert "må ikke bruges til efterforskning" in page
    assert AuditEvent.objects.filter(verb="CONCERNSHARE_VIEWED").exists()


def reverse_shared(name: str, **kwargs: int) -> str:
    from django.urls import reverse

    return reverse(f"shared_concerns:{name}", kwargs=kwargs or None)


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"items": ["description"], "legal_basis": "", "purpose": "Formål."}, "påkrævet"),
        ({"items": [], "legal_basis": "rpl_115", "purpose": "Formål."}, "påkrævet"),
        ({"items": ["description"], "legal_basis": "rpl_115", "purpose": " "}, "påkrævet"),
        (
            {"items": ["reporter"], "legal_basis": "rpl_115", "purpose": "Formål."},
            "gyldig valgmulighed",
        ),
        (
            {"items": ["description"], "legal_basis": "pet_act", "purpose": "F."},
            "gyldig valgmulighed",
        ),
    ],
)
def test_bad_share_input_is_explained_and_nothing_is_shared(
    client_for: Callable[[str], Client], data: dict[str, object], message: str
) -> None:
    concern = make_concern("751")
    response = client_for("coordinator").post(
        url("share_concern", pk=concern.pk), {"unit": aarhus_contact_unit().pk, **data}
    )
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not Disclosure.objects.exists() and not ConcernShare.objects.exists()


def test_sharing_twice_with_the_same_unit_is_refused(persona: Callable[[str], User]) -> None:
    concern = make_concern("751")
    share(persona, concern)
    with pytest.raises(ValidationError) as error:
        share(persona, concern)
    assert error.value.error_list[0].code == "already_shared"


def test_another_districts_unit_is_refused(persona: Callable[[str], User]) -> None:
    concern = make_concern("751")
    odense = Unit.objects.get(
        kind=UnitKind.MUNICIPAL_CONTACT_UNIT, organisation__municipality__code="461"
    )
    with pytest.raises(ValidationError):
        sharing.share_concern(
            actor=persona("coordinator"),
            concern=concern,
            unit=odense,
            legal_basis="rpl_115",
            purpose="Formål.",
            items=["description"],
        )


def test_analysts_may_not_share(persona: Callable[[str], User]) -> None:
    concern = make_concern("751")
    with pytest.raises(PermissionDenied):
        sharing.share_concern(
            actor=persona("analyst"),
            concern=concern,
            unit=aarhus_contact_unit(),
            legal_basis="rpl_115",
            purpose="Formål.",
            items=["description"],
        )


def test_withdrawing_ends_access_but_keeps_the_disclosure(
    persona: Callable[[str], User], client_for: Callable[[str], Client]
) -> None:
    concern = make_concern("751")
    row = share(persona, concern)
    contact = client_for("municipal_contact")
    assert contact.get(reverse_shared("detail", pk=row.pk)).status_code == 200
    coordinator = client_for("coordinator")
    path = url("withdraw_share", pk=concern.pk, share_pk=row.pk)
    assert coordinator.post(path, {"reason": ""}).status_code == 200  # reason required
    assert coordinator.post(path, {"reason": "Ikke længere relevant."}).status_code == 302
    assert contact.get(reverse_shared("detail", pk=row.pk)).status_code == 404
    disclosure = Disclosure.objects.get()
    assert disclosure.withdrawn_at is not None
    assert disclosure.withdrawal_reason == "Ikke længere relevant."
    # A withdrawn share cannot be withdrawn again: it is no longer there to act on.
    assert coordinator.get(path).status_code == 404
    detail = coordinator.get(url("concern_detail", pk=concern.pk)).content.decode()
    assert "Trukket tilbage" in detail


def test_matrix(persona: Callable[[str], User], client_for: Callable[[str], Client]) -> None:
    concern = make_concern("751")
    row = share(persona, concern)
    share_page = url("share_concern", pk=concern.pk)
    withdraw_page = url("withdraw_share", pk=concern.pk, share_pk=row.pk)
    detail = reverse_shared("detail", pk=row.pk)
    listing = reverse_shared("list")
    district = {"coordinator", "prevention_officer", "analyst"}
    for key in sorted(PERSONAS):
        client = client_for(key)
        expected_share = (
            200 if key in {"coordinator", "prevention_officer"} else 403 if key in district else 404
        )
        assert client.get(share_page).status_code == expected_share, key
        assert client.get(withdraw_page).status_code == expected_share, key
        contact = key in {"municipal_contact", "municipal_contact_odense"}
        assert client.get(listing).status_code == (200 if contact else 404), key
        assert client.get(detail).status_code == (200 if key == "municipal_contact" else 404), key
    # Odense's contact unit has an empty list: nothing was shared with it.
    assert (
        concern.reference
        not in client_for("municipal_contact_odense").get(listing).content.decode()
    )


def test_the_contact_unit_has_a_navigation_item(client_for: Callable[[str], Client]) -> None:
    from django.urls import reverse

    start = reverse("reporting:start")
    assert reverse_shared("list") in client_for("municipal_contact").get(start).content.decode()
    assert reverse_shared("list") not in client_for("coordinator").get(start).content.decode()
