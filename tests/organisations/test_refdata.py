"""The reference-data page: counts, and reloading the reference files."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.test import Client

from infohus.accounts.models import User
from infohus.core.models import AuditEvent
from infohus.organisations.models import Municipality, Organisation, Unit
from tests.organisations.support import messages_of, url

pytestmark = pytest.mark.django_db


def test_shows_the_counts(client_for: Callable[[str], Client]) -> None:
    response = client_for("system_admin").get(url("reference_data"))
    assert response.status_code == 200
    counts = dict(response.context["counts"])
    assert counts["Regioner"] == 5
    assert counts["Politikredse"] == 12
    assert counts["Kommuner"] == 98
    assert counts["Organisationer"] == Organisation.objects.count()
    assert counts["Enheder"] == Unit.objects.count()
    assert url("reload_reference_data") in response.content.decode()


def test_reload_with_nothing_changed_says_so_and_writes_no_entry(
    client_for: Callable[[str], Client], admin: User
) -> None:
    response = client_for("system_admin").post(url("reload_reference_data"))
    assert response.status_code == 302
    assert response["Location"] == url("reference_data")
    assert messages_of(response) == ["Referencedata er genindlæst. Intet var ændret."]
    assert not AuditEvent.objects.filter(verb="REFERENCE_DATA_LOADED", actor=admin).exists()


def test_reload_repairs_changed_data_and_reports_it(
    client_for: Callable[[str], Client], admin: User
) -> None:
    Municipality.objects.filter(code="751").update(name="Aarhuus")
    east = Organisation.objects.get(slug="oestjyllands-politi")
    Unit.objects.filter(organisation=east, slug="eae").update(name="Gammelt navn")
    response = client_for("system_admin").post(url("reload_reference_data"))
    assert Municipality.objects.get(code="751").name == "Aarhus"
    assert Unit.objects.get(organisation=east, slug="eae").name.startswith("Efterretnings")
    assert messages_of(response) == [
        "Referencedata er genindlæst. Opdateret – kommuner: 1, enheder: 1."
    ]
    event = AuditEvent.objects.get(verb="REFERENCE_DATA_LOADED", actor=admin)
    assert event.changes["_details"]["updated"] == {"Municipality": 1, "Unit": 1}
