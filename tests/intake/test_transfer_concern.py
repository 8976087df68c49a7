"""Transferring a concern to another district (the person moved) and PET passing one
on: the new district sees it with its history, the old one keeps only the line."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import Client

from infohus.accounts.models import User
from infohus.core.models import AuditEvent
from infohus.intake import inbox_actions
from infohus.intake.actions import ConcernInput
from infohus.intake.choices import Channel, ConcernStatus, SourceType
from infohus.intake.inbox import pet_triage_concerns_visible_to
from infohus.intake.models import Concern, ConcernTransfer
from infohus.intake.permissions import concerns_visible_to
from infohus.organisations.models import Municipality, PoliceDistrict
from tests.intake.test_inbox import make_concern, make_overdue, url
from tests.personas import PERSONAS

pytestmark = pytest.mark.django_db


def fyn() -> PoliceDistrict:
    return PoliceDistrict.objects.get(slug="fyns-politi")


def transfer_url(concern: Concern) -> str:
    return url("transfer_concern", pk=concern.pk)


def test_persona_matrix(client_for: Callable[[str], Client]) -> None:
    concern = make_concern()
    expected = {"coordinator": 200, "prevention_officer": 403, "analyst": 403}
    for key in sorted(PERSONAS):
        client = client_for(key)
        assert client.get(transfer_url(concern)).status_code == expected.get(key, 404), key
        assert client.post(transfer_url(concern)).status_code == expected.get(key, 404), key
    response = client_for("anonymous").get(transfer_url(concern))
    assert response.status_code == 302 and response["Location"].startswith("/accounts/login/")


def test_transfer_moves_the_concern_with_its_history(
    client_for: Callable[[str], Client], persona: Callable[[str], User]
) -> None:
    coordinator = persona("coordinator")
    concern = make_overdue(make_concern())
    inbox_actions.assign_concern(actor=coordinator, concern=concern, assignee=persona("analyst"))
    response = client_for("coordinator").post(
        transfer_url(concern), {"district": fyn().pk, "reason": "Personen er flyttet til Odense."}
    )
    assert response.status_code == 302 and response["Location"] == url()
    concern.refresh_from_db()
    assert concern.district == fyn()
    assert concern.inbox_unit is not None and concern.inbox_unit.organisation.slug == "fyns-politi"
    assert concern.assigned_to is None and concern.status == ConcernStatus.RECEIVED
    assert (
        concern.screening_due_on is not None
        and concern.screening_due_on > concern.received_at.date()
    )
    # The new district sees it; the old one no longer does.
    assert list(concerns_visible_to(persona("coordinator_fyn"))) == [concern]
    assert not concerns_visible_to(coordinator).exists()
    transfer = ConcernTransfer.objects.get()
    assert (
        transfer.from_district is not None and transfer.from_district.slug == "oestjyllands-politi"
    )
    assert transfer.reason == "Personen er flyttet til Odense."
    event = AuditEvent.objects.get(verb="CONCERN_TRANSFERRED")
    assert event.changes["district"] == {"from": "oestjyllands-politi", "to": "fyns-politi"}
    assert event.changes["_details"]["reason"] == "Personen er flyttet til Odense."


def test_transfer_needs_a_reason_and_another_district(
    client_for: Callable[[str], Client], persona: Callable[[str], User]
) -> None:
    concern = make_concern()
    with pytest.raises(ValidationError) as error:
        inbox_actions.transfer_concern(
            actor=persona("coordinator"), concern=concern, to_district=fyn(), reason="  "
        )
    assert error.value.code == "reason_required"
    assert concern.district is not None
    with pytest.raises(ValidationError) as error:
        inbox_actions.transfer_concern(
            actor=persona("coordinator"), concern=concern, to_district=concern.district, reason="x"
        )
    assert error.value.code == "same_district"
    response = client_for("coordinator").post(
        transfer_url(concern), {"district": fyn().pk, "reason": ""}
    )
    assert response.status_code == 200
    assert "reason" in response.context["form"].errors
    assert not ConcernTransfer.objects.exists()


@pytest.mark.parametrize("key", ["prevention_officer", "analyst", "coordinator_fyn"])
def test_only_the_districts_coordinator_may_transfer(
    key: str, persona: Callable[[str], User]
) -> None:
    concern = make_concern()
    with pytest.raises(PermissionDenied):
        inbox_actions.transfer_concern(
            actor=persona(key), concern=concern, to_district=fyn(), reason="flyttet"
        )


def test_closed_concern_cannot_be_transferred(persona: Callable[[str], User]) -> None:
    concern = make_concern()
    Concern.objects.filter(pk=concern.pk).update(status=ConcernStatus.CLOSED)
    with pytest.raises(ValidationError) as error:
        inbox_actions.transfer_concern(
            actor=persona("coordinator"), concern=concern, to_district=fyn(), reason="flyttet"
        )
    assert error.value.code == "not_open"


# --- PET passes a concern outside its target group to a district ---------------------------


def pet_concern(actor: User) -> Concern:
    return inbox_actions.receive_concern_for_pet_triage(
        actor=actor,
        data=ConcernInput(
            source_type=SourceType.PET,
            channel=Channel.STAFF_FORM,
            description="Uden for PET's målgruppe (fiktivt).",
            municipality=Municipality.objects.get(code="751"),
        ),
    )


def test_pet_triage_holds_a_concern_no_district_sees(persona: Callable[[str], User]) -> None:
    concern = pet_concern(persona("pet_triage"))
    assert concern.district is None and concern.inbox_unit is not None
    assert list(pet_triage_concerns_visible_to(persona("pet_triage"))) == [concern]
    for key in ("coordinator", "analyst", "pet_exit_worker", "system_admin"):
        assert not concerns_visible_to(persona(key)).exists(), key
        assert not pet_triage_concerns_visible_to(persona(key)).exists(), key
    with pytest.raises(PermissionDenied):
        pet_concern(persona("coordinator"))


def test_pet_passes_a_concern_to_a_district(persona: Callable[[str], User]) -> None:
    triage = persona("pet_triage")
    concern = pet_concern(triage)
    inbox_actions.pass_concern_to_district(
        actor=triage, concern=concern, to_district=fyn(), reason="Uden for målgruppen."
    )
    concern.refresh_from_db()
    assert list(concerns_visible_to(persona("coordinator_fyn"))) == [concern]
    assert not pet_triage_concerns_visible_to(triage).exists()
    transfer = ConcernTransfer.objects.get()
    assert transfer.kind == "pet_to_district" and transfer.from_district is None
    assert AuditEvent.objects.filter(verb="CONCERN_PASSED_TO_DISTRICT").count() == 1
    with pytest.raises(PermissionDenied):  # it has left PET's inbox
        inbox_actions.pass_concern_to_district(
            actor=triage, concern=concern, to_district=fyn(), reason="igen"
        )
