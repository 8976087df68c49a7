"""One organisation: its units; a district's municipalities, a municipality's district."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.test import Client

from infohus.organisations.models import Organisation
from tests.organisations.support import url

pytestmark = pytest.mark.django_db


def test_district_lists_units_and_its_municipalities_with_code_and_region(
    client_for: Callable[[str], Client],
) -> None:
    district = Organisation.objects.get(slug="oestjyllands-politi")
    response = client_for("coordinator_fyn").get(url("organisation_detail", district.pk))
    assert response.status_code == 200
    assert [u.slug for u in response.context["units"]] == ["eae", "forebyggelse", "infohus"]
    municipalities = {m.code: m for m in response.context["municipalities"]}
    assert municipalities["751"].name == "Aarhus"
    assert municipalities["751"].region.name == "Region Midtjylland"
    assert all(m.police_district_id == district.police_district_id for m in municipalities.values())
    body = response.content.decode()
    assert "<td>751</td>" in body
    assert "Region Midtjylland" in body


def test_municipality_shows_its_district(client_for: Callable[[str], Client]) -> None:
    odense = Organisation.objects.get(slug="kommune-461")
    district = Organisation.objects.get(slug="fyns-politi")
    response = client_for("municipal_contact").get(url("organisation_detail", odense.pk))
    assert response.context["municipality"].police_district.name == "Fyns Politi"
    body = response.content.decode()
    assert f'href="{url("organisation_detail", district.pk)}">Fyns Politi</a>' in body
    assert "<td>461</td>" in body


def test_national_body_has_units_and_no_geography(client_for: Callable[[str], Client]) -> None:
    pet = Organisation.objects.get(slug="pet")
    response = client_for("hotline_adviser").get(url("organisation_detail", pet.pk))
    assert response.context["municipality"] is None
    assert list(response.context["municipalities"]) == []
    assert len(response.context["units"]) == 3


def test_member_counts_for_system_admins_only(client_for: Callable[[str], Client]) -> None:
    operator = Organisation.objects.get(slug="infohus-drift")
    admin_page = client_for("system_admin").get(url("organisation_detail", operator.pk))
    counts = {u.slug: u.member_count for u in admin_page.context["units"]}
    assert counts["systemadministration"] == 1
    other = client_for("coordinator").get(url("organisation_detail", operator.pk))
    assert other.context["show_member_counts"] is False
    assert "Aktive medlemmer" not in other.content.decode()


def test_unknown_organisation_is_404(client_for: Callable[[str], Client]) -> None:
    assert client_for("coordinator").get(url("organisation_detail", 999_999)).status_code == 404
