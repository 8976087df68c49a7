"""The organisation directory: every organisation by kind with its units, searchable by
name; no staff names; member counts for system administrators only."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from django.test import Client

from infohus.accounts.models import User
from infohus.organisations import actions
from infohus.organisations.models import Organisation
from infohus.organisations.roles import OrganisationKind, Role
from tests.organisations.support import url
from tests.personas import unit

pytestmark = pytest.mark.django_db

# Session, user, MFA check, active membership, the role switcher's memberships; then the
# organisations, their units, the districts' municipalities (with their organisations).
# 9: the district staff's navigation counts their inbox (one query).
MAX_QUERIES = 9


def test_groups_every_organisation_by_kind_in_the_kinds_order(
    client_for: Callable[[str], Client],
) -> None:
    response = client_for("coordinator").get(url("directory"))
    assert response.status_code == 200
    groups = response.context["groups"]
    assert [g.label for g in groups] == [kind.label for kind in OrganisationKind]
    sizes = {g.label: len(g.organisations) for g in groups}
    assert sizes[OrganisationKind.POLICE_DISTRICT.label] == 12
    assert sizes[OrganisationKind.MUNICIPALITY.label] == 98
    assert response.context["count"] == Organisation.objects.count()


def test_districts_show_their_municipalities_and_municipalities_their_district(
    client_for: Callable[[str], Client],
) -> None:
    response = client_for("municipal_contact").get(url("directory"))
    organisations = {o.slug: o for g in response.context["groups"] for o in g.organisations}
    fyn = organisations["fyns-politi"]
    assert {m.code for m in fyn.police_district.municipalities.all()} >= {"461", "479"}
    assert organisations["kommune-461"].municipality.police_district.name == "Fyns Politi"
    body = response.content.decode()
    bornholm = organisations["bornholms-politi"]
    municipality = organisations["kommune-400"]
    # The district's row links its municipality; the municipality's row links its district.
    district_row = body.split('">Bornholms Politi</a></td>')[1].split("</tr>")[0]
    assert f'href="{url("organisation_detail", municipality.pk)}">Bornholm</a>' in district_row
    municipality_row = body.split('">Bornholm Kommune</a></td>')[1].split("</tr>")[0]
    assert f'href="{url("organisation_detail", bornholm.pk)}">Bornholms Politi</a>' in (
        municipality_row
    )


def test_units_are_listed(client_for: Callable[[str], Client]) -> None:
    body = client_for("pet_triage").get(url("directory")).content.decode()
    for name in ("Efterretnings- og Analyseenheden (EAE)", "Visitationscentret", "Exitindsatsen"):
        assert name in body


def test_search_by_name(client_for: Callable[[str], Client]) -> None:
    response = client_for("coordinator").get(url("directory"), {"q": "aarhus"})
    names = [o.name for g in response.context["groups"] for o in g.organisations]
    assert names == ["Aarhus Kommune"]
    empty = client_for("analyst").get(url("directory"), {"q": "Atlantis"})
    assert empty.context["groups"] == []
    assert "Ingen organisationer matcher søgningen." in empty.content.decode()


def test_no_staff_names_and_no_member_counts_for_ordinary_roles(
    client_for: Callable[[str], Client], persona: Callable[[str], User], staff: User
) -> None:
    response = client_for("coordinator_fyn").get(url("directory"))
    body = response.content.decode()
    assert response.context["show_member_counts"] is False
    assert "Anne Hansen" not in body
    assert "anne.hansen" not in body
    assert " medlem)" not in body
    assert " medlemmer)" not in body


def test_system_admins_see_member_counts_but_no_names(
    client_for: Callable[[str], Client], admin: User, staff: User
) -> None:
    actions.add_membership(
        actor=admin, user=staff, unit=unit("oestjyllands-politi", "eae"), role=Role.ANALYST
    )
    response = client_for("system_admin").get(url("directory"))
    assert response.context["show_member_counts"] is True
    east = next(
        o
        for g in response.context["groups"]
        for o in g.organisations
        if o.slug == "oestjyllands-politi"
    )
    counts = {u.slug: u.member_count for u in east.units.all()}
    assert counts == {"infohus": 0, "forebyggelse": 1, "eae": 1}
    body = response.content.decode()
    assert "1 medlem" in body
    assert "Anne Hansen" not in body
    assert url("reference_data") in body


@pytest.mark.parametrize("key", ["coordinator", "system_admin"])
def test_query_count_is_fixed(
    key: str, client_for: Callable[[str], Client], django_assert_max_num_queries: Any
) -> None:
    client = client_for(key)
    with django_assert_max_num_queries(MAX_QUERIES):
        assert client.get(url("directory")).status_code == 200
