"""Reference data: 5 regions, 12 police districts, 98 municipalities, each in the right place."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from infohus.core.models import AuditEvent
from infohus.organisations.models import Municipality, Organisation, PoliceDistrict, Region, Unit
from infohus.organisations.refdata import REFDATA_DIR, load_reference_data
from infohus.organisations.roles import OrganisationKind, UnitKind

pytestmark = pytest.mark.django_db
SHARED = Path(__file__).resolve().parents[3] / "shared" / "refdata"


def reference_rows() -> list[dict[str, str]]:
    with (REFDATA_DIR / "municipalities.csv").open(encoding="utf-8") as fh:
        return list(csv.DictReader(fh))


def test_counts() -> None:
    assert Region.objects.count() == 5
    assert PoliceDistrict.objects.count() == 12
    assert Municipality.objects.count() == 98


def test_every_municipality_is_in_the_district_and_region_of_the_reference_file() -> None:
    rows = reference_rows()
    assert len(rows) == 98
    loaded = {m.code: m for m in Municipality.objects.select_related("police_district", "region")}
    for row in rows:
        municipality = loaded[row["code"]]
        assert municipality.name == row["name"]
        assert municipality.police_district.name == row["police_district"], row["name"]
        assert municipality.region.name == row["region"], row["name"]


def test_district_municipality_counts_match_the_reference_file() -> None:
    with (REFDATA_DIR / "police_districts.csv").open(encoding="utf-8") as fh:
        expected = {row["name"]: int(row["municipality_count"]) for row in csv.DictReader(fh)}
    for district in PoliceDistrict.objects.all():
        assert district.municipalities.count() == expected[district.name], district.name
    assert sum(expected.values()) == 98


def test_known_placements() -> None:
    assert Municipality.objects.get(code="751").police_district.slug == "oestjyllands-politi"
    assert Municipality.objects.get(code="461").police_district.slug == "fyns-politi"
    assert Municipality.objects.get(code="400").police_district.slug == "bornholms-politi"
    assert Municipality.objects.get(code="101").region.code == "1084"


def test_each_district_has_an_infohus_with_prevention_unit_and_eae() -> None:
    for district in PoliceDistrict.objects.all():
        kinds = set(
            Unit.objects.filter(organisation__police_district=district).values_list(
                "kind", flat=True
            )
        )
        assert kinds == {UnitKind.INFOHUS, UnitKind.PREVENTION_UNIT, UnitKind.INTELLIGENCE_UNIT}


def test_each_municipality_is_an_organisation_with_a_contact_unit() -> None:
    assert Organisation.objects.filter(kind=OrganisationKind.MUNICIPALITY).count() == 98
    assert (
        Unit.objects.filter(kind=UnitKind.MUNICIPAL_CONTACT_UNIT)
        .values("organisation")
        .distinct()
        .count()
        == 98
    )


def test_national_bodies_exist() -> None:
    pet = Organisation.objects.get(kind=OrganisationKind.SECURITY_SERVICE)
    assert set(pet.units.values_list("kind", flat=True)) == {
        UnitKind.PET_PREVENTION_CENTRE,
        UnitKind.PET_TRIAGE,
        UnitKind.PET_EXIT_PROGRAMME,
    }
    for kind in (
        OrganisationKind.PRISON_SERVICE,
        OrganisationKind.NATIONAL_CENTRE,
        OrganisationKind.HOTLINE,
    ):
        assert Organisation.objects.filter(kind=kind).count() == 1


def test_reloading_is_idempotent_and_writes_no_audit_entry() -> None:
    before = (Organisation.objects.count(), Unit.objects.count(), AuditEvent.objects.count())
    report = load_reference_data()
    assert report.created == {} and report.updated == {}
    assert (
        Organisation.objects.count(),
        Unit.objects.count(),
        AuditEvent.objects.count(),
    ) == before


def test_reloading_repairs_a_changed_row_and_audits_it() -> None:
    Municipality.objects.filter(code="751").update(name="Forkert navn")
    report = load_reference_data()
    assert report.updated == {"Municipality": 1}
    assert Municipality.objects.get(code="751").name == "Aarhus"
    assert AuditEvent.objects.filter(verb="REFERENCE_DATA_LOADED").exists()


@pytest.mark.skipif(not SHARED.exists(), reason="shared/ reference data not beside this checkout")
def test_project_copy_matches_the_shared_reference_files() -> None:
    for name in ("municipalities.csv", "police_districts.csv"):
        assert (REFDATA_DIR / name).read_bytes() == (SHARED / name).read_bytes()
